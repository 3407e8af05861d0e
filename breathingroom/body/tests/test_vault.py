"""What a copy of the database shows of a check-in: places and strengths, never feelings, needs or words."""

from __future__ import annotations

from django.db import connection

from breathingroom.body import checking_in
from breathingroom.body.checking_in import Place


def raw_row(check_in_id) -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM body_checkin WHERE id = %s", [check_in_id.hex])
        columns = [c[0] for c in cursor.description]
        row = cursor.fetchone()
    return dict(zip(columns, row, strict=True))


def test_feelings_the_need_and_the_words_are_tokens(alex):
    kept = checking_in.record(
        alex,
        [Place("chest", "tight", 7)],
        feelings=["ashamed", "lonely"],
        need="time_alone",
        own_feeling="small",
        note="under the skin",
    )
    row = raw_row(kept.pk)
    for column in ("feelings", "need", "own_feeling", "note"):
        assert str(row[column]).startswith("gAAAA"), column
    everything = repr(row)
    for said in ("ashamed", "lonely", "time_alone", "small", "under the skin"):
        assert said not in everything, said


def test_no_feelings_is_a_token_too_so_a_copy_cannot_tell_who_chose_none(alex):
    row = raw_row(checking_in.record(alex, [Place("chest", "tight", 7)]).pk)
    assert str(row["feelings"]).startswith("gAAAA")
