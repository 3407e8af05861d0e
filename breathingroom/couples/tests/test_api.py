"""The couple part of the JSON API at /api/v1/couple, as a phone or a script sees it.

Everything is asserted on what a client receives (status, JSON body, headers) and on the state
that later requests reveal. The database is touched directly only to reach a state the API cannot
produce on its own in a test: an invitation that ran out of time.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom.accounts.models import Person
from breathingroom.conftest import assert_json, client_for, make_person
from breathingroom.couples import pairing
from breathingroom.couples.models import CODE_ALPHABET, Invitation

API = "/api/v1"
COUPLE = f"{API}/couple"
INVITATIONS = f"{COUPLE}/invitations"
JOIN = f"{COUPLE}/join"
MEMBERSHIP = f"{COUPLE}/membership"

# (method, path, body) for every couple operation; the body is what a well-formed call sends.
OPERATIONS = [
    pytest.param("get", COUPLE, None, id="get-couple"),
    pytest.param("post", INVITATIONS, None, id="create-invitation"),
    pytest.param("delete", f"{INVITATIONS}/ABCD-EFGH", None, id="revoke-invitation"),
    pytest.param("post", JOIN, {"code": "ABCD-EFGH"}, id="join"),
    pytest.param("delete", MEMBERSHIP, None, id="leave"),
]
UNSAFE_OPERATIONS = [op for op in OPERATIONS if op.values[0] != "get"]

# (path, the one allowed method, methods that must be refused)
WRONG_METHODS = [
    pytest.param(COUPLE, "GET", ["put", "patch", "post", "delete"], id="couple"),
    pytest.param(INVITATIONS, "POST", ["put", "patch", "get", "delete"], id="invitations"),
    pytest.param(f"{INVITATIONS}/ABCD-EFGH", "DELETE", ["put", "patch", "get", "post"], id="invitation"),
    pytest.param(JOIN, "POST", ["put", "patch", "get", "delete"], id="join"),
    pytest.param(MEMBERSHIP, "DELETE", ["put", "patch", "get", "post"], id="membership"),
]


def call(client: Client, method: str, path: str, body: object = None):
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, content_type="application/json")


def invite(client: Client) -> dict:
    return assert_json(client.post(INVITATIONS), 201)


def join(client: Client, code: object):
    return client.post(JOIN, {"code": code}, content_type="application/json")


def stored(code: str) -> str:
    return code.replace("-", "")


@pytest.fixture
def kim(db) -> Person:
    return make_person("Kim", "Asia/Tokyo")


@pytest.fixture
def kim_client(kim) -> Client:
    return client_for(kim)


@pytest.fixture
def lee_client(db) -> Client:
    return client_for(make_person("Lee", "America/Sao_Paulo"))


# --- Creating an invitation -----------------------------------------------------------------


def test_create_invitation_returns_a_code_a_link_and_an_expiry_72_hours_ahead(jo_client):
    before = datetime.now(UTC)
    body = invite(jo_client)
    after = datetime.now(UTC)

    assert set(body) == {"code", "link", "expires_at"}
    code = body["code"]
    assert len(code) == 9
    assert code[4] == "-"
    assert all(ch in CODE_ALPHABET for ch in stored(code))
    assert code in body["link"]
    assert body["link"].startswith(("http://", "https://"))
    expires_at = datetime.fromisoformat(body["expires_at"])
    assert expires_at.tzinfo is not None
    assert before + timedelta(hours=72) - timedelta(seconds=1) <= expires_at
    assert expires_at <= after + timedelta(hours=72)


def test_a_new_invitation_withdraws_the_previous_one(jo_client, kim_client):
    first = invite(jo_client)["code"]
    second = invite(jo_client)["code"]
    assert first != second

    body = assert_json(join(kim_client, first), 409)
    assert "withdrawn" in body["detail"]
    assert_json(join(kim_client, second), 201)


def test_someone_in_a_couple_cannot_create_an_invitation(alex_client):
    body = assert_json(alex_client.post(INVITATIONS), 409)
    assert "already in a couple" in body["detail"]


# --- Withdrawing an invitation --------------------------------------------------------------


def test_revoke_invitation_answers_204_and_the_code_then_cannot_be_used(jo_client, kim_client):
    code = invite(jo_client)["code"]

    response = jo_client.delete(f"{INVITATIONS}/{code}")
    assert response.status_code == 204
    assert response.content == b""

    body = assert_json(join(kim_client, code), 409)
    assert "withdrawn" in body["detail"]
    # Nothing changed for either of them.
    assert_json(kim_client.get(COUPLE), 404)
    assert_json(jo_client.get(COUPLE), 404)


@pytest.mark.parametrize("spelling", [str.lower, stored, lambda code: code.replace("-", " ")])
def test_revoke_invitation_accepts_the_code_however_it_is_written(jo_client, kim_client, spelling):
    code = invite(jo_client)["code"]
    response = jo_client.delete(f"{INVITATIONS}/{quote(spelling(code))}")
    assert response.status_code == 204
    assert "withdrawn" in assert_json(join(kim_client, code), 409)["detail"]


def test_revoking_twice_says_it_was_already_withdrawn(jo_client):
    code = invite(jo_client)["code"]
    assert jo_client.delete(f"{INVITATIONS}/{code}").status_code == 204
    body = assert_json(jo_client.delete(f"{INVITATIONS}/{code}"), 409)
    assert "withdrawn" in body["detail"]


def test_revoking_an_unknown_code_is_404(jo_client):
    body = assert_json(jo_client.delete(f"{INVITATIONS}/ABCD-EFGH"), 404)
    assert "No invitation has that code" in body["detail"]


@pytest.mark.parametrize("code", ["hello", "ABCD-EFG!", "x" * 10_000])
def test_revoking_a_malformed_code_is_404_like_an_unknown_one(jo_client, code):
    unknown = assert_json(jo_client.delete(f"{INVITATIONS}/ABCD-EFGH"), 404)
    assert assert_json(jo_client.delete(f"{INVITATIONS}/{quote(code)}"), 404) == unknown


def test_outsider_cannot_revoke_someone_elses_invitation_and_sees_it_as_unknown(alex, robin_client, jo_client):
    alex_client = client_for(alex)  # alex without sam here, so alex can invite
    code = invite(alex_client)["code"]

    unknown = assert_json(robin_client.delete(f"{INVITATIONS}/ZZZZ-ZZZZ"), 404)
    response = robin_client.delete(f"{INVITATIONS}/{code}")
    assert assert_json(response, 404) == unknown

    # Alex's invitation is untouched: jo can still use it.
    body = assert_json(join(jo_client, code), 201)
    assert {p["display_name"] for p in body["partners"]} == {"Alex", "Jo"}


def test_partner_cannot_revoke_the_other_partners_used_code(alex, sam_client):
    code = Invitation.objects.get(inviter=alex).display_code
    assert_json(sam_client.delete(f"{INVITATIONS}/{code}"), 404)


# --- Joining --------------------------------------------------------------------------------


def test_join_answers_201_with_the_couple_and_both_partners_then_see_it(jo, jo_client, kim_client):
    code = invite(jo_client)["code"]

    joined = assert_json(join(kim_client, code), 201)
    assert set(joined) == {"id", "created_at", "partners"}
    assert joined["partners"] == [
        {"display_name": "Jo", "time_zone": "Europe/Berlin", "is_me": False},
        {"display_name": "Kim", "time_zone": "Asia/Tokyo", "is_me": True},
    ]

    as_jo = assert_json(jo_client.get(COUPLE), 200)
    as_kim = assert_json(kim_client.get(COUPLE), 200)
    assert as_jo["id"] == as_kim["id"] == joined["id"]
    assert as_jo["created_at"] == joined["created_at"]
    assert [p["is_me"] for p in as_jo["partners"]] == [True, False]
    assert [p["is_me"] for p in as_kim["partners"]] == [False, True]


@pytest.mark.parametrize(
    "spelling",
    [
        pytest.param(str.lower, id="lowercase"),
        pytest.param(stored, id="no-dash"),
        pytest.param(lambda code: f"  {code[:4]} {code[5:]} ", id="spaces"),
    ],
)
def test_join_accepts_the_code_however_it_is_written(jo_client, kim_client, spelling):
    code = invite(jo_client)["code"]
    assert_json(join(kim_client, spelling(code)), 201)


@pytest.mark.parametrize("code", ["hello", "ABCD-EFG", "ABCD-EFGH-J", "ABCD-EFG!", "ÄBCD-EFGH"])
def test_join_with_a_malformed_code_is_400(jo_client, code):
    body = assert_json(join(jo_client, code), 400)
    assert "doesn't look like an invitation code" in body["detail"]


def test_join_with_an_unknown_code_is_404(jo_client):
    body = assert_json(join(jo_client, "ABCD-EFGH"), 404)
    assert "No invitation has that code" in body["detail"]
    assert_json(jo_client.get(COUPLE), 404)


def test_join_with_an_expired_code_is_409(jo_client, kim_client):
    code = invite(jo_client)["code"]
    Invitation.objects.filter(code=stored(code)).update(expires_at=timezone.now() - timedelta(seconds=1))

    body = assert_json(join(kim_client, code), 409)
    assert "expired" in body["detail"]
    assert_json(kim_client.get(COUPLE), 404)


def test_join_with_a_used_code_is_409(jo_client, kim_client, lee_client):
    code = invite(jo_client)["code"]
    assert_json(join(kim_client, code), 201)

    body = assert_json(join(lee_client, code), 409)
    assert "already been used" in body["detail"]
    assert_json(lee_client.get(COUPLE), 404)


def test_join_with_a_withdrawn_code_is_409(jo_client, kim_client):
    code = invite(jo_client)["code"]
    assert jo_client.delete(f"{INVITATIONS}/{code}").status_code == 204

    body = assert_json(join(kim_client, code), 409)
    assert "withdrawn" in body["detail"]


def test_join_with_your_own_code_is_400(jo_client):
    code = invite(jo_client)["code"]
    body = assert_json(join(jo_client, code), 400)
    assert "your own invitation" in body["detail"]
    assert_json(jo_client.get(COUPLE), 404)


def test_joining_while_already_in_a_couple_is_409_and_leaves_the_code_usable(sam_client, jo_client, kim_client):
    code = invite(jo_client)["code"]

    body = assert_json(join(sam_client, code), 409)
    assert "You are already in a couple" in body["detail"]
    assert {p["display_name"] for p in assert_json(sam_client.get(COUPLE), 200)["partners"]} == {
        "Alex",
        "Sam",
    }
    assert_json(join(kim_client, code), 201)


def test_joining_a_code_whose_inviter_has_since_paired_is_409_and_says_nothing_of_them(
    jo_client, kim_client, lee_client
):
    code = invite(jo_client)["code"]
    # Jo pairs with kim through kim's code, while jo's own code is still out with lee.
    assert_json(join(jo_client, invite(kim_client)["code"]), 201)

    body = assert_json(join(lee_client, code), 409)
    # Lee learns only that the code stopped working, not that Jo is with someone now.
    assert body["detail"] == str(pairing.RevokedInvitation.message)
    assert "couple" not in body["detail"]
    assert_json(lee_client.get(COUPLE), 404)
    assert {p["display_name"] for p in assert_json(jo_client.get(COUPLE), 200)["partners"]} == {"Jo", "Kim"}


def test_join_after_too_many_failed_codes_is_429_even_for_a_good_code(jo_client, kim_client):
    code = invite(jo_client)["code"]
    for _ in range(10):
        assert_json(join(kim_client, "ZZZZ-ZZZZ"), 404)

    body = assert_json(join(kim_client, code), 429)
    assert "wait" in body["detail"]
    assert_json(kim_client.get(COUPLE), 404)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"code": 5}, id="number"),
        pytest.param({"code": None}, id="null"),
        pytest.param({"code": ["ABCD-EFGH"]}, id="list"),
        pytest.param({"code": {"value": "ABCD-EFGH"}}, id="object"),
        pytest.param({}, id="missing"),
        pytest.param({"invitation": "ABCD-EFGH"}, id="misnamed"),
        pytest.param({"code": "ABCD-EFGH", "extra": 1}, id="unknown-field"),
        pytest.param([], id="array"),
        pytest.param({"code": "x" * 10_000}, id="huge"),
    ],
)
def test_join_with_the_wrong_shape_of_body_is_422(jo_client, body):
    response = jo_client.post(JOIN, body, content_type="application/json")
    assert isinstance(assert_json(response, 422)["detail"], list)


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        pytest.param("{not json", "application/json", id="broken-json"),
        pytest.param(b"\xff\xfe\x00", "application/json", id="not-utf8"),
        pytest.param("code=ABCD-EFGH", "text/plain", id="plain-text"),
        pytest.param("", "application/json", id="empty"),
    ],
)
def test_join_with_a_body_that_is_not_json_is_a_client_error(jo_client, data, content_type):
    response = jo_client.post(JOIN, data, content_type=content_type)
    assert response.status_code in {400, 422}
    assert_json(response, response.status_code)


# Text of any kind, including what normalises to a well-formed code, so the lookup runs too.
join_codes = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=CODE_ALPHABET + "ilo- _.", min_size=6, max_size=12),
)


@hsettings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(code=join_codes)
def test_any_text_as_the_join_code_gets_a_json_client_error_never_a_server_error(jo_client, code):
    cache.clear()  # each example starts below the failed-attempt limit, so the lookup really runs
    response = join(jo_client, code)
    assert response.status_code in {400, 404, 422}, (code, response.content)
    assert_json(response, response.status_code)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
    max_leaves=8,
)


@hsettings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=json_values, wrap=st.booleans())
def test_any_json_body_for_join_gets_a_json_client_error_never_a_server_error(jo_client, value, wrap):
    cache.clear()
    body = {"code": value} if wrap else value
    response = jo_client.post(JOIN, json.dumps(body), content_type="application/json")
    assert 400 <= response.status_code < 500, (body, response.content)
    assert_json(response, response.status_code)


@hsettings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(code=st.text(min_size=1, max_size=80))
def test_any_text_as_the_code_to_revoke_gets_json_never_a_server_error(jo_client, code):
    response = jo_client.delete(f"{INVITATIONS}/{quote(code, safe='')}")
    assert response.status_code in {404, 405}, (code, response.content)
    assert_json(response, response.status_code)


# --- Seeing the couple ----------------------------------------------------------------------


def test_get_couple_shows_both_partners_names_time_zones_and_who_is_me(alex_client, sam_client, couple):
    as_alex = assert_json(alex_client.get(COUPLE), 200)
    assert as_alex["id"] == str(couple.id)
    assert as_alex["partners"] == [
        {"display_name": "Alex", "time_zone": "Europe/London", "is_me": True},
        {"display_name": "Sam", "time_zone": "America/New_York", "is_me": False},
    ]
    datetime.fromisoformat(as_alex["created_at"])

    as_sam = assert_json(sam_client.get(COUPLE), 200)
    assert as_sam["id"] == as_alex["id"]
    assert [p["is_me"] for p in as_sam["partners"]] == [False, True]


def test_get_couple_without_a_partner_is_404(jo_client):
    body = assert_json(jo_client.get(COUPLE), 404)
    assert body["detail"] == "You are not in a couple."


def test_outsider_sees_only_their_own_couple(couple, robin_client):
    body = assert_json(robin_client.get(COUPLE), 200)
    assert body["id"] != str(couple.id)
    names = {p["display_name"] for p in body["partners"]}
    assert names == {"Robin", "Casey"}


# --- Leaving --------------------------------------------------------------------------------


def test_leave_answers_204_and_then_neither_partner_has_a_couple(alex_client, sam_client):
    response = alex_client.delete(MEMBERSHIP)
    assert response.status_code == 204
    assert response.content == b""

    assert_json(alex_client.get(COUPLE), 404)
    assert_json(sam_client.get(COUPLE), 404)
    # Both are free to invite someone again.
    invite(alex_client)
    invite(sam_client)


def test_leaving_twice_is_404(alex_client, sam_client):
    assert alex_client.delete(MEMBERSHIP).status_code == 204
    body = assert_json(sam_client.delete(MEMBERSHIP), 404)
    assert body["detail"] == "You are not in a couple."


def test_leave_without_a_couple_is_404(jo_client):
    assert_json(jo_client.delete(MEMBERSHIP), 404)


def test_outsider_leaving_does_not_touch_anyone_elses_couple(alex_client, robin_client):
    assert robin_client.delete(MEMBERSHIP).status_code == 204
    assert_json(robin_client.get(COUPLE), 404)
    assert {p["display_name"] for p in assert_json(alex_client.get(COUPLE), 200)["partners"]} == {
        "Alex",
        "Sam",
    }


def test_former_partners_can_pair_again_with_a_new_code(alex_client, sam_client):
    assert alex_client.delete(MEMBERSHIP).status_code == 204
    code = invite(alex_client)["code"]
    body = assert_json(join(sam_client, code), 201)
    assert assert_json(alex_client.get(COUPLE), 200)["id"] == body["id"]


# --- Across every operation -----------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_anonymous_callers_get_401_json(db, method, path, body):
    body = assert_json(call(Client(), method, path, body), 401)
    assert body == {"detail": "Unauthorized"}


@pytest.mark.parametrize(("method", "path", "body"), UNSAFE_OPERATIONS)
def test_anonymous_non_browser_clients_get_401_not_a_csrf_error_on_unsafe_methods(db, method, path, body):
    client = Client(enforce_csrf_checks=True)  # like a phone or curl: no CSRF exemption
    assert_json(call(client, method, path, body), 401)


@pytest.mark.parametrize(("path", "allowed", "wrong_methods"), WRONG_METHODS)
def test_wrong_http_method_is_405_json_with_allow_header(jo_client, path, allowed, wrong_methods):
    for method in wrong_methods:
        response = getattr(jo_client, method)(path)
        body = assert_json(response, 405)
        assert body == {"detail": "Method Not Allowed"}, method
        assert allowed in response["Allow"], method


@pytest.mark.parametrize("path", [f"{API}/couples", f"{COUPLE}/", f"{COUPLE}/invitations/a/b", f"{API}/"])
def test_unknown_urls_under_the_api_are_404_json(jo_client, path):
    body = assert_json(jo_client.get(path), 404)
    assert body == {"detail": "Not Found"}


# --- Browser sessions and CSRF --------------------------------------------------------------


def browser_for(person: Person) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    return client


def csrf_token(client: Client) -> str:
    assert client.get("/").status_code == 200
    return client.cookies["csrftoken"].value


def test_browser_session_can_read_without_a_csrf_token(alex, couple):
    body = assert_json(browser_for(alex).get(COUPLE), 200)
    assert body["id"] == str(couple.id)


def test_browser_session_post_without_csrf_token_is_403_json_and_changes_nothing(jo):
    browser = browser_for(jo)
    csrf_token(browser)  # the cookie is there, but the request does not echo the token
    body = assert_json(browser.post(INVITATIONS), 403)
    assert "CSRF" in body["detail"]
    assert not Invitation.objects.filter(inviter=jo).exists()


def test_browser_session_post_with_csrf_token_works(jo):
    browser = browser_for(jo)
    response = browser.post(INVITATIONS, headers={"X-CSRFToken": csrf_token(browser)})
    assert_json(response, 201)


def test_browser_session_post_with_a_wrong_csrf_token_is_403_json(jo):
    browser = browser_for(jo)
    csrf_token(browser)
    response = browser.post(INVITATIONS, headers={"X-CSRFToken": "x" * 32})
    assert_json(response, 403)


def test_browser_session_join_needs_the_csrf_token(jo_client, kim):
    code = invite(jo_client)["code"]
    browser = browser_for(kim)
    token = csrf_token(browser)

    assert_json(browser.post(JOIN, {"code": code}, content_type="application/json"), 403)
    assert_json(browser.get(COUPLE), 404)

    response = browser.post(JOIN, {"code": code}, content_type="application/json", headers={"X-CSRFToken": token})
    assert_json(response, 201)


def test_browser_session_revoke_needs_the_csrf_token(jo, kim_client):
    browser = browser_for(jo)
    token = csrf_token(browser)
    code = assert_json(browser.post(INVITATIONS, headers={"X-CSRFToken": token}), 201)["code"]

    assert_json(browser.delete(f"{INVITATIONS}/{code}"), 403)
    assert browser.delete(f"{INVITATIONS}/{code}", headers={"X-CSRFToken": token}).status_code == 204
    assert "withdrawn" in assert_json(join(kim_client, code), 409)["detail"]


def test_browser_session_leave_needs_the_csrf_token(alex, sam_client):
    browser = browser_for(alex)
    token = csrf_token(browser)

    assert_json(browser.delete(MEMBERSHIP), 403)
    assert_json(sam_client.get(COUPLE), 200)

    assert browser.delete(MEMBERSHIP, headers={"X-CSRFToken": token}).status_code == 204
    assert_json(sam_client.get(COUPLE), 404)


def test_deactivated_person_with_a_session_is_401(jo, jo_client):
    Person.objects.filter(pk=jo.pk).update(is_active=False)
    assert_json(jo_client.get(COUPLE), 401)
    assert_json(jo_client.post(INVITATIONS), 401)


def test_my_open_invitation_can_be_read_again(jo_client, kim_client):
    assert_json(jo_client.get(f"{INVITATIONS}/current"), 404)
    made = invite(jo_client)
    # A phone that restarted reads the code it already sent instead of replacing it.
    assert assert_json(jo_client.get(f"{INVITATIONS}/current"), 200) == made
    assert_json(kim_client.get(f"{INVITATIONS}/current"), 404)
    assert_json(join(kim_client, made["code"]), 201)
    assert_json(jo_client.get(f"{INVITATIONS}/current"), 404)


def test_reading_the_open_invitation_needs_a_person(client, db):
    assert_json(client.get(f"{INVITATIONS}/current"), 401)
