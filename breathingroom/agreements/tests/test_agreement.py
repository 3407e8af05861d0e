from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breathingroom.agreements.models import (
    DEFAULT_PRESETS,
    LONGEST_BREAK,
    SHORTEST_BREAK,
    Agreement,
    Contact,
    Reconnect,
    Terms,
)
from breathingroom.agreements.proposals import (
    InvalidTerms,
    NoSuchProposal,
    OwnProposal,
    Proposal,
    ReplacedProposal,
    accept,
    propose,
    terms_for,
)
from breathingroom.breaks.tests.conftest import Inbox
from breathingroom.conftest import make_couple
from breathingroom.couples import pairing
from breathingroom.couples.models import NotPaired

DEFAULTS = Proposal(
    shortest=20,
    longest=24 * 60,
    presets=DEFAULT_PRESETS,
    until_morning=True,
    extensions=1,
    contact=Contact.ONCE,
    contact_every=60,
    reconnect=Reconnect.RITUAL,
    own_way="",
    words="",
)


def proposal(**changes) -> Proposal:
    return dataclasses.replace(DEFAULTS, **changes)


@pytest.fixture
def events(settings, alex, sam, couple, robin) -> Inbox:
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    inbox = Inbox()
    inbox.listen(alex, sam, robin)
    return inbox


def test_before_any_agreement_the_defaults_apply_and_say_they_are_not_agreed(couple):
    terms = terms_for(couple)
    assert terms == Terms()
    assert (terms.shortest, terms.longest) == (20, 24 * 60)
    assert terms.presets == (20, 30, 45, 60, 90, 120, 240)
    assert terms.until_morning is True
    assert terms.extensions == 1
    assert terms.contact == Contact.ONCE
    assert terms.reconnect == Reconnect.RITUAL
    assert terms.words == {}
    assert terms.agreed is False
    assert terms.version is None


def test_the_product_bounds_every_break_from_ten_minutes_to_two_days():
    assert (SHORTEST_BREAK, LONGEST_BREAK) == (10, 48 * 60)


@pytest.mark.parametrize("who", ["alex", "sam"])
def test_either_partner_may_propose_and_nothing_changes_until_the_other_accepts(alex, sam, couple, who):
    proposer, other = (alex, sam) if who == "alex" else (sam, alex)
    agreement = propose(proposer, proposal(longest=300))

    assert (agreement.couple, agreement.version, agreement.proposed_by) == (couple, 1, proposer)
    assert agreement.is_pending
    assert terms_for(couple) == Terms()

    accepted = accept(other, agreement.version)

    assert accepted.accepted_by == other
    assert accepted.accepted_at is not None
    terms = terms_for(couple)
    assert (terms.longest, terms.agreed, terms.version) == (300, True, 1)


def test_what_is_accepted_is_exactly_what_was_proposed(alex, sam, couple):
    agreement = propose(
        alex,
        proposal(
            shortest=15,
            longest=600,
            presets=(60, 15, 30, 30),
            until_morning=False,
            extensions=3,
            contact=Contact.EVERY,
            contact_every=45,
            reconnect=Reconnect.OWN,
            own_way="  A walk together  ",
        ),
    )
    accept(sam, agreement.version)
    terms = terms_for(couple)
    assert (terms.shortest, terms.longest, terms.until_morning, terms.extensions) == (15, 600, False, 3)
    # Sorted and each once, so the lengths offered read in order.
    assert terms.presets == (15, 30, 60)
    assert (terms.contact, terms.contact_every) == (Contact.EVERY, 45)
    assert (terms.reconnect, terms.own_way) == (Reconnect.OWN, "A walk together")
    assert terms.reconnect_label == "A walk together"
    assert "45 minutes" in terms.contact_label


def test_an_own_way_is_kept_only_when_reconnecting_in_ones_own_way(alex, sam, couple):
    accept(sam, propose(alex, proposal(reconnect=Reconnect.RITUAL, own_way="A walk")).version)
    assert terms_for(couple).own_way == ""


def test_the_proposer_cannot_accept_their_own_proposal(alex, couple):
    agreement = propose(alex, proposal())
    with pytest.raises(OwnProposal):
        accept(alex, agreement.version)
    agreement.refresh_from_db()
    assert agreement.is_pending


def test_a_new_proposal_withdraws_the_one_waiting_and_the_withdrawn_one_cannot_be_accepted(alex, sam, couple):
    first = propose(alex, proposal(longest=300))
    second = propose(alex, proposal(longest=400))

    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert not first.is_pending
    with pytest.raises(ReplacedProposal):
        accept(sam, first.version)
    assert terms_for(couple) == Terms()

    accept(sam, second.version)
    assert terms_for(couple).longest == 400


