"""The agreement written as short steps: each term once, in order, each with why it matters."""

from __future__ import annotations

import re

from breathingroom.agreements.forms import ProposalForm
from breathingroom.agreements.steps import STEPS
from breathingroom.conftest import page_text

PROPOSE = "/agreement/propose/"


def test_every_term_of_the_form_is_asked_in_exactly_one_step():
    asked = [name for step in STEPS for name in step.fields]
    assert len(asked) == len(set(asked))
    assert set(asked) == set(ProposalForm.base_fields)
    assert len({step.key for step in STEPS}) == len(STEPS)
    for step in STEPS:
        assert step.fields or step.template, step.key
        # One sentence on why the term matters.
        assert str(step.why).count(".") == 1, step.key
        assert str(step.why).endswith("."), step.key


def test_the_page_shows_the_steps_in_order_all_of_them_without_javascript(alex_client):
    page = page_text(alex_client.get(PROPOSE))
    found = re.findall(r'<section class="step" id="step-([a-z]+)"[^>]*data-step>', page)
    assert found == [step.key for step in STEPS]
    assert "hidden data-step>" not in page
    for number, step in enumerate(STEPS, start=1):
        section = page.split(f'id="step-{step.key}"', 1)[1].split("</section>", 1)[0]
        assert f"Step {number} of {len(STEPS)}" in section
        assert f'<progress class="step-progress" max="{len(STEPS)}" value="{number}"' in section
        assert str(step.title) in section
        assert str(step.why) in section
        for name in step.fields:
            assert f'name="{name}"' in section, (step.key, name)
    # Back and Next are for the script to show; without it, one Propose at the end sends it all.
    assert page.count('class="step-nav" hidden data-step-nav') == len(STEPS)
    assert page.count('<button type="submit"') == 2  # Propose, and signing out in the footer
    assert '<script type="module" src="/static/breathingroom/steps.js"></script>' in page


def test_a_refusal_comes_back_on_the_same_page_with_every_step(alex_client):
    response = alex_client.post(PROPOSE, {"shortest": "60", "longest": "60", "presets": ["10"], "contact": "once"})
    assert response.status_code == 400
    page = page_text(response)
    assert page.count("data-step>") == len(STEPS)
    assert 'class="error"' in page or 'class="form-errors"' in page
