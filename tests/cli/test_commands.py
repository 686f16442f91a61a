"""The command line, in-process through main(argv) and as a real `python -m bot` process."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import commands as cli
from bot.cli import main
from bot.models import Category, Tone
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
ASSESS_FIELDS = {
    "id",
    "category",
    "confidence",
    "signals",
    "generic",
    "sender_name",
    "draft",
    "engine",
}
CATEGORIES = {c.value for c in Category}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def subprocess_env() -> dict[str, str]:
    env = dict(os.environ)  # already scrubbed of COLDSHOULDER_*/OPENAI_* by conftest
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    return env


def run_process(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    return result


def check_record(record: dict[str, object]) -> None:
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


# --------------------------------------------------------------------------- draft


def test_draft_from_file_prints_verdict_evidence_and_draft(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = tmp_path / "pitch.txt"
    message.write_text(PITCH, encoding="utf-8")
    code, out, err = run(["draft", str(message), "--json"], capsys)
    assert code == 0, err
    record = json.loads(out)

    code, out, err = run(["draft", str(message)], capsys)
    assert code == 0, err
    assert "\033[" not in out  # captured output is not a terminal: no colour
    category = Category(record["category"])
    assert category.label.capitalize() in out
    assert f"confidence {record['confidence']:.2f}" in out
    assert "Why" in out and "Draft" in out
    for signal in record["signals"]:
        assert signal["signal"].replace("_", " ") in out
        if signal["quote"]:
            assert " ".join(signal["quote"].split())[:25] in out
    first_draft_line = next(line for line in record["draft"].splitlines() if line.strip())
    assert first_draft_line.split()[0] in out
    if category.is_cold:
        assert "Generic" in out


def test_draft_json_has_the_assess_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = tmp_path / "m.txt"
    message.write_text(SEED_QUOTE, encoding="utf-8")
    code, out, _ = run(["draft", str(message), "--json"], capsys)
    assert code == 0
    record = json.loads(out)
    check_record(record)
    assert record["id"] == str(message)


def test_draft_from_stdin_dash_and_no_argument(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, PITCH.encode())
    code, out, _ = run(["draft", "-", "--json"], capsys)
    assert code == 0
    from_dash = json.loads(out)
    check_record(from_dash)
    assert from_dash["id"] == "-"

    feed_stdin(monkeypatch, PITCH.encode())
    code, out, _ = run(["draft", "--json"], capsys)
    assert code == 0
    assert json.loads(out) == from_dash  # the engine is deterministic


@pytest.mark.parametrize("tone", [t.value for t in Tone])
def test_draft_tone_is_honoured(
    tone: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, PITCH.encode())
    code, out, _ = run(["draft", "--tone", tone, "--json"], capsys)
    assert code == 0
    assert json.loads(out)["tone"] == tone

    feed_stdin(monkeypatch, PITCH.encode())
    code, out, _ = run(["draft", "--tone", tone], capsys)
    assert code == 0
    assert f"tone: {tone}" in out


def test_draft_default_tone_follows_the_category(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, PITCH.encode())
    _, out, _ = run(["draft", "--json"], capsys)
    record = json.loads(out)
    expected = "warm" if record["category"] == "genuine" else "pointed"
    assert record["tone"] == expected


def test_unknown_tone_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["draft", "--tone", "snarky"], capsys)
    assert code == 2
    assert "snarky" in err and "pointed" in err


def test_draft_strips_a_utf8_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = tmp_path / "bom.txt"
    message.write_bytes(b"\xef\xbb\xbf" + SEED_QUOTE.encode())
    code, out, _ = run(["draft", str(message), "--json"], capsys)
    assert code == 0
    for signal in json.loads(out)["signals"]:
        assert "\ufeff" not in (signal["quote"] or "")


# --------------------------------------------------------------------------- draft: bad input


def test_draft_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run(["draft", str(missing)], capsys)
    assert code == 2 and out == ""
    assert f"{missing}: no such file" in err
    assert "Traceback" not in err


def test_draft_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["draft", str(tmp_path)], capsys)
    assert code == 2 and "is a directory" in err


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \n"])
def test_draft_empty_file(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    code, out, err = run(["draft", str(empty)], capsys)
    assert code == 2 and out == ""
    assert f"{empty}: the file is empty" in err


def test_draft_empty_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, b"")
    code, out, err = run(["draft"], capsys)
    assert code == 2 and out == ""
    assert "<stdin>: no message on stdin" in err


def test_draft_non_utf8_file_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Hello,\nI saw your café post\n".encode("latin-1"))
    code, out, err = run(["draft", str(latin1)], capsys)
    assert code == 2 and out == ""
    assert f"{latin1}:2: not UTF-8" in err
    assert "0xe9" in err


# --------------------------------------------------------------------------- assess


def test_assess_writes_one_line_per_message_with_the_contract_fields(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "a1", "text": PITCH})
        + "\n\n"  # a blank line: skipped, but line numbers keep counting
        + json.dumps({"text": SEED_QUOTE})
        + "\n"
        + json.dumps({"id": 7, "text": "Thanks for the intro at lunch, Ana!"})
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run(["assess", "--jsonl", str(source)], capsys)
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a1", "3", "7"]  # missing id: the 1-based line
    for record in records:
        check_record(record)


def test_assess_out_file_matches_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": PITCH}, {"text": SEED_QUOTE}])
    _, stdout_version, _ = run(["assess", "--jsonl", str(source)], capsys)
    target = tmp_path / "out.jsonl"
    code, out, err = run(["assess", "--jsonl", str(source), "--out", str(target)], capsys)
    assert code == 0 and out == ""
    assert "wrote 2 verdict(s)" in err
    assert target.read_text(encoding="utf-8") == stdout_version


def test_assess_covers_every_dev_sample(capsys: pytest.CaptureFixture[str]) -> None:
    expected = [json.loads(line) for line in DEV_SAMPLES.read_text().splitlines() if line.strip()]
    code, out, _ = run(["assess", "--jsonl", str(DEV_SAMPLES)], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [e["id"] for e in expected]
    for record in records:
        check_record(record)


def test_assess_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, (json.dumps({"id": "x", "text": PITCH}) + "\n").encode())
    code, out, _ = run(["assess", "--jsonl", "-"], capsys)
    assert code == 0
    assert json.loads(out)["id"] == "x"


def test_engine_llm_without_a_key_says_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": PITCH, "label": "sales_pitch"}])
    for command in ("assess", "eval"):
        code, out, err = run([command, "--jsonl", str(source), "--engine", "llm"], capsys)
        assert code == 2 and out == ""
        assert "--engine llm needs OPENAI_API_KEY" in err


def test_explicit_offline_engine(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": PITCH}])
    code, out, _ = run(["assess", "--jsonl", str(source), "--engine", "offline"], capsys)
    assert code == 0 and json.loads(out)["engine"] == "offline"


def test_batch_commands_stay_offline_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": PITCH}])
    code, out, err = run(["assess", "--jsonl", str(source)], capsys)
    assert code == 0 and json.loads(out)["engine"] == "offline"
    assert "sk-test" not in err


# --------------------------------------------------------------------------- batch: bad input


def _bad_file(tmp_path: Path, lines: list[bytes]) -> Path:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


GOOD = json.dumps({"text": "Thanks for the intro, Ana!", "label": "genuine"}).encode()


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (b'{"text": "unterminated', "not valid JSON"),
        (b"[1, 2, 3]", "expected a JSON object"),
        (b'"just a string"', "expected a JSON object"),
        (b'{"id": "x"}', 'missing "text"'),
        (b'{"text": 42}', '"text" must be a string'),
        (b'{"text": null}', '"text" must be a string'),
        (b'{"text": "   "}', '"text" is empty'),
        (b'{"text": ""}', '"text" is empty'),
        (b'{"text": "hi", "id": {"a": 1}}', '"id" must be a string'),
        ('{"text": "caf\u00e9"}'.encode("latin-1"), "not UTF-8"),
    ],
)
@pytest.mark.parametrize("command", ["assess", "eval"])
def test_each_bad_line_is_named_and_stops_the_run(
    bad_line: bytes,
    message: str,
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if command == "eval" and bad_line.startswith(b"{") and bad_line.endswith(b"}"):
        bad_line = bad_line[:-1] + b', "label": "genuine"}'  # only the named problem remains
    path = _bad_file(tmp_path, [GOOD, GOOD, bad_line, GOOD])
    out_file = tmp_path / "out.jsonl"
    argv = [command, "--jsonl", str(path)]
    if command == "assess":
        argv += ["--out", str(out_file)]
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert not out_file.exists()  # no partial output
    assert f"{path}:3: " in err
    assert message in err
    assert "nothing was processed" in err
    assert "Traceback" not in err
    for good_line in (1, 2, 4):
        assert f"{path}:{good_line}:" not in err


def test_every_bad_line_is_reported_up_to_twenty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_file(tmp_path, [GOOD] + [b"nope"] * 25)
    code, _, err = run(["assess", "--jsonl", str(path)], capsys)
    assert code == 2
    assert "25 bad line(s)" in err
    for line in range(2, 22):
        assert f"{path}:{line}: not valid JSON" in err
    assert f"{path}:22:" not in err
    assert "... and 5 more" in err


def test_several_problems_on_one_line_are_all_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _bad_file(tmp_path, [GOOD, b'{"text": 1, "label": "spam"}'])
    code, _, err = run(["eval", "--jsonl", str(path)], capsys)
    assert code == 2
    line = next(x for x in err.splitlines() if f"{path}:2:" in x)
    assert '"text" must be a string' in line and "unknown label 'spam'" in line


def test_duplicate_ids_are_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "dup.jsonl", [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}])
    code, _, err = run(["assess", "--jsonl", str(path)], capsys)
    assert code == 2
    assert f"{path}:2: id 'a' repeats the id on line 1" in err


@pytest.mark.parametrize("content", [b"", b"\n\n   \n"])
@pytest.mark.parametrize("command", ["assess", "eval"])
def test_empty_jsonl(
    content: bytes, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    code, out, err = run([command, "--jsonl", str(path)], capsys)
    assert code == 2 and out == ""
    assert f"{path}: no messages" in err


@pytest.mark.parametrize("command", ["assess", "eval"])
def test_missing_jsonl(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    code, out, err = run([command, "--jsonl", str(missing)], capsys)
    assert code == 2 and out == ""
    assert f"{missing}: no such file" in err


def test_eval_unknown_or_missing_label(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad_file(
        tmp_path,
        [
            GOOD,
            b'{"text": "hi", "label": "spam"}',
            b'{"text": "hi"}',
            b'{"text": "hi", "label": 3}',
        ],
    )
    code, out, err = run(["eval", "--jsonl", str(path)], capsys)
    assert code == 2 and out == ""
    assert f"{path}:2: unknown label 'spam' (expected one of: sales_pitch," in err
    assert f'{path}:3: missing "label"' in err
    assert f'{path}:4: "label" must be a string' in err


def test_assess_does_not_need_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": "hi there", "label": "not-a-category"}])
    code, _, _ = run(["assess", "--jsonl", str(path)], capsys)
    assert code == 0


def test_engine_failure_names_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.engine.offline import OfflineEngine

    real = OfflineEngine.assess_and_draft

    def flaky(self: OfflineEngine, incoming, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "boom" in incoming.text:
            raise RuntimeError("template exploded")
        return real(self, incoming, *args, **kwargs)

    monkeypatch.setattr(OfflineEngine, "assess_and_draft", flaky)
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": PITCH}, {"text": "boom"}])
    code, out, err = run(["assess", "--jsonl", str(path)], capsys)
    assert code == 1 and out == ""
    assert f"{path}:2: the offline engine failed" in err and "template exploded" in err


# --------------------------------------------------------------------------- settings


def test_bad_settings_are_one_clean_paragraph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLDSHOULDER_LISTEN", "nowhere")
    monkeypatch.setenv("COLDSHOULDER_LLM_CONCURRENCY", "lots")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:very-secret-token")
    message = tmp_path / "m.txt"
    message.write_text(PITCH, encoding="utf-8")
    code, out, err = run(["draft", str(message)], capsys)
    assert code == 2 and out == ""
    assert "configuration error" in err
    assert "COLDSHOULDER_LISTEN" in err and "COLDSHOULDER_LLM_CONCURRENCY" in err
    assert "Traceback" not in err and "pydantic" not in err
    assert "very-secret-token" not in err
    assert len(err.strip().splitlines()) == 1


def test_bad_settings_from_dotenv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # conftest runs each test in its own cwd, where Settings looks for .env
    Path(".env").write_text("COLDSHOULDER_ALLOWED_USERS=12,bob\n", encoding="utf-8")
    code, _, err = run(["demo"], capsys)
    assert code == 2
    assert "COLDSHOULDER_ALLOWED_USERS" in err and "'bob'" in err


def test_missing_prompts_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLDSHOULDER_PROMPTS_DIR", str(tmp_path / "no-such-dir"))
    code, _, err = run(["demo"], capsys)
    assert code == 2
    assert "COLDSHOULDER_PROMPTS_DIR" in err and "Traceback" not in err


# --------------------------------------------------------------------------- eval


LABELLED = [
    {"id": "p", "text": PITCH, "label": "sales_pitch", "generic": True},
    {"id": "q", "text": SEED_QUOTE, "label": "sales_pitch", "generic": True},
    {"id": "g", "text": "Lovely to meet you at Tuesday's meetup, Ana.", "label": "genuine"},
]


def test_eval_json_fields_agree_with_assess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_jsonl(tmp_path / "labelled.jsonl", LABELLED)
    code, out, err = run(["eval", "--jsonl", str(path), "--json"], capsys)
    assert code == 0, err
    report = json.loads(out)
    for key in ("macro_f1", "genuine_as_cold", "per_category", "confusion", "calibration"):
        assert key in report
    assert report["n"] == 3
    assert set(report["per_category"]) == CATEGORIES
    for scores in report["per_category"].values():
        assert set(scores) == {"precision", "recall", "f1", "support"}
        assert all(0 <= scores[k] <= 1 for k in ("precision", "recall", "f1"))
    assert report["per_category"]["sales_pitch"]["support"] == 2

    # Recompute from assess's own predictions.
    _, assess_out, _ = run(["assess", "--jsonl", str(path)], capsys)
    predicted = {r["id"]: r["category"] for r in map(json.loads, assess_out.splitlines())}
    truth = {r["id"]: r["label"] for r in LABELLED}
    hits = sum(predicted[i] == truth[i] for i in truth)
    assert report["accuracy"] == pytest.approx(hits / 3, abs=1e-4)
    assert report["genuine_as_cold"] == (0.0 if predicted["g"] == "genuine" else 1.0)
    for i, label in truth.items():
        assert report["confusion"][label][predicted[i]] >= 1
    assert sum(sum(row.values()) for row in report["confusion"].values()) == 3
    assert {m["id"] for m in report["misclassified"]} == {
        i for i in truth if predicted[i] != truth[i]
    }

    calibration = report["calibration"]
    assert sum(band["n"] for band in calibration["bands"]) == 3
    assert [band["band"] for band in calibration["bands"]] == [
        "[0.0, 0.5)",
        "[0.5, 0.7)",
        "[0.7, 0.9)",
        "[0.9, 1.0]",
    ]
    assert 0.0 <= calibration["ece"] <= 1.0
    assert report["generic"]["n"] == 2


def test_eval_on_dev_samples_human_tables(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["eval", "--jsonl", str(DEV_SAMPLES), "--misses"], capsys)
    assert code == 0, err
    assert "Evaluated 60 message(s)" in out
    assert "precision" in out and "recall" in out and "support" in out
    assert "macro-F1" in out and "accuracy" in out and "genuine called cold" in out
    assert "Confusion (rows: true label" in out
    assert "Calibration" in out and "ECE" in out
    for category in CATEGORIES:
        assert category in out
    _, json_out, _ = run(["eval", "--jsonl", str(DEV_SAMPLES), "--json"], capsys)
    report = json.loads(json_out)
    assert f"{report['macro_f1']:.3f}" in out
    for miss in report["misclassified"]:
        assert f"{DEV_SAMPLES}:{miss['line']}  id={miss['id']}" in out


# --------------------------------------------------------------------------- demo, run, misc


def test_demo_shows_every_bundled_message(capsys: pytest.CaptureFixture[str]) -> None:
    records, titles = cli.demo_messages()
    assert {r.label for r in records} == CATEGORIES  # one per category, genuine included
    assert any(SEED_QUOTE in r.text for r in records)
    code, out, err = run(["demo"], capsys)
    assert code == 0, err
    assert "\033[" not in out
    for i, record in enumerate(records, start=1):
        assert f"{i}/{len(records)}  {titles[record.id]}" in out
    assert out.count("Verdict") == len(records)
    assert out.count("Draft") >= len(records)
    assert "fascinating background" in out


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.Style.for_stream(Tty()).enabled
    assert not cli.Style.for_stream(io.StringIO()).enabled
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli.Style.for_stream(Tty()).enabled
    assert cli.Style(True)("x", "bold") == "\033[1mx\033[0m"
    assert cli.Style(False)("x", "bold") == "x"


def test_run_without_a_token_says_how_to_get_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["run"], capsys)
    assert code == 2 and out == ""
    assert "TELEGRAM_BOT_TOKEN is not set" in err and "@BotFather" in err


def test_no_command_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([], capsys)
    assert code == 2 and "usage:" in err
    code, out, _ = run(["assess", "--help"], capsys)
    assert code == 0 and "blank lines are skipped" in " ".join(out.split())


def test_console_script_target_exists() -> None:
    from bot.__main__ import main as entry

    assert entry is main


# --------------------------------------------------------------------------- real processes


def test_process_demo() -> None:
    result = run_process(["demo"])
    assert result.returncode == 0, result.stderr
    assert "fascinating background" in result.stdout
    assert "\033[" not in result.stdout  # a pipe is not a terminal


def test_process_draft_from_stdin() -> None:
    result = run_process(["draft", "-", "--json", "--tone", "deadpan"], stdin=PITCH.encode())
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    check_record(record)
    assert record["tone"] == "deadpan"


def test_process_bad_jsonl(tmp_path: Path) -> None:
    path = _bad_file(tmp_path, [GOOD, b"{oops"])
    result = run_process(["assess", "--jsonl", str(path)])
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"{path}:2: not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_webhook_mode_refuses_to_start_without_a_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("COLDSHOULDER_WEBHOOK_URL", "https://bot.example/hook")
    code, _, err = run(["run"], capsys)
    assert code == 2 and "needs COLDSHOULDER_WEBHOOK_SECRET" in err


def test_process_run_and_llm(tmp_path: Path) -> None:
    result = run_process(["run"])
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": PITCH, "label": "sales_pitch"}])
    result = run_process(["eval", "--jsonl", str(path), "--engine", "llm"])
    assert result.returncode == 2
    assert "--engine llm needs OPENAI_API_KEY" in result.stderr


def test_env_example_documents_every_setting() -> None:
    from bot.config import Settings

    example = (REPO_ROOT / "deploy" / ".env.example").read_text(encoding="utf-8")
    for field in Settings.model_fields:
        assert f"{cli._env_name(field)}=" in example, field


def test_assess_and_eval_with_the_llm_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.fakes.openai import FakeOpenAI

    answer = {
        "category": "sales_pitch",
        "confidence": 0.9,
        "signals": [{"signal": "link to a demo", "quote": "2-minute demo"}],
        "sender_name": "Priya",
        "their_ask": "a call",
        "language": "en",
        "generic": True,
        "draft": "Thank you for my interest.",
    }
    rows = [{"id": f"m{i}", "text": PITCH, "label": "sales_pitch"} for i in range(12)]
    source = write_jsonl(tmp_path / "in.jsonl", rows)
    with FakeOpenAI(api_key="sk-cli") as fake:
        fake.default = answer
        monkeypatch.setenv("OPENAI_API_KEY", "sk-cli")
        monkeypatch.setenv("OPENAI_BASE_URL", fake.url)
        monkeypatch.setenv("COLDSHOULDER_LLM_CONCURRENCY", "3")
        code, out, err = run(["assess", "--jsonl", str(source), "--engine", "llm"], capsys)
        assert code == 0, err
        lines = [json.loads(line) for line in out.splitlines()]
        assert [r["id"] for r in lines] == [r["id"] for r in rows]  # input order kept
        assert {r["engine"] for r in lines} == {"llm"}
        assert lines[0]["signals"] == [{"signal": "link to a demo", "quote": "2-minute demo"}]
        assert "12/12 messages assessed" in err
        assert fake.max_in_flight <= 3

        code, out, err = run(["eval", "--jsonl", str(source), "--engine", "llm", "--json"], capsys)
        assert code == 0, err
        report = json.loads(out)
        assert report["engine"] == "llm" and report["macro_f1"] == 1.0
