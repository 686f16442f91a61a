"""Classifier metrics: precision/recall/F1, confusion, genuine-as-cold, calibration.

Pure functions over label lists; no I/O, no engine. `coldshoulder eval` gets every figure
from `summary` and `flag_scores` and only formats them. Conventions (the same as
scikit-learn's defaults, written out here so a reader does not have to know them):

- precision is 0 when a category was never predicted, recall is 0 when it never occurs,
  F1 is 0 when precision + recall is 0;
- macro-F1 averages over the categories that occur in the truth *or* in the predictions,
  so a small file holding only two categories is not dragged down by four empty rows;
- calibration bands are half-open ``[lo, hi)`` except the last, which includes 1.0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.models import Category

GENUINE = Category.genuine.value

# Bands a person can read at a glance; ECE is computed over the same bands.
DEFAULT_BANDS: tuple[tuple[float, float], ...] = (
    (0.0, 0.5),
    (0.5, 0.6),
    (0.6, 0.7),
    (0.7, 0.8),
    (0.8, 0.9),
    (0.9, 1.0),
)


@dataclass(frozen=True)
class CategoryScore:
    precision: float
    recall: float
    f1: float
    support: int  # how many messages truly have this label

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "support": self.support,
        }


@dataclass(frozen=True)
class Band:
    lo: float
    hi: float
    n: int
    accuracy: float | None  # None when the band is empty
    mean_confidence: float | None

    @property
    def label(self) -> str:
        close = "]" if self.hi >= 1.0 else ")"
        return f"[{self.lo:.1f}, {self.hi:.1f}{close}"

    def as_dict(self) -> dict[str, object]:
        return {
            "band": self.label,
            "lo": self.lo,
            "hi": self.hi,
            "n": self.n,
            "accuracy": self.accuracy,
            "mean_confidence": self.mean_confidence,
        }


def _check_same_length(a: Sequence[object], b: Sequence[object], what: str) -> None:
    if len(a) != len(b):
        raise ValueError(f"{what}: lengths differ ({len(a)} vs {len(b)})")


def labels_seen(y_true: Sequence[str], y_pred: Sequence[str]) -> list[str]:
    """Categories present in truth or predictions, in the contract's order, unknowns last."""
    seen = set(y_true) | set(y_pred)
    known = [c.value for c in Category if c.value in seen]
    return known + sorted(seen - set(known))


