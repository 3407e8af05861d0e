from __future__ import annotations

from ninja import Schema


class Detail(Schema):
    detail: str
