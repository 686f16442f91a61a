"""The model's answer format: strict JSON schemas generated from the pydantic models."""

from __future__ import annotations

from pydantic import BaseModel

from bot.engine import llm_output
from bot.models import Category


def _nullable(kind: str) -> dict:
    return {"anyOf": [{"type": kind}, {"type": "null"}]}


def test_schemas_are_generated_from_the_output_models_in_strict_form() -> None:
    """The wire format: what OpenAI strict structured outputs accept, field for field."""
    signal = {
        "type": "object",
        "additionalProperties": False,
        "required": ["signal", "quote"],
        "properties": {"signal": {"type": "string"}, "quote": _nullable("string")},
    }
    assert {
        "name": "assessment",
        "strict": True,
        "schema": {
            "type": "object",
            "additionalProperties": False,
            "required": [
                "category",
                "confidence",
                "signals",
                "sender_name",
                "their_ask",
                "language",
                "generic",
                "draft",
            ],
            "properties": {
                "category": {"type": "string", "enum": [c.value for c in Category]},
                "confidence": {"type": "number"},
                "signals": {"type": "array", "items": signal},
                "sender_name": _nullable("string"),
                "their_ask": _nullable("string"),
                "language": {"type": "string"},
                "generic": {"type": "boolean"},
                "draft": {"type": "string"},
            },
        },
    } == llm_output.ASSESSMENT_SCHEMA
    assert llm_output.DRAFT_SCHEMA == {
        "name": "draft",
        "strict": True,
        "schema": {
            "type": "object",
            "additionalProperties": False,
            "required": ["draft"],
            "properties": {"draft": {"type": "string"}},
        },
    }


def test_a_new_model_field_is_required_in_the_schema_too() -> None:
    class Out(BaseModel):
        note: str | None = None
        items: list[llm_output.SignalOut] = []

    schema = llm_output.strict_schema(Out, "out")["schema"]
    assert schema["required"] == ["note", "items"]
    assert schema["properties"]["items"]["items"]["additionalProperties"] is False
