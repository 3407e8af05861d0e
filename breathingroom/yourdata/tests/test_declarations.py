"""Every model that points at a person or a couple is in some app's ``personal_data``, and says it truly.

A model left out would be missed by a copy of someone's data and, worse, could keep something of a
person who deleted their account; so adding one without declaring it fails here.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.apps import apps
from django.db import models

from breathingroom.accounts.models import Person
from breathingroom.breaks.models import Break, Taker
from breathingroom.couples.models import Couple
from breathingroom.personal_data import PersonalData
from breathingroom.yourdata import declarations


def pointers(model: type[models.Model], target: type[models.Model]) -> list[models.ForeignKey]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey) and field.related_model is target  # OneToOne is a ForeignKey too
    ]


def about_people_or_couples() -> set[type[models.Model]]:
    # Many-to-many tables made by Django (a person's groups) go with the model that declares the field.
    return {
        model
        for model in apps.get_models()
        if not model._meta.auto_created and (pointers(model, Person) or pointers(model, Couple))
    }


def declared_models(every: dict[str, PersonalData]) -> list[type[models.Model]]:
    return [model for declared in every.values() for model in (*declared.own, *declared.shared)]


def undeclared(every: dict[str, PersonalData]) -> set[str]:
    return {model._meta.label for model in about_people_or_couples() - set(declared_models(every))}


def untrue(every: dict[str, PersonalData]) -> list[str]:
    """Declarations the schema contradicts: a person's own row that does not go with them, or a
    partner's row that would."""
    wrong = []
    for declared in every.values():
        for model in declared.own:
            rules = [field.remote_field.on_delete for field in pointers(model, Person)]
            if models.CASCADE not in rules or set(rules) - {models.CASCADE, models.SET_NULL}:
                wrong.append(f"{model._meta.label} is declared a person's own, but does not go with them")
        for model in declared.shared:
            if any(field.remote_field.on_delete is not models.SET_NULL for field in pointers(model, Person)):
                wrong.append(f"{model._meta.label} is declared kept for a partner, but is not kept")
    return wrong


def test_every_model_about_a_person_or_a_couple_is_declared():
    assert undeclared(declarations.every()) == set()


def test_each_declaration_matches_what_the_database_does_on_deletion():
    assert untrue(declarations.every()) == []


def test_no_model_is_declared_twice_and_no_section_has_two_owners():
    every = declarations.every()
    twice = [label for label, n in Counter(m._meta.label for m in declared_models(every)).items() if n > 1]
    assert twice == []
    names = [section.name for section in declarations.sections()]
    assert len(names) == len(set(names))


def test_each_app_declares_in_its_own_module():
    assert {"accounts", "couples", "agreements", "breaks", "calm", "events", "notify", "security", "yourdata"} <= set(
        declarations.every()
    )
    assert [s.name for s in declarations.sections()][:3] == ["profile", "sessions", "couples"]


def test_a_model_left_out_is_found():
    every = dict(declarations.every())
    every.pop("breaks")
    assert {"breaks.Break", "breaks.Taker", "breaks.NextTry"} <= undeclared(every) - undeclared(declarations.every())


@pytest.mark.parametrize(
    ("declared", "wrong"),
    [
        (PersonalData(own=[Break]), "breaks.Break is declared a person's own, but does not go with them"),
        (PersonalData(shared=[Taker]), "breaks.Taker is declared kept for a partner, but is not kept"),
    ],
)
def test_a_declaration_the_database_contradicts_is_found(declared, wrong):
    assert untrue({"test": declared}) == [wrong]
