"""The argument parser: commands, choices, help and usage errors."""

from __future__ import annotations

import pytest

from bot import __version__
from bot.cli.parser import ENGINES, TONES, build_parser
from bot.models import Tone
from tests.cli.helpers import run


def test_unknown_tone_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["draft", "--tone", "snarky"], capsys)
    assert code == 2
    assert "snarky" in err and "pointed" in err


def test_no_command_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], capsys)
    assert code == 2 and "usage:" in err
    code, out, _ = run(["assess", "--help"], capsys)
    assert code == 0 and "blank lines are skipped" in " ".join(out.split())


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run"], {"command": "run"}),
        (["demo"], {"command": "demo"}),
        (["draft"], {"command": "draft", "file": None, "tone": None, "json": False}),
        (
            ["draft", "-", "--tone", "firm", "--json"],
            {"command": "draft", "file": "-", "tone": "firm", "json": True},
        ),
        (
            ["assess", "--jsonl", "in.jsonl"],
            {"command": "assess", "jsonl": "in.jsonl", "out": None, "engine": None},
        ),
        (
            ["assess", "--jsonl", "-", "--out", "o.jsonl", "--engine", "llm"],
            {"command": "assess", "jsonl": "-", "out": "o.jsonl", "engine": "llm"},
        ),
        (
            ["eval", "--jsonl", "f", "--engine", "offline", "--json", "--misses"],
            {
                "command": "eval",
                "jsonl": "f",
                "cv": False,
                "data": "data",
                "engine": "offline",
                "json": True,
                "misses": True,
            },
        ),
        (
            ["eval", "--cv", "--data", "d"],
            {
                "command": "eval",
                "jsonl": None,
                "cv": True,
                "data": "d",
                "engine": None,
                "json": False,
                "misses": False,
            },
        ),
        (["train"], {"command": "train", "data": "data", "out": None}),
    ],
)
def test_each_command_parses(argv: list[str], expected: dict[str, object]) -> None:
    assert vars(build_parser().parse_args(argv)) == expected


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["assess"], "--jsonl"),
        (["eval", "--jsonl", "f", "--engine", "gpt"], "'gpt'"),
        (["teach"], "'teach'"),
        (["eval"], "--jsonl"),
        (["eval", "--jsonl", "f", "--cv"], "not allowed with"),
    ],
)
def test_usage_errors_exit_2_naming_the_problem(
    argv: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert complaint in err and err.startswith("usage: coldshoulder")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and out == f"coldshoulder {__version__}\n"


def test_every_tone_and_engine_is_offered() -> None:
    assert set(TONES) == {t.value for t in Tone}
    assert ENGINES == ("offline", "llm")
