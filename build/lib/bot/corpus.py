"""The labelled corpus in data/: real messages, each with where it was found.

Files: `data/*.jsonl` (the development samples) and `data/corpus/*.jsonl` (collected from
public pages and repositories). `data/written/` holds project-written messages; they are not
part of the corpus and no figure on real messages uses them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from bot.models import Category

Kind = Literal["quoted", "template", "spam_archive", "example"]
CORPUS_FILES = ("*.jsonl", "corpus/*.jsonl")

# "owner/repo:path (member/in/archive)" and "https://page#section": the page or file is the group.
# The lookbehind starts the spaces before it only where their run starts: linear on any source.
_MEMBER = re.compile(r"(?:(?<!\s)\s+)?\([^()]*\)$")


class Message(BaseModel):
    """One labelled message and its provenance."""

    id: str
    text: str = Field(min_length=1)
    label: Category
    source: str = Field(min_length=3)  # the page's address, or owner/repo:path
    query: str = Field(min_length=3)  # what was searched to find it
    kind: Kind
    note: str | None = None
    generic: bool | None = None
    has_link: bool | None = None

    @property
    def group(self) -> str:
        """Messages from one page or one file: kept together when data is split."""
        return _MEMBER.sub("", self.source).split("#", 1)[0].rstrip("/")


def load(directory: Path) -> list[Message]:
    """Every record of the corpus under `directory` (the repository's data/)."""
    messages = []
    for pattern in CORPUS_FILES:
        for path in sorted(directory.glob(pattern)):
            for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
                if line.strip():
                    try:
                        messages.append(Message.model_validate_json(line))
                    except ValueError as exc:
                        raise ValueError(f"{path}:{number}: {exc}") from exc
    return messages


def dump(message: Message) -> str:
    """One JSONL line, fields in a fixed order, unset optional fields left out."""
    return json.dumps(message.model_dump(mode="json", exclude_none=True), ensure_ascii=False)
