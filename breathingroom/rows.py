"""The reads made for every signed-in request, written as SQL once instead of compiled on each call.

Each signed-in request reads its session, the person it signs in and, for a page kept until news,
the number of the person's newest event. Each is one row found by its key in an index, which the
database answers in microseconds, but building the query through the ORM took about 0.3 ms each
time (filters, compiling, the columns of a wide row), and with three of them, being signed in cost
more than a bare view's whole answer.

A ``Row`` is built from the model's own fields, as the ORM would build it: the same columns, the
values prepared by the fields and read back through the same converters. It is written once per
database and then only run, so it is the same query, minus the compiling.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model
from django.db.models.expressions import Col

M = TypeVar("M", bound=Model)

# The comparisons a ``Row`` can ask for, as Django's lookups name them.
COMPARISONS = {"exact": "=", "gt": ">"}


@dataclass(frozen=True)
class _Written:
    sql: str
    attnames: list[str]
    # (position in the row, its column, its converters), for the columns the database hands back raw.
    converted: list[tuple[int, Col, list[Any]]]


class Row(Generic[M]):
    """One row of ``model`` with the given fields (``"session_key"``, ``"expire_date__gt"``, ``"pk"``)
    matching the values passed to ``get``; only ``fields`` are read, or all of them.

    For reads by a unique key only: ``get`` gives the first row found.
    """

    def __init__(self, model: type[M], *where: str, fields: Sequence[str] | None = None) -> None:
        self.model = model
        meta = model._meta
        self._where: list[tuple[Field[Any, Any], str]] = []
        for condition in where:
            name, _, lookup = condition.partition("__")
            field = meta.pk if name == "pk" else meta.get_field(name)
            if not (isinstance(field, Field) and field.concrete):
                raise ValueError(f"{condition} names no column of {meta.label}")
            self._where.append((field, COMPARISONS[lookup or "exact"]))
        self._fields: list[Field[Any, Any]] = (
            list(meta.concrete_fields) if fields is None else [meta.get_field(name) for name in fields]  # type: ignore[misc]
        )
        self._written_for: dict[str, _Written] = {}

    def get(self, *values: Any) -> M | None:
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        written = self._written_for.get(alias) or self._write(alias)
        params = [
            field.get_db_prep_value(value, connection, prepared=False)
            for (field, _), value in zip(self._where, values, strict=True)
        ]
        with connection.cursor() as cursor:
            cursor.execute(written.sql, params)
            found = cursor.fetchone()
        if found is None:
            return None
        row = list(found)
        for position, column, converters in written.converted:
            for convert in converters:
                row[position] = convert(row[position], column, connection)
        return self.model.from_db(alias, written.attnames, row)

    def _write(self, alias: str) -> _Written:
        connection = connections[alias]
        quote = connection.ops.quote_name
        table = self.model._meta.db_table
        columns = ", ".join(quote(field.column) for field in self._fields)
        conditions = " AND ".join(f"{quote(field.column)} {sign} %s" for field, sign in self._where)
        converted = []
        for position, field in enumerate(self._fields):
            column = field.get_col(table)
            converters = _converters(connection, column)
            if converters:
                converted.append((position, column, converters))
        written = _Written(
            # Only names from the model's own fields, quoted by the database; every value is a parameter.
            sql=f"SELECT {columns} FROM {quote(table)} WHERE {conditions}",  # noqa: S608
            attnames=[field.attname for field in self._fields],
            converted=converted,
        )
        self._written_for[alias] = written
        return written


def _converters(connection: BaseDatabaseWrapper, column: Col) -> list[Any]:
    # As the ORM's compiler gathers them for a selected column: the backend's first, then the field's.
    return [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]
