"""What the model must answer: pydantic models, and the strict JSON schemas made from them.

The schema the API receives is generated from the same models that validate the answer, so
the two cannot drift apart.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field, field_validator

from bot.models import Category

MAX_DRAFT_CHARS = 1200
MAX_SIGNALS = 6


class SignalOut(BaseModel):
    signal: str = Field(min_length=1, max_length=80)
    quote: str | None = Field(default=None, max_length=300)


class DraftOut(BaseModel):
    draft: str = Field(min_length=1, max_length=MAX_DRAFT_CHARS)


class AssessmentOut(BaseModel):
    # Field order is the order the model writes in: the verdict first, the draft last.
    category: Category
    confidence: float = Field(ge=0.0, le=1.0)
    signals: list[SignalOut]
    sender_name: str | None = Field(default=None, max_length=80)
    their_ask: str | None = Field(default=None, max_length=200)
    language: str = "en"
    generic: bool
    draft: str = Field(min_length=1, max_length=MAX_DRAFT_CHARS)

    @field_validator("signals")
    @classmethod
    def _at_most_six(cls, value: list[SignalOut]) -> list[SignalOut]:
        return value[:MAX_SIGNALS]

    @field_validator("language")
    @classmethod
    def _iso_639_1(cls, value: str) -> str:
        code = value.strip().lower()[:2]
        return code if re.fullmatch(r"[a-z]{2}", code) else "en"


# Keywords strict mode does not take, or that only pydantic needs; limits are checked on our side.
_NOT_STRICT = frozenset(
    {"title", "default", "description", "minLength", "maxLength", "minimum", "maximum"}
)


def strict_schema(model: type[BaseModel], name: str) -> dict[str, Any]:
    """The `json_schema` response format for a pydantic model, as OpenAI strict structured
    outputs want it: $refs inlined, every property required, no additional properties,
    optional values as anyOf [..., null]."""
    raw = model.model_json_schema()
    defs = raw.pop("$defs", {})

    def strict(node: Any) -> Any:
        if isinstance(node, list):
            return [strict(item) for item in node]
        if not isinstance(node, dict):
            return node
        if "$ref" in node:
            return strict(defs[node["$ref"].rsplit("/", 1)[-1]])
        out = {k: strict(v) for k, v in node.items() if k not in _NOT_STRICT}
        if out.get("type") == "object":
            out["additionalProperties"] = False
            out["required"] = list(out.get("properties", {}))
        return out

    return {"name": name, "strict": True, "schema": strict(raw)}


ASSESSMENT_SCHEMA = strict_schema(AssessmentOut, "assessment")
DRAFT_SCHEMA = strict_schema(DraftOut, "draft")