def test_a_counter_proposal_withdraws_the_partners_proposal(alex, sam, couple):
    mine = propose(alex, proposal(longest=300))
    theirs = propose(sam, proposal(longest=250))
    with pytest.raises(ReplacedProposal):
        accept(sam, mine.version)
    accept(alex, theirs.version)
    assert terms_for(couple).longest == 250
    assert Agreement.objects.pending_for(couple) is None


def test_versions_count_up_and_every_version_is_kept(alex, sam, couple):
    accept(sam, propose(alex, proposal(longest=300)).version)
    propose(sam, proposal(longest=400))
    accept(alex, propose(sam, proposal(longest=500)).version)
    pending = propose(alex, proposal(longest=600))

    kept = list(Agreement.objects.filter(couple=couple).order_by("version"))
    assert [a.version for a in kept] == [1, 2, 3, 4]
    assert [a.longest for a in kept] == [300, 400, 500, 600]
    assert [a.accepted_at is not None for a in kept] == [True, False, True, False]
    assert [a.withdrawn_at is not None for a in kept] == [False, True, False, False]
    assert Agreement.objects.pending_for(couple) == pending
    # The newest accepted version is in force while a newer one waits.
    assert (terms_for(couple).version, terms_for(couple).longest) == (3, 500)


def test_an_accepted_version_cannot_be_accepted_again_by_its_proposer(alex, sam, couple):
    agreement = propose(alex, proposal())
    accept(sam, agreement.version)
    with pytest.raises(NoSuchProposal):
        accept(alex, agreement.version)


@pytest.mark.parametrize("version", [0, 2, 99, -1, 2**31, 2**63, 10**30])
def test_a_version_that_does_not_exist_cannot_be_accepted(alex, sam, couple, version):
    propose(alex, proposal())
    with pytest.raises(NoSuchProposal):
        accept(sam, version)


def test_both_partners_hear_of_a_proposal_and_its_acceptance_and_the_outsider_does_not(
    alex, sam, robin, events, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = propose(alex, proposal())
    with django_capture_on_commit_callbacks(execute=True):
        accept(sam, agreement.version)
    for person in (alex, sam):
        assert [(e["type"], e["data"]) for e in events.of(person)] == [
            ("agreement.proposed", {"version": 1, "by": "Alex"}),
            ("agreement.accepted", {"version": 1, "by": "Sam"}),
        ]
    assert events.of(robin) == []


# --- Each partner's words ----------------------------------------------------------------------


def test_the_proposer_sets_their_own_words(alex, sam, couple):
    agreement = propose(alex, proposal(words="  Tell me you're coming back.  "))
    assert agreement.words == {str(alex.pk): "Tell me you're coming back."}
    assert agreement.terms().words_for(alex) == "Tell me you're coming back."
    assert agreement.terms().words_for(sam) == ""


def test_the_acceptor_can_add_their_words(alex, sam, couple):
    accept(sam, propose(alex, proposal(words="Tell me you're coming back.")).version, words=" I'm here. ")
    terms = terms_for(couple)
    assert terms.words_for(alex) == "Tell me you're coming back."
    assert terms.words_for(sam) == "I'm here."


def test_the_partners_words_are_carried_into_the_next_version(alex, sam, couple):
    accept(sam, propose(alex, proposal(words="A1")).version, words="S1")
    accept(sam, propose(alex, proposal(words="A2")).version)
    assert terms_for(couple).words == {str(alex.pk): "A2", str(sam.pk): "S1"}

    accept(alex, propose(sam, proposal(words="S3")).version)
    assert terms_for(couple).words == {str(alex.pk): "A2", str(sam.pk): "S3"}


def test_accepting_without_words_keeps_the_acceptors_earlier_words(alex, sam, couple):
    accept(sam, propose(alex, proposal()).version, words="S1")
    accept(sam, propose(alex, proposal(longest=300)).version)
    assert terms_for(couple).words_for(sam) == "S1"


def test_the_acceptors_words_are_at_most_280_characters(alex, sam, couple):
    agreement = propose(alex, proposal())
    with pytest.raises(InvalidTerms, match="280"):
        accept(sam, agreement.version, words="x" * 281)
    agreement.refresh_from_db()
    assert agreement.is_pending
    accept(sam, agreement.version, words="x" * 280)
    assert terms_for(couple).words_for(sam) == "x" * 280


# --- The bounds a proposal must keep ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"shortest": 9}, "The shortest break must be between 10 minutes and 48 hours"),
        ({"shortest": 48 * 60 + 1}, "The shortest break must be between 10 minutes and 48 hours"),
        ({"longest": 9}, "The longest break must be between 10 minutes and 48 hours"),
        ({"longest": 48 * 60 + 1}, "The longest break must be between 10 minutes and 48 hours"),
        ({"shortest": 60, "longest": 30, "presets": (30,)}, "cannot be longer than the longest"),
        ({"presets": (15, 30)}, "between 20 minutes and 24 hours"),
        ({"presets": (30, 1441)}, "between 20 minutes and 24 hours"),
        ({"presets": tuple(range(20, 240, 20))}, "at most 10"),
        ({"presets": (), "until_morning": False}, "at least one length"),
        ({"extensions": -1}, "at most 3 times"),
        ({"extensions": 4}, "at most 3 times"),
        ({"contact": "sometimes"}, "what the waiting partner may send"),
        ({"contact": Contact.EVERY, "contact_every": 4}, "between 5 minutes and 48 hours"),
        ({"contact": Contact.EVERY, "contact_every": 0}, "between 5 minutes and 48 hours"),
        # Kept even while unused, so it is bounded whatever the contact: the database holds only so much.
        ({"contact": Contact.ONCE, "contact_every": -1}, "between 5 minutes and 48 hours"),
        ({"contact": Contact.NOTHING, "contact_every": 2**63}, "between 5 minutes and 48 hours"),
        ({"reconnect": "later"}, "how you will reconnect"),
        ({"reconnect": Reconnect.OWN, "own_way": ""}, "Say in a few words"),
        ({"reconnect": Reconnect.OWN, "own_way": "   "}, "Say in a few words"),
        ({"reconnect": Reconnect.OWN, "own_way": "x" * 201}, "200 characters at most"),
        ({"words": "x" * 281}, "280 characters at most"),
    ],
)
def test_a_proposal_outside_the_bounds_is_refused_with_a_reason(alex, couple, changes, message):
    with pytest.raises(InvalidTerms) as refused:
        propose(alex, proposal(**changes))
    assert message in str(refused.value.message)
    assert refused.value.status == 400
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"shortest": 10, "presets": (10,)},
        {"longest": 48 * 60, "presets": (48 * 60,)},
        {"shortest": 60, "longest": 60, "presets": (60,)},
        {"presets": tuple(range(20, 220, 20))},
        {"presets": (), "until_morning": True},
        {"extensions": 0},
        {"extensions": 3},
        {"contact": Contact.NOTHING},
        {"contact": Contact.EVERY, "contact_every": 5},
        # Kept while unused, so bounded whatever the contact.
        {"contact": Contact.ONCE, "contact_every": 48 * 60},
        {"reconnect": Reconnect.OWN, "own_way": "x" * 200},
        {"words": "x" * 280},
    ],
)
def test_a_proposal_at_the_edges_of_the_bounds_is_accepted(alex, sam, couple, changes):
    accept(sam, propose(alex, proposal(**changes)).version)
    assert terms_for(couple).agreed


