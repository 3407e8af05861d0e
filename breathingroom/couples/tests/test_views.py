from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from breathingroom.conftest import client_for, make_person, page_text
from breathingroom.couples import pairing
from breathingroom.couples.models import Couple, Invitation

HOME = "/"
CREATE = "/couple/invitations/"
JOIN = "/couple/join/"
PREVIEW = "/couple/join/preview/"
LEAVE = "/couple/leave/"
CHANGED = "/couple/pairing-changed/"


def text(response) -> str:
    return page_text(response)


def test_welcome_page_for_visitors(client, db):
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Create an account" in text(response)
    assert 'href="/accounts/login/"' in text(response)


def test_home_shows_both_partners(alex_client):
    page = text(alex_client.get(HOME))
    assert "You and Sam are paired." in page
    assert "America/New York" in page
    assert "Europe/London" in page
    assert "Create an invitation" not in page


def test_home_offers_pairing_to_someone_without_a_partner(jo_client):
    page = text(jo_client.get(HOME))
    assert "Pair with your partner" in page
    assert "Create an invitation" in page
    assert 'name="code"' in page


def test_creating_an_invitation_shows_its_code_and_link(jo_client, jo):
    response = jo_client.post(CREATE, follow=True)
    invitation = Invitation.objects.get(inviter=jo)
    assert invitation.display_code in text(response)
    assert invitation.link in text(response)


