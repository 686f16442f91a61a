"""The commands end to end: in-process through main(argv) and as a real `python -m bot`."""

from __future__ import annotations

import asyncio
import io
import json
import sys
from pathlib import Path

import pytest

from bot.cli import commands, main, reports
from bot.models import Category, Incoming, Preferences, Tone
from tests.cli.helpers import (
    CATEGORIES,
    DEV_SAMPLES,
    GOOD,
    PITCH,
    SEED_QUOTE,
    bad_file,
    check_record,
    feed_stdin,
    run,
    run_process,
    write_jsonl,
)
from tests.conftest import REPO_ROOT

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


# --------------------------------------------------------------------------- draft: bad input

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


def test_assess_out_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": PITCH}])
    target = tmp_path / "no-such-dir" / "out.jsonl"
    code, out, err = run(["assess", "--jsonl", str(source), "--out", str(target)], capsys)
    assert code == 2 and out == ""
    assert err == f"coldshoulder: {target}: cannot write (No such file or directory)\n"
    assert not list(tmp_path.glob("**/.out.jsonl.tmp"))


def test_assess_covers_every_dev_sample(capsys: pytest.CaptureFixture[str]) -> None:
    expected = [json.loads(line) for line in DEV_SAMPLES.read_text().splitlines() if line.strip()]
    code, out, _ = run(["assess", "--jsonl", str(DEV_SAMPLES)], capsys)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [e["id"] for e in expected]
    for record in records:
        check_record(record)


def test_assess_streams_a_batch_larger_than_its_window_in_input_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline_engine
) -> None:
    """Records overlap up to the window and finish out of order (every fifth is slow); the
    lines come out in input order, each as the engine reads its record, and no more records
    are started than the window allows ahead of the last line written."""
    from bot.engine.offline import OfflineEngine

    texts = [PITCH, SEED_QUOTE, "Thanks for the intro at lunch, Ana! Coffee next week?"]
    rows = [
        {"id": f"m{i}", "text": texts[i % 3] + (" (slow)" if i % 5 == 0 else "")} for i in range(40)
    ]
    window = 2 * OfflineEngine.concurrency
    stdout = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    ahead: list[int] = []  # at each start: records started but not yet written
    verdict = OfflineEngine.verdict

    async def watched(self: OfflineEngine, incoming: Incoming, prefs, tone=None):  # type: ignore[no-untyped-def]
        ahead.append(len(ahead) + 1 - stdout.getvalue().count("\n"))
        if incoming.text.endswith("(slow)"):
            await asyncio.sleep(0.05)  # the records after it finish first
        return await verdict(self, incoming, prefs, tone)

    monkeypatch.setattr(OfflineEngine, "verdict", watched)
    assert main(["assess", "--jsonl", str(write_jsonl(tmp_path / "in.jsonl", rows))]) == 0

    expected = [
        reports.dump(
            reports.verdict_record(
                row["id"],
                offline_engine.assess_and_draft(
                    Incoming(text=row["text"], source="cli"), Preferences()
                ),
            )
        )
        for row in rows
    ]
    assert stdout.getvalue().splitlines() == expected
    assert len(rows) > window and max(ahead) == window


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
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": PITCH}, {"text": "boom"}, {"text": PITCH}])
    code, out, err = run(["assess", "--jsonl", str(path)], capsys)
    assert code == 1
    assert f"{path}:2: the offline engine failed" in err and "template exploded" in err
    # stdout is streamed: the lines before the failure were written, none after it.
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["1"]

    target = tmp_path / "out.jsonl"
    code, out, err = run(["assess", "--jsonl", str(path), "--out", str(target)], capsys)
    assert code == 1 and out == "" and "template exploded" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]  # no partial file


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
    for key in (
        "macro_f1",
        "genuine_as_cold",
        "cold_as_genuine",
        "uncertain_share",
        "per_category",
        "confusion",
        "calibration",
    ):
        assert key in report
    assert report["n"] == 3
    assert set(report["per_category"]) == CATEGORIES
    for scores in report["per_category"].values():
        assert set(scores) == {"precision", "recall", "f1", "support"}
        assert all(0 <= scores[k] <= 1 for k in ("precision", "recall", "f1"))
    assert report["per_category"]["sales_pitch"]["support"] == 2

    # Recompute from assess's own predictions.
    _, assess_out, _ = run(["assess", "--jsonl", str(path)], capsys)
    rows = {r["id"]: r for r in map(json.loads, assess_out.splitlines())}
    predicted = {i: r["category"] for i, r in rows.items()}
    truth = {r["id"]: r["label"] for r in LABELLED}
    hits = sum(predicted[i] == truth[i] for i in truth)
    assert report["accuracy"] == pytest.approx(hits / 3, abs=1e-4)
    called_cold = predicted["g"] != "genuine" and not rows["g"]["uncertain"]
    assert report["genuine_as_cold"] == (1.0 if called_cold else 0.0)
    assert report["uncertain_share"] == pytest.approx(
        sum(r["uncertain"] for r in rows.values()) / 3, abs=1e-4
    )
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
        "[0.5, 0.6)",
        "[0.6, 0.7)",
        "[0.7, 0.8)",
        "[0.8, 0.9)",
        "[0.9, 1.0]",
    ]
    assert 0.0 <= calibration["ece"] <= 1.0
    assert report["generic"]["n"] == 2


def test_eval_prints_the_draft_rubric(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["eval", "--jsonl", str(DEV_SAMPLES)], capsys)
    assert code == 0, err
    assert "Draft rubric" in out
    for label in (
        "distinct drafts",
        "genuine offering a call unasked      0",
        "pointed cold without a product line  0",
        "drafts with a link or contact        0",
        "snark in genuine drafts              0",
        "default-tone drafts <= 256 chars",
    ):
        assert label in out
    _, json_out, _ = run(["eval", "--jsonl", str(DEV_SAMPLES), "--json"], capsys)
    drafts = json.loads(json_out)["drafts"]
    assert drafts["n"] == 60 and drafts["distinct_share"] >= 0.9
    assert drafts["default_short_share"] >= 0.9
    assert drafts["genuine_unasked_meeting"] == drafts["pointed_without_line"] == 0
    assert drafts["links"] == drafts["snark_to_genuine"] == 0


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


def test_demo_answers_the_genuine_example_on_its_ask(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["demo"], capsys)
    assert code == 0, err
    genuine = out.split("Someone you actually met", 1)[1]
    draft = " ".join(genuine.split("Draft", 1)[1].split("Try your own", 1)[0].split())
    assert "Hi Tom," in draft or "Hello Tom," in draft
    assert "the slides" in draft and "PyData meetup" in draft
    assert "times that" not in draft and "find a slot" not in draft


def test_demo_shows_every_bundled_message(capsys: pytest.CaptureFixture[str]) -> None:
    records, titles = commands.demo_messages()
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


def test_run_without_a_token_says_how_to_get_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["run"], capsys)
    assert code == 2 and out == ""
    assert "TELEGRAM_BOT_TOKEN is not set" in err and "@BotFather" in err


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
    path = bad_file(tmp_path, [GOOD, b"{oops"])
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
        assert f"{commands.env_name(field)}=" in example, field


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
