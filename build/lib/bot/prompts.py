"""Loads and renders the files in prompts/. Templates use string.Template slots ($name).

Rendering refuses to guess: a slot without a value raises MissingVariables, so a missing
name never turns into "Hi $name" in front of a user.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from string import Template

from bot.errors import MissingVariables, PromptError

VARIANT_SEPARATOR = "---"
NOTES_FILE = "notes.toml"  # one-line notes for the card, keyed "section.name"


class Prompts:
    """The prompts/ directory, resolved from settings rather than the working directory."""

    def __init__(self, root: Path):
        if not root.is_dir():
            raise PromptError(f"prompts directory not found: {root}")
        self.root = root

    def path(self, name: str) -> Path:
        return self.root / name

    def exists(self, name: str) -> bool:
        return self.path(name).is_file()

    def text(self, name: str) -> str:
        """The raw file text; fails loudly when the file is missing."""
        return _read(self.root, name)

    def variants(self, name: str) -> list[str]:
        """A file holding several alternatives, separated by lines of `---`."""
        return list(_split(self.text(name)))

    def render(self, name: str, /, **values: object) -> str:
        return render(self.text(name), name, **values)

    def note(self, key: str, /, **values: object) -> str:
        """One line from notes.toml, e.g. note("model.fallback", reason=...)."""
        section, _, name = key.partition(".")
        try:
            template = _notes(self.root)[section][name]
        except KeyError:
            raise PromptError(f"{NOTES_FILE}: no note {key!r}") from None
        return render(template, f"{NOTES_FILE} {key}", **values)

    def require(self, names: list[str]) -> None:
        """Fail at start-up, not on the first message, when a needed file is missing."""
        missing = [n for n in names if not self.exists(n)]
        if missing:
            raise PromptError(f"missing prompt files in {self.root}: {', '.join(missing)}")


@functools.lru_cache(maxsize=512)
def _split(text: str) -> tuple[str, ...]:
    return tuple(split_variants(text))


def split_variants(text: str) -> list[str]:
    parts: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip() == VARIANT_SEPARATOR:
            parts.append([])
        else:
            parts[-1].append(line)
    return [chunk for chunk in ("\n".join(p).strip() for p in parts) if chunk]


def slots(template: str) -> set[str]:
    """The $names a template uses."""
    return set(_identifiers(template))


@functools.lru_cache(maxsize=2048)
def _identifiers(template: str) -> tuple[str, ...]:
    return tuple(Template(template).get_identifiers())


def render(template: str, name: str = "<template>", /, **values: object) -> str:
    missing = {s for s in slots(template) if values.get(s) is None}
    if missing:
        raise MissingVariables(name, missing)
    return Template(template).substitute({k: str(v) for k, v in values.items() if v is not None})


@functools.lru_cache(maxsize=512)
def _read(root: Path, name: str) -> str:
    # Cached by (root, name): drafting reads a few files per message.
    path = root / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(f"prompt file not found: {path}") from None


@functools.lru_cache(maxsize=8)
def _notes(root: Path) -> dict[str, dict[str, str]]:
    return tomllib.loads(_read(root, NOTES_FILE))
