"""What the CLI prints: a verdict for a person or as the contract's JSON object, the eval
report, the demo, colours and the batch progress line."""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any, ClassVar

from bot import evaluation
from bot.cli import wording
from bot.cli.jsonl import Record
from bot.models import Category, Preferences, Verdict

if TYPE_CHECKING:
    from bot.learning.validate import Prediction  # the train extra; only a type here


class Progress:
    """A one-line progress bar on stderr (redrawn on a terminal, else a final summary)."""

    def __init__(self, total: int, enabled: bool, stream: IO[str] | None = None):
        self.total, self.enabled = total, enabled
        self.stream = stream or sys.stderr
        self.count = self.fallbacks = 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def step(self, fallback: bool) -> None:
        self.count += 1
        self.fallbacks += fallback
        if self.enabled and self.tty:
            filled = 30 * self.count // max(self.total, 1)
            bar = "#" * filled + "." * (30 - filled)
            self.stream.write(f"\r[{bar}] {self.count}/{self.total}")
            self.stream.flush()

    def done(self) -> None:
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\n")
        self.stream.write(wording.assessed(self.count, self.total, self.fallbacks) + "\n")


class Style:
    """ANSI styling, on only for a terminal and only when NO_COLOR is not set."""

    CODES: ClassVar[dict[str, str]] = {
        "bold": "1",
        "dim": "2",
        "red": "31",
        "green": "32",
        "yellow": "33",
        "cyan": "36",
    }
    CATEGORY_COLOUR: ClassVar[dict[Category, str]] = {
        Category.genuine: "green",
        Category.scam: "red",
    }

    def __init__(self, enabled: bool):
        self.enabled = enabled

    @classmethod
    def for_stream(cls, stream: IO[str]) -> Style:
        isatty = getattr(stream, "isatty", None)
        tty = bool(isatty and isatty())
        return cls(tty and not os.environ.get("NO_COLOR"))

    def __call__(self, text: str, *names: str) -> str:
        if not self.enabled or not names:
            return text
        codes = ";".join(self.CODES[n] for n in names)
        return f"\033[{codes}m{text}\033[0m"

    def category(self, category: Category, text: str) -> str:
        return self(text, "bold", self.CATEGORY_COLOUR.get(category, "yellow"))


