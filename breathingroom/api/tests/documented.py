"""Whether an answer is one the OpenAPI document describes: for tests of what the fuzzer once found."""

from __future__ import annotations

from functools import cache
from typing import Any

from breathingroom.api.api import api


@cache
def document() -> dict[str, Any]:
    return api.get_openapi_schema()


def operation(method: str, path: str) -> dict[str, Any]:
    return document()["paths"][path][method.lower()]


def documented(method: str, path: str) -> set[int]:
    return {int(status) for status in operation(method, path)["responses"]}


def schema_name(method: str, path: str, status: int) -> str:
    responses = operation(method, path)["responses"]
    answer = responses.get(status) or responses[str(status)]
    return answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def assert_documented(response, method: str, path: str) -> None:
    allowed = documented(method, path)
    assert response.status_code in allowed, (method, path, response.status_code, sorted(allowed), response.content)
