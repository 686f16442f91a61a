"""What the CLI prints: verdicts, the eval report, the demo, colours and progress."""

from __future__ import annotations

import io

import pytest

from bot.cli import reports
from bot.cli.jsonl import Record
from bot.models import Assessment, Category, Draft, Signal, Tone, Verdict


class Tty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert reports.Style.for_stream(Tty()).enabled
    assert not reports.Style.for_stream(io.StringIO()).enabled
    monkeypatch.setenv("NO_COLOR", "1")
    assert not reports.Style.for_stream(Tty()).enabled
    assert reports.Style(True)("x", "bold") == "\033[1mx\033[0m"
    assert reports.Style(False)("x", "bold") == "x"


def make_verdict(
    category: Category = Category.sales_pitch,
    *,
    confidence: float = 0.9,
    generic: bool = True,
    signals: list[Signal] | None = None,
    note: str | None = None,
) -> Verdict:
    assessment = Assessment(
        category=category,
        confidence=confidence,
        signals=signals if signals is not None else [],
        generic=generic,
        sender_name="Priya",
    )
    tone = Tone.warm if category is Category.genuine else Tone.pointed
    return Verdict(
        assessment=assessment, draft=Draft(tone=tone, text="Hi Priya,\n\nNo, thank you."), note=note
    )


def test_verdict_record_is_the_contract_object() -> None:
    verdict = make_verdict(
        confidence=0.87654, signals=[Signal(signal="demo_link", quote="2-minute demo")]
    )
    assert reports.verdict_record("m1", verdict) == {
        "id": "m1",
        "category": "sales_pitch",
        "confidence": 0.877,
        "uncertain": False,
        "signals": [{"signal": "demo_link", "quote": "2-minute demo"}],
        "generic": True,
        "sender_name": "Priya",
        "draft": "Hi Priya,\n\nNo, thank you.",
        "tone": "pointed",
        "engine": "offline",
    }


def test_render_verdict_for_a_cold_message() -> None:
    verdict = make_verdict(
        signals=[Signal(signal="quick_call", quote="a quick\n15-minute call"), Signal(signal="x")],
        note="answered offline",
    )
    text = reports.render_verdict(verdict, reports.Style(False), 80)
    lines = text.splitlines()
    assert lines[0] == "Verdict  Sales pitch  (sales_pitch, confidence 0.90)"
    assert "Generic  yes, reads like a mass template" in lines
    assert "Sender   Priya" in lines
    assert "  • quick call: “a quick 15-minute call”" in lines  # spaces folded, _ read as space
    assert "  • x" in lines
    assert "Note: answered offline" in lines
    assert lines[-4:] == ["Draft  tone: pointed", "    Hi Priya,", "", "    No, thank you."]


def test_render_verdict_for_a_genuine_message_has_no_generic_line() -> None:
    text = reports.render_verdict(
        make_verdict(Category.genuine, generic=False), reports.Style(False), 80
    )
    assert "Generic" not in text
    assert "(no signals: nothing in the message stood out)" in text
    assert "tone: warm" in text


def test_render_verdict_clips_a_long_quote_to_the_width() -> None:
    quote = "word " * 100
    verdict = make_verdict(signals=[Signal(signal="flattery", quote=quote)])
    line = next(x for x in reports.render_verdict(verdict, reports.Style(False), 60).splitlines()
                if "flattery" in x)  # fmt: skip
    assert line.endswith("…”") and len(line) <= 60


def test_style_colours_the_category() -> None:
    style = reports.Style(True)
    assert style.category(Category.genuine, "G") == "\033[1;32mG\033[0m"
    assert style.category(Category.scam, "S") == "\033[1;31mS\033[0m"
    assert style.category(Category.recruiting, "R") == "\033[1;33mR\033[0m"


def records_and_verdicts() -> tuple[list[Record], list[Verdict]]:
    records = [
        Record(line=1, id="a", text="x", label="sales_pitch", generic=True),
        Record(line=2, id="b", text="y", label="genuine"),
        Record(line=4, id="c", text="z", label="genuine", generic=False),
    ]
    verdicts = [
        make_verdict(Category.sales_pitch, confidence=0.95),
        make_verdict(Category.sales_pitch, confidence=0.6),  # genuine called cold
        make_verdict(Category.genuine, confidence=0.8, generic=False),
    ]
    return records, verdicts


def test_eval_report_names_the_misclassified_lines() -> None:
    records, verdicts = records_and_verdicts()
    report = reports.eval_report(records, verdicts)
    assert report["n"] == 3
    assert report["genuine_as_cold"] == 0.5
    assert report["generic"] == {"n": 2, "accuracy": 1.0, "precision": 1.0, "recall": 1.0}
    assert report["misclassified"] == [
        {
            "id": "b",
            "line": 2,
            "label": "genuine",
            "predicted": "sales_pitch",
            "confidence": 0.6,
            "uncertain": False,
        }
    ]