def width() -> int:
    """Columns to wrap at: the terminal's, kept between 50 and 100."""
    return max(50, min(shutil.get_terminal_size((100, 24)).columns, 100))


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _indent_block(text: str, prefix: str, width: int) -> str:
    out = []
    for line in text.splitlines():
        if not line.strip():
            out.append(prefix.rstrip())
            continue
        out.append(
            textwrap.fill(
                line,
                width=width,
                initial_indent=prefix,
                subsequent_indent=prefix,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n".join(out)


def render_verdict(verdict: Verdict, style: Style, width: int) -> str:
    """The verdict, the evidence and the draft, for a person."""
    a = verdict.assessment
    label = a.category.label.capitalize()
    lines = [
        f"{style('Verdict', 'bold')}  {style.category(a.category, label)}"
        f"  {style(f'({a.category.value}, confidence {a.confidence:.2f})', 'dim')}",
    ]
    if a.uncertain:
        other = f" or {a.alternative.label}" if a.alternative else ""
        lines.append(
            f"{style('Unsure ', 'bold')}  {a.category.label}{other}? The bot would ask "
            "before drafting; the draft below assumes the best guess."
        )
    if a.category.is_cold:
        generic = "yes, reads like a mass template" if a.generic else "no, written for you"
        lines.append(f"{style('Generic', 'bold')}  {generic}")
    lines.append(f"{style('Sender ', 'bold')}  {a.sender_name or style('unknown', 'dim')}")
    lines.append(style("Why", "bold"))
    if not a.signals:
        lines.append(style("  (no signals: nothing in the message stood out)", "dim"))
    for signal in a.signals:
        name = signal.signal.replace("_", " ")
        if signal.quote:
            quote = _clip(signal.quote, max(30, width - len(name) - 10))
            lines.append(f"  • {name}: {style('“' + quote + '”', 'cyan')}")
        else:
            lines.append(f"  • {name}")
    if verdict.note:
        lines.append(style(f"Note: {verdict.note}", "dim"))
    lines.append(f"{style('Draft', 'bold')}  {style(f'tone: {verdict.draft.tone.value}', 'dim')}")
    lines.append(_indent_block(verdict.draft.text, "    ", width))
    return "\n".join(lines)


def dump(obj: object, *, pretty: bool = False) -> str:
    """JSON as people read it: non-ASCII text stays as it is."""
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


def verdict_record(ident: str, verdict: Verdict) -> dict[str, Any]:
    """The contract's per-message output object (assess lines, draft --json)."""
    a = verdict.assessment
    return {
        "id": ident,
        "category": a.category.value,
        "confidence": round(a.confidence, 3),
        "uncertain": a.uncertain,
        "signals": [{"signal": s.signal, "quote": s.quote} for s in a.signals],
        "generic": a.generic,
        "sender_name": a.sender_name,
        "draft": verdict.draft.text,
        "tone": verdict.draft.tone.value,
        "engine": verdict.engine,
    }


def eval_report(records: Sequence[Record], verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The eval report as plain data (the --json object); the figures come from
    bot.evaluation, this adds which lines were wrong."""
    y_true = [r.label for r in records if r.label is not None]
    predicted = [v.assessment for v in verdicts]
    flagged = [
        (r.generic, a.generic)
        for r, a in zip(records, predicted, strict=True)
        if r.generic is not None
    ]
    return {
        **evaluation.summary(
            y_true,
            [a.category.value for a in predicted],
            [a.confidence for a in predicted],
            uncertain=[a.uncertain for a in predicted],
        ),
        "generic": evaluation.flag_scores([t for t, _ in flagged], [p for _, p in flagged]),
        "drafts": draft_rubric([r.text for r in records], verdicts),
        "misclassified": [
            {
                "id": r.id,
                "line": r.line,
                "label": r.label,
                "predicted": a.category.value,
                "confidence": round(a.confidence, 3),
                "uncertain": a.uncertain,
            }
            for r, a in zip(records, predicted, strict=True)
            if r.label != a.category.value
        ],
    }


def draft_rubric(texts: Sequence[str], verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The draft rubric of each message's first draft, as a fresh card would show it."""
    defaults = Preferences()
    return evaluation.draft_rubric(
        [
            evaluation.DraftCase(
                message=text,
                category=v.assessment.category.value,
                tone=v.draft.tone.value,
                draft=v.draft.text,
                default_tone=v.draft.tone is defaults.tone_for(v.assessment.category),
            )
            for text, v in zip(texts, verdicts, strict=True)
        ]
    )


def cv_report(predictions: Sequence[Prediction]) -> dict[str, Any]:
    """The eval report of a cross-validation: the same figures, out-of-fold predictions."""
    return {
        **evaluation.summary(
            [p.label for p in predictions],
            [p.category for p in predictions],
            [p.confidence for p in predictions],
            uncertain=[p.uncertain for p in predictions],
        ),
        "generic": None,
        "misclassified": [
            {
                "id": p.id,
                "line": None,
                "label": p.label,
                "predicted": p.category,
                "confidence": round(p.confidence, 3),
                "uncertain": p.uncertain,
            }
            for p in predictions
            if p.label != p.category
        ],
    }


def rounded(obj: Any, places: int = 4) -> Any:
    """Every float in a JSON-ready structure rounded, for a readable --json report."""
    if isinstance(obj, float):
        return round(obj, places)
    if isinstance(obj, dict):
        return {k: rounded(v, places) for k, v in obj.items()}
    if isinstance(obj, list):
        return [rounded(v, places) for v in obj]
    return obj


SHORT = {
    "sales_pitch": "sales",
    "favor_request": "favor",
    "meeting_request": "meeting",
    "recruiting": "recruit",
    "scam": "scam",
    "genuine": "genuine",
}


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def render_eval(report: dict[str, Any], name: str, engine: str, show_misses: bool) -> str:
    n = report["n"]
    labels = report["labels"]
    out = [f"Evaluated {n} message(s) from {name} with the {engine} engine", ""]
    out.append(f"{'category':<17}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
    for label, s in report["per_category"].items():
        out.append(
            f"{label:<17}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}{s['support']:>9}"
        )
    out.append("")
    correct = round(report["accuracy"] * n)
    out.append(f"accuracy             {report['accuracy']:.3f}  ({correct} of {n})")
    out.append(
        f"macro-F1             {report['macro_f1']:.3f}  "
        f"(over {len(report['macro_over'])} categories present)"
    )
    support = report["per_category"]["genuine"]["support"]
    g = report["genuine_as_cold"]
    g_count = f"  ({round(g * support)} of {support} genuine)" if g is not None else ""
    out.append(f"genuine called cold  {_pct(g)}{g_count}  <- the costly mistake")
    out.append(f"cold called genuine  {_pct(report['cold_as_genuine'])}")
    if report["uncertain_share"]:
        decided = report["decided"]
        guess = report["best_guess"]
        out.append(
            f"marked uncertain     {_pct(report['uncertain_share'])}  (the card asks; "
            "those are called neither genuine nor cold above)"
        )
        if decided["n"]:
            out.append(
                f"decided verdicts     accuracy {decided['accuracy']:.3f}, macro-F1 "
                f"{decided['macro_f1']:.3f}  (n={decided['n']})"
            )
        out.append(
            f"best guess only      genuine called cold {_pct(guess['genuine_as_cold'])}, "
            f"cold called genuine {_pct(guess['cold_as_genuine'])}  (if it never asked)"
        )
    if report["generic"]:
        gen = report["generic"]
        out.append(
            f"generic flag         accuracy {gen['accuracy']:.3f}, precision "
            f"{gen['precision']:.3f}, recall {gen['recall']:.3f} (n={gen['n']})"
        )
    out += ["", "Confusion (rows: true label, columns: predicted)"]
    out.append(" " * 17 + "".join(f"{SHORT.get(lb, lb)[:8]:>9}" for lb in labels))
    for true in labels:
        row = report["confusion"][true]
        out.append(f"{true:<17}" + "".join(f"{row[p] or '.':>9}" for p in labels))
    out += ["", "Calibration (does the confidence mean what it says?)"]
    out.append(f"{'confidence':<13}{'n':>5}{'accuracy':>10}{'mean conf':>11}")
    for band in report["calibration"]["bands"]:
        acc = "-" if band["accuracy"] is None else f"{band['accuracy']:.3f}"
        mean = "-" if band["mean_confidence"] is None else f"{band['mean_confidence']:.3f}"
        out.append(f"{band['band']:<13}{band['n']:>5}{acc:>10}{mean:>11}")
    out.append(f"expected calibration error (ECE) {report['calibration']['ece']:.3f}")
    if report.get("drafts"):
        out += ["", *render_rubric(report["drafts"])]
    misses = report["misclassified"]
    if show_misses and misses:
        out += ["", f"Misclassified ({len(misses)})"]
        for m in misses:
            where = f"{name}:{m['line']}  " if m["line"] is not None else ""
            unsure = ", uncertain" if m.get("uncertain") else ""
            out.append(
                f"  {where}id={m['id']}  {m['label']} -> {m['predicted']}"
                f"  ({m['confidence']:.2f}{unsure})"
            )
    elif misses:
        out += ["", f"{len(misses)} misclassified; --misses lists them"]
    return "\n".join(out)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}  ({part} of {whole})" if whole else "n/a"


def render_rubric(r: dict[str, Any]) -> list[str]:
    """The draft rubric: what makes a first draft sendable, each figure with its count."""
    rows = [
        ("distinct drafts", _share(r["distinct"], r["n"])),
        ("genuine drafts distinct", _share(r["genuine_distinct"], r["genuine"])),
        ("genuine offering a call unasked", f"{r['genuine_unasked_meeting']}  (of {r['genuine']})"),
        (
            "pointed cold without a product line",
            f"{r['pointed_without_line']}  (of {r['pointed_cold']})",
        ),
        ("drafts with a link or contact", str(r["links"])),
        ("snark in genuine drafts", str(r["snark_to_genuine"])),
        (
            f"default-tone drafts <= {r['limit']} chars",
            _share(r["default_short"], r["default_tone"]),
        ),
    ]
    title = "Draft rubric (each message's first draft, in the default tone for its category)"
    return [title, *(f"{label:<37}{value}" for label, value in rows)]


def render_demo(
    records: Sequence[Record],
    titles: dict[str, str],
    verdicts: Sequence[Verdict],
    style: Style,
    width: int,
) -> str:
    """Each bundled example, then its verdict and draft, between rules."""
    rule = style("─" * width, "dim")
    out = [
        style("Cold Shoulder", "bold")
        + f" · offline engine · {len(records)} example messages\n"
        + style("Thank you for my interest. Connecting is not permission to sell.", "dim")
        + "\n"
    ]
    for i, (record, verdict) in enumerate(zip(records, verdicts, strict=True), start=1):
        out.append(f"\n{rule}\n")
        out.append(
            style(f"{i}/{len(records)}  {titles.get(record.id) or record.id}", "bold") + "\n\n"
        )
        out.append(style(_indent_block(record.text, "  │ ", width), "dim") + "\n\n")
        out.append(render_verdict(verdict, style, width) + "\n")
    out.append(f"\n{rule}\n")
    out.append("Try your own: coldshoulder draft message.txt  (or paste: coldshoulder draft -)\n")
    return "".join(out)