def accuracy(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    _check_same_length(y_true, y_pred, "accuracy")
    if not y_true:
        raise ValueError("accuracy: no examples")
    return sum(t == p for t, p in zip(y_true, y_pred, strict=True)) / len(y_true)


def confusion(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None
) -> dict[str, dict[str, int]]:
    """Counts as ``matrix[true][predicted]`` (rows are the true label)."""
    _check_same_length(y_true, y_pred, "confusion")
    labels = list(labels) if labels is not None else [c.value for c in Category]
    matrix = {t: dict.fromkeys(labels, 0) for t in labels}
    for t, p in zip(y_true, y_pred, strict=True):
        if t not in matrix or p not in matrix:
            raise ValueError(f"confusion: label {t if t not in matrix else p!r} not in labels")
        matrix[t][p] += 1
    return matrix


def precision_recall_f1(y_true: Sequence[str], y_pred: Sequence[str], label: str) -> CategoryScore:
    _check_same_length(y_true, y_pred, "precision_recall_f1")
    tp = sum(t == label and p == label for t, p in zip(y_true, y_pred, strict=True))
    predicted = sum(p == label for p in y_pred)
    support = sum(t == label for t in y_true)
    precision = tp / predicted if predicted else 0.0
    recall = tp / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CategoryScore(precision=precision, recall=recall, f1=f1, support=support)


def per_category(
    y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None
) -> dict[str, CategoryScore]:
    labels = list(labels) if labels is not None else labels_seen(y_true, y_pred)
    return {label: precision_recall_f1(y_true, y_pred, label) for label in labels}


def macro_f1(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    """Unweighted mean F1 over the categories present in truth or predictions."""
    scores = per_category(y_true, y_pred)
    if not scores:
        raise ValueError("macro_f1: no examples")
    return sum(s.f1 for s in scores.values()) / len(scores)


def genuine_as_cold(y_true: Sequence[str], y_pred: Sequence[str]) -> float | None:
    """Share of truly genuine messages the classifier called cold (any other category).

    The costly mistake: a real contact who gets a snarky draft. None when no genuine
    messages were evaluated.
    """
    _check_same_length(y_true, y_pred, "genuine_as_cold")
    preds = [p for t, p in zip(y_true, y_pred, strict=True) if t == GENUINE]
    if not preds:
        return None
    return sum(p != GENUINE for p in preds) / len(preds)


def cold_as_genuine(y_true: Sequence[str], y_pred: Sequence[str]) -> float | None:
    """Share of truly cold messages the classifier let through as genuine."""
    _check_same_length(y_true, y_pred, "cold_as_genuine")
    preds = [p for t, p in zip(y_true, y_pred, strict=True) if t != GENUINE]
    if not preds:
        return None
    return sum(p == GENUINE for p in preds) / len(preds)


def _called_cold(y_true: Sequence[str], called: Sequence[str]) -> float | None:
    """genuine_as_cold where "?" (asked, not decided) is not a cold verdict."""
    preds = [p for t, p in zip(y_true, called, strict=True) if t == GENUINE]
    if not preds:
        return None
    return sum(p not in (GENUINE, "?") for p in preds) / len(preds)


def _band_index(confidence: float, bands: Sequence[tuple[float, float]]) -> int:
    last = len(bands) - 1
    for i, (lo, hi) in enumerate(bands):
        if lo <= confidence < hi or (i == last and confidence == hi):
            return i
    raise ValueError(f"confidence {confidence!r} falls outside the calibration bands")


def calibration(
    confidences: Sequence[float],
    correct: Sequence[bool],
    bands: Sequence[tuple[float, float]] = DEFAULT_BANDS,
) -> list[Band]:
    """Accuracy and mean confidence per confidence band, with counts."""
    _check_same_length(confidences, correct, "calibration")
    counts = [0] * len(bands)
    hits = [0] * len(bands)
    conf_sums = [0.0] * len(bands)
    for conf, ok in zip(confidences, correct, strict=True):
        i = _band_index(conf, bands)
        counts[i] += 1
        hits[i] += bool(ok)
        conf_sums[i] += conf
    return [
        Band(
            lo=lo,
            hi=hi,
            n=n,
            accuracy=hits[i] / n if n else None,
            mean_confidence=conf_sums[i] / n if n else None,
        )
        for i, ((lo, hi), n) in enumerate(zip(bands, counts, strict=True))
    ]


def expected_calibration_error(
    confidences: Sequence[float],
    correct: Sequence[bool],
    bands: Sequence[tuple[float, float]] = DEFAULT_BANDS,
) -> float:
    """ECE: sum over bands of (share of examples) × |accuracy − mean confidence|."""
    result = calibration(confidences, correct, bands)
    total = sum(b.n for b in result)
    if not total:
        raise ValueError("expected_calibration_error: no examples")
    return sum(
        b.n / total * abs(b.accuracy - b.mean_confidence)
        for b in result
        if b.n and b.accuracy is not None and b.mean_confidence is not None
    )


def summary(
    y_true: Sequence[str],
    y_pred: Sequence[str],
    confidences: Sequence[float],
    labels: Sequence[str] | None = None,
    uncertain: Sequence[bool] | None = None,
) -> dict[str, Any]:
    """Every classifier figure of the eval report, as plain JSON-ready data.

    `labels` sets the rows of the per-category table and the confusion matrix (default:
    all six categories, so a report always has the same shape). `uncertain` marks the
    verdicts where the engine asked instead of deciding: they were called nothing, so the
    two costly errors count decided verdicts only (over all messages of the class), and
    `decided` scores the rest. Accuracy, macro-F1 and calibration use the best guess of
    every message.
    """
    labels = list(labels) if labels is not None else [c.value for c in Category]
    correct = [t == p for t, p in zip(y_true, y_pred, strict=True)]
    unsure = list(uncertain) if uncertain is not None else [False] * len(y_true)
    _check_same_length(y_true, unsure, "summary")
    # An uncertain verdict is neither genuine nor cold: "?" matches no label.
    called = [("?" if u else p) for p, u in zip(y_pred, unsure, strict=True)]
    decided = [(t, p) for t, p, u in zip(y_true, y_pred, unsure, strict=True) if not u]
    return {
        "n": len(y_true),
        "accuracy": accuracy(y_true, y_pred),
        "macro_f1": macro_f1(y_true, y_pred),
        "genuine_as_cold": _called_cold(y_true, called),
        "cold_as_genuine": cold_as_genuine(y_true, called),
        "uncertain_share": sum(unsure) / len(unsure) if unsure else 0.0,
        "decided": {
            "n": len(decided),
            "accuracy": accuracy(*zip(*decided, strict=True)) if decided else None,
            "macro_f1": macro_f1(*zip(*decided, strict=True)) if decided else None,
        },
        "best_guess": {
            "genuine_as_cold": genuine_as_cold(y_true, y_pred),
            "cold_as_genuine": cold_as_genuine(y_true, y_pred),
        },
        "per_category": {
            label: score.as_dict() for label, score in per_category(y_true, y_pred, labels).items()
        },
        "macro_over": labels_seen(y_true, y_pred),
        "labels": labels,
        "confusion": confusion(y_true, y_pred, labels),
        "calibration": {
            "bands": [band.as_dict() for band in calibration(confidences, correct)],
            "ece": expected_calibration_error(confidences, correct),
        },
    }


def flag_scores(y_true: Sequence[bool], y_pred: Sequence[bool]) -> dict[str, Any] | None:
    """Accuracy, precision and recall of a yes/no flag (such as `generic`); None when empty."""
    if not y_true:
        return None
    t = ["yes" if v else "no" for v in y_true]
    p = ["yes" if v else "no" for v in y_pred]
    score = precision_recall_f1(t, p, "yes")
    return {
        "n": len(t),
        "accuracy": accuracy(t, p),
        "precision": score.precision,
        "recall": score.recall,
    }


# --------------------------------------------------------------------------- the draft rubric

# The product's lines, as a reader would recognise them in any wording of the templates.
PRODUCT_LINES: dict[str, re.Pattern[str]] = {
    "thank you for my interest": re.compile(r"\bfor my interest\b", re.I),
    "reading my profile would have saved the effort": re.compile(
        r"\bmy profile\b[^.!?]{0,60}\b(?:saved|spared|shown|told|answered)\b"
        r"|\b(?:read|reading|look at|glance at|scroll through)\b[^.!?]{0,20}\bmy profile\b",
        re.I,
    ),
    "connecting is not permission to sell": re.compile(
        r"\bconnect\w*\b[^.!?]{0,40}\b(?:not|isn['’]t|is no)\b[^.!?]{0,30}"
        r"\b(?:permission|licen[cs]e|invitation|agreement|green light)\b",
        re.I,
    ),
    "not at a networking event": re.compile(
        r"\b(?:networking event|at an event|in person|at a conference|across a room)\b", re.I
    ),
    "wish them success": re.compile(
        r"\b(?:wish(?:ing)? you\b[^.!?]{0,30}\b(?:success|well|luck|best)|every success"
        r"|good luck|best of luck)\b",
        re.I,
    ),
}
# Lines that only make sense to a stranger who pitched: never in a reply to a real contact.
SNARK = re.compile(
    r"\bfor my interest\b|\bmy profile would have\b|\bpermission to (?:sell|pitch)\b"
    r"|\bnetworking event\b|\brest of (?:the|your) list\b|\bsales (?:sequence|pitch)\b"
    r"|\bfree work\b|\bnot interested\b|\bcopy[- ]paste\b|\btemplate\b",
    re.I,
)
# A draft that proposes talking: a call, a meeting, a coffee, times that suit.
MEETING_OFFER = re.compile(
    r"\b(?:find|set up|book|arrange|suggest|pick|schedule)\s+(?:a\s+)?(?:time|slot|call|meeting"
    r"|chat)\b|\btimes?\s+that\s+(?:work|suits?)\b|\b(?:when|what)\s+(?:time\s+)?suits\s+you\b"
    r"|\bhappy\s+to\s+(?:talk|chat|meet|hop on|jump on)\b|\b(?:a|quick|short)\s+call\b"
    r"|\bgrab\s+(?:a\s+)?coffee\b|\byour\s+week\s+look\b|\bmeet\s+up\b",
    re.I,
)
DRAFT_LIMIT = 256  # characters a copy-ready draft should fit


def product_lines(text: str) -> list[str]:
    """Which of the product's lines a draft carries."""
    return [name for name, rx in PRODUCT_LINES.items() if rx.search(text)]


def offers_meeting(text: str) -> bool:
    return bool(MEETING_OFFER.search(text))


@dataclass(frozen=True)
class DraftCase:
    """One drafted message, for the rubric."""

    message: str
    category: str  # the category the draft was written for
    tone: str
    draft: str
    default_tone: bool = True  # the tone a fresh card gets for this category


def draft_rubric(cases: Sequence[DraftCase]) -> dict[str, Any]:
    """How sendable the drafts are: distinct, on the ask, the product's lines, no links, no
    snark to a real contact, short enough to copy. Counts with their denominators."""
    from bot.engine.offline.slots import asks_to_meet  # the engine's own reading of the ask
    from bot.text import contacts

    n = len(cases)
    genuine = [c for c in cases if c.category == GENUINE]
    pointed = [c for c in cases if c.category != GENUINE and c.tone == "pointed"]
    default = [c for c in cases if c.default_tone]
    short = [c for c in default if len(c.draft) <= DRAFT_LIMIT]
    unasked = [c for c in genuine if offers_meeting(c.draft) and not asks_to_meet(c.message)]
    lineless = [c for c in pointed if not product_lines(c.draft)]
    linked = [c for c in cases if contacts.contains(c.draft)]
    snark = [c for c in genuine if SNARK.search(c.draft)]
    return {
        "n": n,
        "distinct": len({c.draft for c in cases}),
        "distinct_share": len({c.draft for c in cases}) / n if n else None,
        "genuine": len(genuine),
        "genuine_distinct": len({c.draft for c in genuine}),
        "genuine_unasked_meeting": len(unasked),
        "pointed_cold": len(pointed),
        "pointed_without_line": len(lineless),
        "links": len(linked),
        "snark_to_genuine": len(snark),
        "default_tone": len(default),
        "default_short": len(short),
        "default_short_share": len(short) / len(default) if default else None,
        "limit": DRAFT_LIMIT,
    }