def test_eval_report_without_generic_labels() -> None:
    records = [Record(line=1, id="a", text="x", label="genuine")]
    report = reports.eval_report(records, [make_verdict(Category.genuine, generic=False)])
    assert report["generic"] is None
    assert report["misclassified"] == []


def test_render_eval_tables() -> None:
    records, verdicts = records_and_verdicts()
    report = reports.eval_report(records, verdicts)
    text = reports.render_eval(report, "f.jsonl", "offline", show_misses=True)
    lines = text.splitlines()
    assert lines[0] == "Evaluated 3 message(s) from f.jsonl with the offline engine"
    assert "accuracy             0.667  (2 of 3)" in lines
    assert "macro-F1             0.667  (over 2 categories present)" in lines
    assert "genuine called cold  50.0%  (1 of 2 genuine)  <- the costly mistake" in lines
    assert "cold called genuine  0.0%" in lines
    assert "generic flag         accuracy 1.000, precision 1.000, recall 1.000 (n=2)" in lines
    genuine_row = next(x for x in lines if x.startswith("genuine ") and x.split()[1:2] == ["1"])
    assert genuine_row.split() == ["genuine", "1", ".", ".", ".", ".", "1"]
    assert "  f.jsonl:2  id=b  genuine -> sales_pitch  (0.60)" in lines
    assert "expected calibration error (ECE)" in text
    hidden = reports.render_eval(report, "f.jsonl", "offline", show_misses=False)
    assert hidden.splitlines()[-1] == "1 misclassified; --misses lists them"


def test_render_eval_without_genuine_messages_says_n_a() -> None:
    records = [Record(line=1, id="a", text="x", label="scam")]
    report = reports.eval_report(records, [make_verdict(Category.scam)])
    assert "genuine called cold  n/a  <- the costly mistake" in reports.render_eval(
        report, "f", "offline", show_misses=False
    )


def test_rounded_rounds_every_float_inside() -> None:
    assert reports.rounded({"a": [0.123456, 2], "b": {"c": 1 / 3}, "d": None}) == {
        "a": [0.1235, 2],
        "b": {"c": 0.3333},
        "d": None,
    }


def test_render_demo_numbers_and_titles_each_example() -> None:
    records = [Record(line=1, id="one", text="Hello\n\nthere"), Record(line=2, id="two", text="x")]
    verdicts = [make_verdict(), make_verdict(Category.genuine)]
    text = reports.render_demo(records, {"one": "First"}, verdicts, reports.Style(False), 50)
    assert "1/2  First" in text and "2/2  two" in text  # no title: the id
    assert "  │ Hello\n  │\n  │ there" in text
    assert text.count("─" * 50) == 3
    assert text.endswith("(or paste: coldshoulder draft -)\n")


def test_progress_on_a_terminal_redraws_one_line() -> None:
    stream = Tty()
    progress = reports.Progress(2, enabled=True, stream=stream)
    progress.step(fallback=False)
    progress.step(fallback=True)
    progress.done()
    out = stream.getvalue()
    assert "\r[" + "#" * 15 + "." * 15 + "] 1/2" in out
    assert "\r[" + "#" * 30 + "] 2/2" in out
    assert out.endswith(
        "\ncoldshoulder: 2/2 messages assessed, 1 answered offline (model unavailable)\n"
    )


def test_progress_in_a_pipe_prints_only_the_summary() -> None:
    stream = io.StringIO()
    progress = reports.Progress(1, enabled=True, stream=stream)
    progress.step(fallback=False)
    progress.done()
    assert stream.getvalue() == "coldshoulder: 1/1 messages assessed\n"


def test_progress_disabled_prints_nothing() -> None:
    stream = Tty()
    progress = reports.Progress(1, enabled=False, stream=stream)
    progress.step(fallback=False)
    progress.done()
    assert stream.getvalue() == ""


def test_an_uncertain_verdict_says_so_and_names_both_readings() -> None:
    verdict = make_verdict(confidence=0.5)
    unsure = verdict.model_copy(
        update={
            "assessment": verdict.assessment.model_copy(
                update={"uncertain": True, "alternative": Category.genuine}
            )
        }
    )
    text = reports.render_verdict(unsure, reports.Style(enabled=False), 100)
    assert "sales pitch or genuine?" in text
    assert "sales pitch or genuine?" not in reports.render_verdict(
        verdict, reports.Style(enabled=False), 100
    )
    assert reports.verdict_record("x", unsure)["uncertain"] is True