def test_creating_an_invitation_with_htmx_returns_only_the_panel(jo_client, jo):
    response = jo_client.post(CREATE, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in text(response)
    assert Invitation.objects.get(inviter=jo).display_code in text(response)


def test_creating_an_invitation_when_paired_is_refused(alex_client):
    response = alex_client.post(CREATE)
    assert response.status_code == 409
    assert "already in a couple" in text(response)
    assert not Invitation.objects.open().exists()


@pytest.mark.parametrize("url", [CREATE, "/couple/invitations/ABCD-EFGH/revoke/"])
def test_post_only_urls_refuse_get(jo_client, url):
    assert jo_client.get(url).status_code == 405


@pytest.mark.parametrize("url", [HOME, CHANGED])
def test_read_only_urls_refuse_post(jo_client, url):
    assert jo_client.post(url).status_code == 405


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", CREATE),
        ("post", "/couple/invitations/ABCD-EFGH/revoke/"),
        ("get", JOIN),
        ("post", JOIN),
        ("post", PREVIEW),
        ("get", LEAVE),
        ("post", LEAVE),
        ("get", CHANGED),
        ("get", "/settings/"),
    ],
)
def test_anonymous_visitors_are_sent_to_log_in(client, db, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_withdrawing_an_invitation(jo_client, jo):
    invitation = pairing.create_invitation(jo)
    response = jo_client.post(f"/couple/invitations/{invitation.display_code}/revoke/", follow=True)
    assert "withdrawn" in text(response)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "Create an invitation" in text(response)


def test_an_outsider_cannot_withdraw_someone_elses_invitation(robin_client, jo):
    invitation = pairing.create_invitation(jo)
    response = robin_client.post(f"/couple/invitations/{invitation.display_code}/revoke/")
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_invitation_link_keeps_its_code_out_of_the_address_the_server_sees(jo):
    invitation = pairing.create_invitation(jo)
    # Everything after "#" stays in the browser: the request is for /couple/join/ alone.
    assert invitation.path == f"/couple/join/#{invitation.display_code}"
    assert invitation.link.endswith(invitation.path)


def test_the_join_page_asks_for_the_code_and_has_the_script_that_reads_the_link(jo):
    page = text(client_for(make_person("Nico")).get(JOIN))
    assert "Code from your partner" in page
    assert f'action="{JOIN}" data-invitation-form data-preview-url="{PREVIEW}"' in page
    assert '<script type="module" src="/static/breathingroom/invitation.js">' in page


def test_the_code_from_a_link_names_the_inviter_before_pairing(jo):
    invitation = pairing.create_invitation(jo)
    nico = make_person("Nico")
    page = client_for(nico).post(PREVIEW, {"code": invitation.display_code})
    assert page.status_code == 200
    assert "Jo invited you" in text(page)
    assert "Pair with Jo" in text(page)
    assert f'name="code" value="{invitation.display_code}"' in text(page)
    # Only seeing who sent it: nothing is paired, and the code still works.
    assert Couple.objects.current_for(nico) is None
    invitation.refresh_from_db()
    assert invitation.used_at is None


@pytest.mark.parametrize("client_of", ["anonymous", "nico"])
def test_an_old_link_moves_its_code_into_the_fragment(client, jo, client_of):
    invitation = pairing.create_invitation(jo)
    visitor = client if client_of == "anonymous" else client_for(make_person("Nico"))
    response = visitor.get(f"/couple/join/{invitation.display_code.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/couple/join/#{invitation.display_code}"


def test_an_old_link_with_no_code_in_it_leads_to_the_empty_form(client, db):
    response = client.get("/couple/join/not%20a%20code!/")
    assert response.status_code == 302
    assert response["Location"] == JOIN


def test_an_old_link_answers_alike_whether_or_not_its_code_exists(client, jo):
    real = pairing.create_invitation(jo).display_code
    for code in (real, "ZZZZ-ZZZZ"):
        response = client.get(f"/couple/join/{code}/")
        assert (response.status_code, response["Location"]) == (302, f"/couple/join/#{code}")


def test_joining_through_the_page(jo, jo_client):
    nico = make_person("Nico")
    invitation = pairing.create_invitation(nico)
    response = jo_client.post(JOIN, {"code": invitation.display_code}, follow=True)
    assert "You and Nico are paired." in text(response)
    assert Couple.objects.current_for(jo).partner_of(jo) == nico


@pytest.mark.parametrize(
    ("prepare", "code", "message", "status"),
    [
        (None, "no code!", "doesn&#x27;t look like an invitation code", 400),
        (None, "ZZZZ-ZZZZ", "No invitation has that code", 404),
        ("expire", None, "has expired", 409),
        ("revoke", None, "withdrawn", 409),
        ("use", None, "already been used", 409),
        ("own", None, "your own invitation", 400),
    ],
)
def test_bad_codes_get_a_clear_message_beside_the_field(db, prepare, code, message, status):
    jo, nico, pat = make_person("Jo"), make_person("Nico"), make_person("Pat")
    invitation = pairing.create_invitation(nico)
    if prepare == "expire":
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    elif prepare == "revoke":
        pairing.revoke_invitation(nico, invitation.code)
    elif prepare == "use":
        pairing.join(pat, invitation.code)
    who = nico if prepare == "own" else jo
    response = client_for(who).post(JOIN, {"code": code or invitation.display_code})
    assert response.status_code == status
    page = text(response)
    assert message in page
    assert 'id="id_code_error"' in page
    assert Couple.objects.current_for(jo) is None


def test_a_bad_link_says_what_is_wrong(jo_client, db):
    invitation = pairing.create_invitation(make_person("Nico"))
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = jo_client.post(PREVIEW, {"code": invitation.display_code})
    assert response.status_code == 409
    assert "has expired" in text(response)
    assert 'id="id_code_error"' in text(response)
    assert "Nico" not in text(response).split("<main", 1)[1].split("</main>")[0].replace("invited", "")


def test_a_person_already_in_a_couple_is_told_so(alex_client, jo):
    invitation = pairing.create_invitation(jo)
    response = alex_client.post(JOIN, {"code": invitation.display_code})
    assert response.status_code == 409
    assert "already in a couple" in text(response)


def test_leaving_asks_first_then_ends_the_couple_for_both(alex_client, sam_client, alex, sam):
    confirm = alex_client.get(LEAVE)
    assert "Leave your couple with Sam?" in text(confirm)
    response = alex_client.post(LEAVE, follow=True)
    assert "You have left the couple" in text(response)
    assert "Pair with your partner" in text(response)
    # Sam sees no trace of Alex any more.
    sams_home = text(sam_client.get(HOME))
    assert "Alex" not in sams_home
    assert "Pair with your partner" in sams_home


def test_leaving_without_a_couple(jo_client):
    assert jo_client.get(LEAVE).status_code == 404
    response = jo_client.post(LEAVE)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_inviters_page_reloads_once_the_partner_joined(jo, jo_client):
    invitation = pairing.create_invitation(jo)
    waiting = jo_client.get(CHANGED, headers={"HX-Request": "true"})
    assert waiting.status_code == 204
    pairing.join(make_person("Nico"), invitation.code)
    joined = jo_client.get(CHANGED, headers={"HX-Request": "true"})
    assert joined.status_code == 200
    assert joined["HX-Refresh"] == "true"


def test_the_inviters_page_reloads_once_the_code_expired(jo, jo_client):
    invitation = pairing.create_invitation(jo)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = jo_client.get(CHANGED, headers={"HX-Request": "true"})
    assert expired["HX-Refresh"] == "true"
    assert "Create an invitation" in text(jo_client.get(HOME))


def test_an_empty_join_form_says_what_is_missing(jo_client):
    response = jo_client.post(JOIN, {})
    assert response.status_code == 400
    assert 'id="id_code_error"' in text(response)
    assert "This field is required." in text(response)


def test_errors_reach_htmx_pages_inside_the_panel(alex_client):
    # htmx swaps in only successful answers, so the error comes inside a 200.
    response = alex_client.post(CREATE, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "already in a couple" in text(response)
    assert "<html" not in text(response)


def test_withdrawing_someone_elses_code_from_an_htmx_page_reveals_nothing(jo, robin_client):
    invitation = pairing.create_invitation(jo)
    response = robin_client.post(
        f"/couple/invitations/{invitation.display_code}/revoke/", headers={"HX-Request": "true"}
    )
    assert "not one of yours" in text(response)
    assert "Jo" not in text(response)
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_leaving_just_after_the_partner_left_is_calm(alex_client, sam):
    alex_client.get(LEAVE)
    pairing.leave(sam)
    # Alex's confirmation page was open; Alex presses "Leave" anyway and is simply taken home.
    response = alex_client.post(LEAVE, follow=True)
    assert response.status_code == 200
    assert "Your couple here ended on" in text(response)


def test_the_partner_who_stays_is_told_the_couple_ended(alex_client, sam_client):
    alex_client.post(LEAVE)
    sams_home = text(sam_client.get(HOME))
    assert "Your couple here ended on" in sams_home
    assert "Alex" not in sams_home
    assert "Your couple here ended on" not in text(alex_client.get(HOME))


def test_pages_carry_a_strict_content_security_policy(alex_client):
    policy = alex_client.get(HOME)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_forms_need_the_csrf_token(jo):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(jo)
    assert browser.post(CREATE).status_code == 403
    assert not Invitation.objects.filter(inviter=jo).exists()


@pytest.mark.parametrize("url", [HOME, "/settings/", LEAVE, CHANGED])
def test_an_outsider_sees_nothing_of_another_couple(robin_client, couple, url):
    page = text(robin_client.get(url))
    for trace in (r"\bAlex\b", r"\bSam\b", "alex@example", "sam@example", str(couple.id)):
        assert not re.search(trace, page), trace


@pytest.mark.parametrize(("method", "url"), [("put", HOME), ("delete", "/settings/"), ("put", LEAVE), ("patch", JOIN)])
def test_other_methods_are_refused(alex_client, method, url):
    assert getattr(alex_client, method)(url).status_code == 405
