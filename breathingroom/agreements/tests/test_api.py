"""The Space Agreement part of the JSON API at /api/v1/agreement, as a phone or a script sees it.

Everything is asserted on what a client receives; the only setup outside the API is the people
and couples of the shared conftest.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from breathingroom.agreements.models import LONGEST_BREAK, SHORTEST_BREAK, Agreement
from breathingroom.api.tests.documented import document
from breathingroom.conftest import assert_json

API = "/api/v1"
AGREEMENT = f"{API}/agreement"
PROPOSALS = f"{AGREEMENT}/proposals"

DEFAULT_TERMS = {
    "version": None,
    "shortest": 20,
    "longest": 1440,
    "presets": [20, 30, 45, 60, 90, 120, 240],
    "until_morning": True,
    "extensions": 1,
    "contact": "once",
    "contact_every": 60,
    "reconnect": "ritual",
    "own_way": "",
    "rhythm": [],
    "rhythm_zone": "",
}

# A whole proposal, every field given.
TERMS = {
    "shortest": 30,
    "longest": 180,
    "presets": [30, 60, 120],
    "until_morning": False,
    "extensions": 2,
    "contact": "every",
    "contact_every": 30,
    "reconnect": "own",
    "own_way": "A walk around the block together.",
    "rhythm": [],
    "rhythm_zone": "",
}

OPERATIONS = [
    pytest.param("get", AGREEMENT, None, id="agreement"),
    pytest.param("post", PROPOSALS, {"extensions": 2}, id="propose"),
    pytest.param("post", f"{PROPOSALS}/1/accept", {}, id="accept"),
]

WRONG_METHODS = [
    pytest.param(AGREEMENT, "GET", ["put", "patch", "post", "delete"], id="agreement"),
    pytest.param(PROPOSALS, "POST", ["put", "patch", "get", "delete"], id="proposals"),
    pytest.param(f"{PROPOSALS}/1/accept", "POST", ["put", "patch", "get", "delete"], id="accept"),
]


@pytest.fixture(autouse=True)
def _no_time_zone_left_active():
    # A request activates the signed-in person's zone and nothing deactivates it after the answer;
    # without this, a later test in the same thread would run in Sam's or Alex's zone.
    yield
    timezone.deactivate()


def call(client: Client, method: str, path: str, body: object = None):
    if body is None:
        return getattr(client, method)(path)
    return getattr(client, method)(path, body, content_type="application/json")


def propose(client: Client, status: int = 201, **terms: object) -> dict:
    return assert_json(client.post(PROPOSALS, terms, content_type="application/json"), status)


def accept(client: Client, version: object, status: int = 200, **body: object) -> dict:
    return assert_json(client.post(f"{PROPOSALS}/{version}/accept", body, content_type="application/json"), status)


def read(client: Client) -> dict:
    return assert_json(client.get(AGREEMENT), 200)


def at(moment: str) -> datetime:
    assert moment.endswith("Z"), moment
    return datetime.fromisoformat(moment)


# --- Reading ----------------------------------------------------------------------------------


def test_before_any_agreement_the_defaults_apply_and_the_answer_says_so(alex_client):
    assert read(alex_client) == {
        "agreed": False,
        "in_force": None,
        "pending": None,
        "terms": DEFAULT_TERMS,
        "my_words": "",
        "partner_words": "",
        "versions": [],
        "rhythm_next": [],
    }


def test_an_outsider_reads_only_their_own_couples_agreement(alex_client, sam_client, robin_client):
    version = propose(alex_client, **TERMS, words="Tell me you love me.")["version"]
    accept(sam_client, version, words="Tell me when you'll be back.")

    body = read(robin_client)
    assert body["agreed"] is False
    assert body["terms"] == DEFAULT_TERMS
    assert body["versions"] == []
    assert "Tell me" not in json.dumps(body)


# --- Proposing --------------------------------------------------------------------------------


def test_proposing_answers_201_with_the_version_waiting_for_the_partner(alex_client):
    before = datetime.now(UTC)
    body = propose(alex_client, **TERMS, words="Tell me you'll come back.")

    assert set(body) == {
        "version",
        "proposed_by",
        "proposed_by_me",
        "proposed_at",
        "accepted_by",
        "accepted_at",
        "withdrawn",
        "terms",
        "my_words",
        "partner_words",
    }
    assert body["version"] == 1
    assert (body["proposed_by"], body["proposed_by_me"]) == ("Alex", True)
    assert before <= at(body["proposed_at"]) <= datetime.now(UTC)
    assert (body["accepted_by"], body["accepted_at"], body["withdrawn"]) == (None, None, False)
    assert body["terms"] == {**TERMS, "version": 1}
    assert (body["my_words"], body["partner_words"]) == ("Tell me you'll come back.", "")


def test_a_proposal_changes_nothing_until_the_partner_accepts(alex_client, sam_client):
    propose(alex_client, **TERMS, words="Tell me you'll come back.")

    body = read(sam_client)
    assert body["agreed"] is False
    assert body["in_force"] is None
    assert body["terms"] == DEFAULT_TERMS
    assert (body["my_words"], body["partner_words"]) == ("", "")
    pending = body["pending"]
    assert (pending["version"], pending["proposed_by"], pending["proposed_by_me"]) == (1, "Alex", False)
    assert pending["terms"] == {**TERMS, "version": 1}
    # Seen from Sam's side, the proposer's words are the partner's.
    assert (pending["my_words"], pending["partner_words"]) == ("", "Tell me you'll come back.")
    assert [v["version"] for v in body["versions"]] == [1]


def test_left_out_fields_keep_the_terms_in_force(alex_client, sam_client):
    accept(sam_client, propose(alex_client, **TERMS)["version"])
    body = propose(sam_client, extensions=0)
    assert body["terms"] == {**TERMS, "extensions": 0, "version": 2}


def test_left_out_words_stay_as_i_last_wrote_them(alex_client, sam_client):
    accept(sam_client, propose(alex_client, words="Say you're coming back.")["version"], words="Just say when.")
    body = propose(alex_client, extensions=2)
    assert (body["my_words"], body["partner_words"]) == ("Say you're coming back.", "Just say when.")
    body = propose(sam_client, extensions=3, words="")
    assert (body["my_words"], body["partner_words"]) == ("", "Say you're coming back.")


def test_an_empty_proposal_puts_the_current_terms_forward_again(alex_client):
    assert propose(alex_client)["terms"] == {**DEFAULT_TERMS, "version": 1}


def test_a_new_proposal_replaces_the_one_waiting(alex_client, sam_client):
    propose(alex_client, extensions=2)
    propose(sam_client, extensions=3)

    body = read(alex_client)
    assert body["pending"]["version"] == 2
    assert [(v["version"], v["proposed_by"], v["withdrawn"]) for v in body["versions"]] == [
        (2, "Sam", False),
        (1, "Alex", True),
    ]


@pytest.mark.parametrize(
    ("terms", "words"),
    [
        pytest.param({"shortest": 60, "longest": 30, "presets": [30]}, "cannot be longer", id="inverted"),
        pytest.param({"presets": [], "until_morning": False}, "at least one length", id="no-lengths"),
        pytest.param({"presets": [15]}, "between 20 minutes and 24 hours", id="preset-outside"),
        pytest.param({"reconnect": "own"}, "how you will reconnect", id="own-way-unsaid"),
    ],
)
def test_terms_that_do_not_fit_together_are_400_with_the_reason(alex_client, sam_client, terms, words):
    body = propose(alex_client, status=400, **terms)
    assert words in body["detail"]
    assert read(sam_client)["versions"] == []


@pytest.mark.parametrize(
    ("terms", "field"),
    [
        pytest.param({"shortest": 5}, "shortest", id="too-short"),
        pytest.param({"longest": 3000}, "longest", id="too-long"),
        pytest.param({"presets": list(range(20, 31))}, "presets", id="too-many-lengths"),
        pytest.param({"presets": [20, 2**63]}, "presets", id="huge-preset"),
        pytest.param({"extensions": 4}, "extensions", id="too-many-extensions"),
        pytest.param({"contact": "every", "contact_every": 2}, "contact_every", id="too-often"),
        # Bounded whatever the contact: the number is kept for when "every" is chosen.
        pytest.param({"contact": "once", "contact_every": -1}, "contact_every", id="negative-unused"),
        pytest.param({"contact": "nothing", "contact_every": 2**63}, "contact_every", id="huge-unused"),
        pytest.param({"reconnect": "own", "own_way": "x" * 201}, "own_way", id="own-way-long"),
        pytest.param({"words": "x" * 281}, "words", id="words-long"),
    ],
)
def test_terms_outside_the_documented_bounds_are_422_naming_the_field(alex_client, sam_client, terms, field):
    response = alex_client.post(PROPOSALS, terms, content_type="application/json")
    errors = assert_json(response, 422)["detail"]
    assert [error["loc"][:3] for error in errors] == [["body", "payload", field]]
    assert read(sam_client)["versions"] == []


def test_the_document_states_every_bound_of_a_proposal():
    fields = document()["components"]["schemas"]["ProposalIn"]["properties"]
    stated = {name: field["anyOf"][0] for name, field in fields.items()}
    assert (stated["shortest"]["minimum"], stated["shortest"]["maximum"]) == (SHORTEST_BREAK, LONGEST_BREAK)
    assert (stated["contact_every"]["minimum"], stated["contact_every"]["maximum"]) == (5, LONGEST_BREAK)
    assert (stated["extensions"]["minimum"], stated["extensions"]["maximum"]) == (0, 3)
    assert stated["presets"]["maxItems"] == 10
    assert (stated["own_way"]["maxLength"], stated["words"]["maxLength"]) == (200, 280)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"shortest": "20"}, id="number-as-text"),
        pytest.param({"shortest": 20.5}, id="fraction"),
        pytest.param({"presets": "20,30"}, id="presets-as-text"),
        pytest.param({"presets": [20, "30"]}, id="preset-as-text"),
        pytest.param({"until_morning": "yes"}, id="boolean-as-text"),
        pytest.param({"contact": "sometimes"}, id="unknown-contact"),
        pytest.param({"reconnect": "later"}, id="unknown-reconnect"),
        pytest.param({"words": ["hi"]}, id="words-as-list"),
        pytest.param({"extensions": 1, "signal": "a raised hand"}, id="unknown-field"),
        pytest.param([], id="array"),
    ],
)
def test_a_proposal_of_the_wrong_shape_is_422(alex_client, sam_client, body):
    response = alex_client.post(PROPOSALS, body, content_type="application/json")
    assert isinstance(assert_json(response, 422)["detail"], list)
    assert not Agreement.objects.exists()


def test_a_proposal_that_is_not_json_is_400(alex_client):
    response = alex_client.post(PROPOSALS, "{shortest: 20", content_type="application/json")
    assert assert_json(response, 400) == {"detail": "Cannot parse request body"}


@hsettings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shortest=st.integers(min_value=-100, max_value=4000), longest=st.integers(min_value=-100, max_value=4000))
def test_any_range_is_either_proposed_as_sent_or_refused(alex_client, shortest, longest):
    response = alex_client.post(
        PROPOSALS,
        {"shortest": shortest, "longest": longest, "presets": [], "until_morning": True},
        content_type="application/json",
    )
    if 10 <= shortest <= longest <= 2880:
        terms = assert_json(response, 201)["terms"]
        assert (terms["shortest"], terms["longest"]) == (shortest, longest)
    elif 10 <= shortest <= 2880 and 10 <= longest <= 2880:
        assert "cannot be longer" in assert_json(response, 400)["detail"]
    else:
        assert_json(response, 422)


# --- Accepting --------------------------------------------------------------------------------


def test_accepting_puts_the_version_in_force_for_both(alex_client, sam_client):
    version = propose(alex_client, **TERMS, words="Tell me you'll come back.")["version"]
    before = datetime.now(UTC)
    body = accept(sam_client, version, words="Tell me when.")

    assert (body["version"], body["accepted_by"], body["proposed_by_me"]) == (version, "Sam", False)
    assert before <= at(body["accepted_at"]) <= datetime.now(UTC)
    assert (body["my_words"], body["partner_words"]) == ("Tell me when.", "Tell me you'll come back.")

    for client, mine, theirs in [
        (alex_client, "Tell me you'll come back.", "Tell me when."),
        (sam_client, "Tell me when.", "Tell me you'll come back."),
    ]:
        state = read(client)
        assert state["agreed"] is True
        assert state["pending"] is None
        assert state["terms"] == {**TERMS, "version": version}
        assert state["in_force"]["terms"] == state["terms"]
        assert state["in_force"]["accepted_by"] == "Sam"
        assert (state["my_words"], state["partner_words"]) == (mine, theirs)


def test_accepting_without_a_body_or_words_keeps_my_words(alex_client, sam_client):
    accept(sam_client, propose(alex_client)["version"], words="Say when.")
    version = propose(alex_client, extensions=2)["version"]

    # An empty body, as a phone sends for a plain "accept".
    body = assert_json(sam_client.generic("POST", f"{PROPOSALS}/{version}/accept"), 200)
    assert body["my_words"] == "Say when."
    assert read(alex_client)["terms"]["extensions"] == 2


def test_a_newer_version_in_force_replaces_the_older_one(alex_client, sam_client):
    accept(sam_client, propose(alex_client, extensions=2)["version"])
    accept(alex_client, propose(sam_client, extensions=3)["version"])

    body = read(alex_client)
    assert (body["in_force"]["version"], body["terms"]["extensions"]) == (2, 3)
    assert [(v["version"], v["accepted_by"], v["withdrawn"]) for v in body["versions"]] == [
        (2, "Alex", False),
        (1, "Sam", False),
    ]
    # A proposal waiting for an answer does not change the terms in force.
    propose(alex_client, extensions=0)
    body = read(sam_client)
    assert (body["pending"]["version"], body["in_force"]["version"], body["terms"]["extensions"]) == (3, 2, 3)


def test_accepting_my_own_proposal_is_400(alex_client):
    version = propose(alex_client)["version"]
    body = accept(alex_client, version, status=400)
    assert "You proposed this version" in body["detail"]
    assert read(alex_client)["agreed"] is False


def test_accepting_a_replaced_proposal_is_409(alex_client, sam_client):
    first = propose(alex_client, extensions=2)["version"]
    propose(alex_client, extensions=3)
    body = accept(sam_client, first, status=409)
    assert "newer proposal replaced this one" in body["detail"]
    assert read(sam_client)["agreed"] is False


def test_accepting_a_version_that_does_not_exist_is_404(alex_client, sam_client):
    propose(alex_client)
    body = accept(sam_client, 2, status=404)
    assert body == {"detail": "There is no proposal with that number waiting for an answer."}


@pytest.mark.parametrize("version", [0, -1, 2**31, 2**63, 10**30])
def test_accepting_a_version_no_version_can_have_is_422(alex_client, sam_client, version):
    propose(alex_client)
    response = sam_client.post(f"{PROPOSALS}/{version}/accept", {}, content_type="application/json")
    assert assert_json(response, 422)["detail"][0]["loc"] == ["path", "version"]
    assert read(sam_client)["agreed"] is False


def test_accepting_a_version_twice_answers_the_same_both_times(alex_client, sam_client):
    version = propose(alex_client)["version"]
    first = accept(sam_client, version)
    assert accept(sam_client, version) == first


def test_accepting_with_words_too_long_is_422_and_accepts_nothing(alex_client, sam_client):
    version = propose(alex_client)["version"]
    response = sam_client.post(f"{PROPOSALS}/{version}/accept", {"words": "x" * 281}, content_type="application/json")
    assert assert_json(response, 422)["detail"][0]["loc"] == ["body", "payload", "words"]
    assert read(sam_client)["pending"]["version"] == version


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"words": 5}, id="words-as-number"),
        pytest.param({"words": "ok", "version": 1}, id="unknown-field"),
    ],
)
def test_accepting_with_the_wrong_shape_of_body_is_422(alex_client, sam_client, body):
    version = propose(alex_client)["version"]
    response = sam_client.post(f"{PROPOSALS}/{version}/accept", body, content_type="application/json")
    assert isinstance(assert_json(response, 422)["detail"], list)
    assert read(sam_client)["agreed"] is False


def test_a_version_that_is_not_a_number_is_422(sam_client):
    assert_json(sam_client.post(f"{PROPOSALS}/first/accept", {}, content_type="application/json"), 422)


def test_an_outsider_cannot_accept_our_proposal(alex_client, sam_client, robin_client):
    version = propose(alex_client, extensions=3)["version"]
    unknown = accept(robin_client, 99, status=404)
    assert accept(robin_client, version, status=404) == unknown
    assert read(sam_client)["pending"]["version"] == version
    assert read(robin_client)["versions"] == []


# --- Words are read by role, never by id --------------------------------------------------------


def test_words_are_keyed_by_role_not_by_person(alex, sam, alex_client, sam_client):
    accept(sam_client, propose(alex_client, words="A")["version"], words="S")
    body = read(alex_client)

    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    assert not keys(body) & {str(alex.pk), str(sam.pk), "words"}


# --- People without a partner, anonymous callers, wrong methods --------------------------------


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_someone_without_a_partner_gets_404(jo_client, method, path, body):
    assert assert_json(call(jo_client, method, path, body), 404) == {"detail": "You are not in a couple."}
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(("method", "path", "body"), OPERATIONS)
def test_anonymous_callers_get_401_json(db, method, path, body):
    assert assert_json(call(Client(), method, path, body), 401) == {"detail": "Unauthorized"}


@pytest.mark.parametrize(("path", "allowed", "wrong_methods"), WRONG_METHODS)
def test_wrong_http_method_is_405_json_with_allow_header(alex_client, path, allowed, wrong_methods):
    for method in wrong_methods:
        response = getattr(alex_client, method)(path)
        assert assert_json(response, 405) == {"detail": "Method Not Allowed"}, method
        assert allowed in response["Allow"], method


def test_the_openapi_document_lists_every_agreement_operation(db):
    paths = assert_json(Client().get(f"{API}/openapi.json"), 200)["paths"]
    listed = {(method, path) for path, operations in paths.items() for method in operations}
    assert listed >= {("get", AGREEMENT), ("post", PROPOSALS), ("post", f"{PROPOSALS}/{{version}}/accept")}
    assert {"201", "400", "401", "404"} <= set(paths[PROPOSALS]["post"]["responses"])
