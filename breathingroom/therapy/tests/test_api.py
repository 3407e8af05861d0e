"""The seat through the API, at its exact paths: the partners' steps, then the therapist's reading."""

from __future__ import annotations

import uuid

from breathingroom.conftest import assert_json
from breathingroom.tests.test_access_rules import ApiClient
from breathingroom.therapy import seats
from breathingroom.therapy.tests.seating import emailed_key

API = "/api/v1/therapist"


def test_invite_approve_accept_read_and_end(alex, sam, couple, dr_lee):
    alex_api, sam_api, lee_api = ApiClient(alex), ApiClient(sam), ApiClient(dr_lee)

    invited = assert_json(
        alex_api.call("POST", f"{API}/invitations", {"email": dr_lee.email, "kinds": ["agreement", "breaks"]}), 201
    )
    assert invited["stage"] == "waiting"
    assert invited["invited_by_me"] is True
    assert invited["mine"] == ["agreement", "breaks"]
    assert invited["shared"] == []

    own = assert_json(alex_api.call("POST", f"{API}/invitations/{invited['id']}/approve", {"kinds": []}), 400)
    assert "waits for your partner" in own["detail"]

    approved = assert_json(
        sam_api.call("POST", f"{API}/invitations/{invited['id']}/approve", {"kinds": ["breaks", "cycle"]}), 200
    )
    assert approved["stage"] == "sent"
    assert approved["shared"] == ["breaks"]
    assert approved["partners"] == ["agreement", "breaks"]

    # Not a therapist yet: no list.
    assert_json(lee_api.call("GET", f"{API}/couples", {}), 404)
    seats.accept(dr_lee, emailed_key(dr_lee.email))

    [listed] = assert_json(lee_api.call("GET", f"{API}/couples", {}), 200)
    assert listed["names"] == ["Alex", "Sam"]
    assert listed["id"] == str(couple.pk)
    seen = assert_json(lee_api.call("GET", f"{API}/couples/{couple.pk}", {}), 200)
    assert seen["shared"] == ["breaks"]
    assert seen["breaks"] == []
    assert seen["agreement"] is seen["insights"] is seen["cycle"] is seen["sides"] is None

    chosen = assert_json(sam_api.call("PUT", f"{API}/seat/sharing", {"kinds": ["agreement", "breaks"]}), 200)
    assert chosen["shared"] == ["agreement", "breaks"]
    assert assert_json(alex_api.call("GET", f"{API}/seat", {}), 200)["therapist_name"] == "Dr Lee"

    ended = sam_api.call("DELETE", f"{API}/seat", {})
    assert ended.status_code == 204
    assert_json(lee_api.call("GET", f"{API}/couples/{couple.pk}", {}), 404)
    assert assert_json(lee_api.call("GET", f"{API}/couples", {}), 200) == []
    assert_json(alex_api.call("GET", f"{API}/seat", {}), 404)
    assert_json(alex_api.call("DELETE", f"{API}/seat", {}), 404)


def test_declining_sends_nothing(alex, sam, couple):
    invited = assert_json(ApiClient(sam).call("POST", f"{API}/invitations", {"email": "dr.lee@example.org"}), 201)

    declined = assert_json(ApiClient(alex).call("POST", f"{API}/invitations/{invited['id']}/decline", {}), 200)

    assert declined["id"] == invited["id"]
    assert_json(ApiClient(sam).call("GET", f"{API}/seat", {}), 404)


def test_shape_is_checked_before_the_domain(alex, sam, couple):
    alex_api = ApiClient(alex)

    assert_json(alex_api.call("POST", f"{API}/invitations", {"email": "dr.lee@example.org", "kinds": ["journal"]}), 422)
    assert_json(alex_api.call("POST", f"{API}/invitations", {"email": "nobody"}), 400)
    assert_json(alex_api.call("POST", f"{API}/invitations/not-an-id/approve", {"kinds": []}), 404)
    assert_json(alex_api.call("POST", f"{API}/invitations/{uuid.uuid4()}/approve", {"kinds": []}), 404)


def test_someone_without_a_partner_is_told_why(jo):
    body = assert_json(ApiClient(jo).call("POST", f"{API}/invitations", {"email": "dr.lee@example.org"}), 404)

    assert "once you are paired" in body["detail"]


def test_a_couple_id_that_is_not_an_id_is_the_same_404(alex, sam, couple, dr_lee):
    from breathingroom.therapy.tests.seating import seated

    seated(alex, sam, dr_lee)
    lee_api = ApiClient(dr_lee)

    nothing = assert_json(lee_api.call("GET", f"{API}/couples/{uuid.uuid4()}", {}), 404)
    assert assert_json(lee_api.call("GET", f"{API}/couples/nonsense", {}), 404) == nothing
