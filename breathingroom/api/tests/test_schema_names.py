"""No two schemas of the API share a name: the OpenAPI document keeps one per name, silently.

Two apps each with a ``SideOut`` (or an enum ``Step``) would leave the document describing one
app's answers with the other's schema, so clients built on it read the wrong fields.
"""

from __future__ import annotations

import enum
import inspect
import typing
from collections import defaultdict

from pydantic import BaseModel

from breathingroom.api.api import api


def _routers(router):
    yield router
    for _prefix, sub in getattr(router, "_routers", []):
        yield from _routers(sub)


def named_schemas() -> dict[str, set[str]]:
    """Every model and enum the operations read or answer, by the name the document gives it."""
    names: dict[str, set[str]] = defaultdict(set)
    visited: set[int] = set()

    def walk(kind: object) -> None:
        if typing.get_origin(kind) is not None:
            for argument in typing.get_args(kind):
                walk(argument)
            return
        if not inspect.isclass(kind) or not issubclass(kind, enum.Enum | BaseModel) or id(kind) in visited:
            return
        visited.add(id(kind))
        if kind.__module__ != "abc":  # ninja's own wrapper of each answer
            names[kind.__name__].add(f"{kind.__module__}.{kind.__qualname__}")
        if issubclass(kind, BaseModel):
            for field in kind.model_fields.values():
                walk(field.annotation)

    for _prefix, router in api._routers:
        for each in _routers(router):
            for path in each.path_operations.values():
                for operation in path.operations:
                    for model in [*(operation.response_models or {}).values(), *operation.models]:
                        walk(model)
    return names


def test_every_schema_name_belongs_to_one_class():
    names = named_schemas()
    assert "EpisodeOut" in names  # the walk reaches the apps' own schemas
    assert {name: sorted(where) for name, where in names.items() if len(where) > 1} == {}
