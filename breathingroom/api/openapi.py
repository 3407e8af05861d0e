"""The answers ninja gives before any view runs, written into every operation's document.

A request without valid credentials (401), with a body that is not JSON (400) or with input that
does not fit the operation (422) is refused by ninja itself, so no view's ``response=`` mentions
it. A client reads the document to learn what can come back; these are added where they can happen.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from breathingroom.api.schemas import Detail, ValidationErrors

REF = "#/components/schemas/{model}"


def _answer(description: str, model: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model=model)}}},
    }


def _add_schema(components: dict[str, Any], model: type[Detail] | type[ValidationErrors]) -> None:
    found = model.model_json_schema(ref_template=REF)
    components.update(found.pop("$defs", {}))
    components.setdefault(model.__name__, found)


def _declare(responses: dict[Any, Any], status: int, answer: dict[str, Any]) -> None:
    if status not in responses and str(status) not in responses:
        responses[status] = answer


def document_refusals(schema: OpenAPISchema) -> None:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    _add_schema(components, Detail)
    _add_schema(components, ValidationErrors)
    for item in schema["paths"].values():
        for operation in item.values():
            responses = operation["responses"]
            if operation.get("security"):
                _declare(responses, 401, _answer("Not signed in, or the session has ended.", "Detail"))
            if "requestBody" in operation:
                _declare(responses, 400, _answer("The body is not JSON.", "Detail"))
            if "requestBody" in operation or operation.get("parameters"):
                _declare(responses, 422, _answer("The input does not fit: see each field's error.", "ValidationErrors"))


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_refusals(schema)
        return schema