lengths = st.integers(min_value=-5, max_value=LONGEST_BREAK + 60)


@given(shortest=lengths, longest=lengths, presets=st.lists(lengths, max_size=12), until_morning=st.booleans())
def test_the_lengths_are_refused_exactly_when_they_break_a_bound(shortest, longest, presets, until_morning):
    valid = (
        SHORTEST_BREAK <= shortest <= longest <= LONGEST_BREAK
        and (presets or until_morning)
        and len(presets) <= 10
        and all(shortest <= p <= longest for p in presets)
    )
    terms = proposal(shortest=shortest, longest=longest, presets=tuple(presets), until_morning=until_morning)
    if valid:
        terms.check()
    else:
        with pytest.raises(InvalidTerms, match=r"\w"):
            terms.check()


# --- Who may take part ---------------------------------------------------------------------------


def test_someone_without_a_partner_can_neither_propose_nor_accept(jo):
    with pytest.raises(NotPaired):
        propose(jo, proposal())
    with pytest.raises(NotPaired):
        accept(jo, 1)
    assert not Agreement.objects.exists()


def test_an_outsider_cannot_accept_another_couples_proposal(alex, couple, robin):
    agreement = propose(alex, proposal(longest=300))
    with pytest.raises(NoSuchProposal):
        accept(robin, agreement.version)
    agreement.refresh_from_db()
    assert agreement.is_pending
    assert agreement.accepted_by is None


def test_one_couples_agreement_is_not_anothers(alex, sam, couple, robin):
    accept(sam, propose(alex, proposal(longest=300)).version)
    robins = propose(robin, proposal(longest=450))
    assert robins.version == 1
    assert robins.couple != couple
    assert terms_for(couple).longest == 300


def test_after_leaving_a_partner_a_new_couple_starts_from_the_defaults(alex, sam, couple, jo):
    accept(sam, propose(alex, proposal(longest=300)).version)
    pairing.leave(alex)
    assert terms_for(make_couple(alex, jo)) == Terms()
    with pytest.raises(NotPaired):
        propose(sam, proposal())


def test_accepting_twice_is_the_same_as_accepting_once(alex, sam, couple):
    agreement = propose(alex, proposal())
    first = accept(sam, agreement.version)
    again = accept(sam, agreement.version)
    assert again.pk == first.pk
    assert again.accepted_at == first.accepted_at
