"""Every app's declaration of the personal data it keeps (``personal_data.declared``), in INSTALLED_APPS order."""

from __future__ import annotations

import functools
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule

from breathingroom.personal_data import PersonalData, Section

MODULE = "personal_data"


@functools.cache
def every() -> dict[str, PersonalData]:
    """Each declaring app's label, and its declaration."""
    found = {}
    for app in apps.get_app_configs():
        if module_has_submodule(app.module, MODULE):
            found[app.label] = import_module(f"{app.name}.{MODULE}").declared
    return found


def sections() -> list[Section]:
    """The parts of a copy, in the order they are gathered; each is one step of its progress."""
    return [section for declared in every().values() for section in declared.sections]
