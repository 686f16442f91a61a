"""The `coldshoulder` command line: `parser` reads the arguments, `jsonl` the input,
`commands` runs them, `reports` says what came out."""

from bot.cli.commands import main

__all__ = ["main"]
