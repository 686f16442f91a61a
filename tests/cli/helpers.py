"""Messages, files and runners the CLI tests share."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.models import Category
from tests.conftest import DATA_DIR, REPO_ROOT

DEV_SAMPLES = DATA_DIR / "dev_samples.jsonl"
SEED_QUOTE = (
    "I see you looked at my profile and based on your fascinating background "
    "I think we should connect."
)
PITCH = (
    "Hi Sam, thanks for connecting! I help SaaS companies like yours double their "
    "pipeline with done-for-you outreach. Here's a 2-minute demo: https://demo.example/x "
    "Are you free for a quick 15-minute call on Thursday?\n\nBest,\nPriya"
)
GOOD = json.dumps({"text": "Thanks for the intro, Ana!", "label": "genuine"}).encode()
ASSESS_FIELDS = {
    "id",
    "category",
    "confidence",
    "uncertain",
    "signals",
    "generic",
    "sender_name",
    "draft",
    "engine",
}
CATEGORIES = {c.value for c in Category}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """main(argv) in this process: exit code, stdout, stderr."""
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def bad_file(tmp_path: Path, lines: list[bytes]) -> Path:
    """A JSONL file of these raw lines, good or bad."""
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)  # already scrubbed of COLDSHOULDER_*/OPENAI_* by conftest
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    return env


def run_process(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` as a real process."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )


def check_record(record: dict[str, object]) -> None:
    """One assess line (or draft --json object) holds the contract's fields and types."""
    assert set(record) >= ASSESS_FIELDS
    assert record["category"] in CATEGORIES
    confidence = record["confidence"]
    assert isinstance(confidence, float | int) and 0.0 <= confidence <= 1.0
    assert round(float(confidence), 3) == confidence
    assert isinstance(record["generic"], bool)
    assert record["sender_name"] is None or isinstance(record["sender_name"], str)
    assert isinstance(record["draft"], str) and record["draft"].strip()
    assert record["engine"] == "offline"
    assert isinstance(record["signals"], list)
    for signal in record["signals"]:
        assert set(signal) == {"signal", "quote"}
        assert isinstance(signal["signal"], str) and signal["signal"]
        assert signal["quote"] is None or isinstance(signal["quote"], str)
