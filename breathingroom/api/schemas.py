from __future__ import annotations

from ninja import Schema
from pydantic import BaseModel, ConfigDict


class Detail(Schema):
    detail: str


class Input(BaseModel):
    """A request body: a JSON object with only the fields named, so a typo is an error, not ignored.

    (ninja's own ``Schema`` reads attributes from any object, which suits responses, not input.)
    """

    model_config = ConfigDict(extra="forbid")
