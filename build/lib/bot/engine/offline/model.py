"""The learned classifier at run time: a calibrated linear model over the message's features.

`coldshoulder train` (bot/learning/) fits it with scikit-learn and writes model.json.gz next
to this file; reading and scoring it needs nothing but the standard library. Scoring repeats
what training did: sublinear tf-idf over the known features, L2-normalised, plus the rule
table's category scores as dense features, a linear layer, and a softmax at the fitted
temperature (so that a verdict at 0.8 is right about eight times in ten).
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from bot.models import Category

FORMAT = 1
MODEL_FILE = "model.json.gz"


@dataclass(frozen=True)
class Model:
    classes: tuple[Category, ...]
    # feature -> (idf, idf x the weight for each class): what one occurrence adds
    table: Mapping[str, tuple[float, tuple[float, ...]]]
    dense: tuple[tuple[float, ...], ...]  # per rule-score input, one weight per class
    dense_scale: float
    intercept: tuple[float, ...]
    temperature: float
    # P(genuine) in [low, high): the model cannot tell cold from genuine.
    uncertain_low: float
    uncertain_high: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        if data.get("format") != FORMAT:
            raise ValueError(f"model file format {data.get('format')!r}, expected {FORMAT}")
        return cls(
            classes=tuple(Category(c) for c in data["classes"]),
            table={f: (v[0], tuple(v[0] * w for w in v[1:])) for f, v in data["features"].items()},
            dense=tuple(tuple(row) for row in data["dense"]["weights"]),
            dense_scale=data["dense"]["scale"],
            intercept=tuple(data["intercept"]),
            temperature=data["temperature"],
            uncertain_low=data["uncertain"]["low"],
            uncertain_high=data["uncertain"]["high"],
        )

    def logits(self, counts: Counter[str], rule_scores: Mapping[Category, float]) -> list[float]:
        """Raw class scores, before temperature and softmax."""
        k = len(self.classes)
        rows: list[Sequence[float]] = []
        norm = 0.0
        for feature, tf in counts.items():
            entry = self.table.get(feature)
            if entry is None:
                continue  # unseen in training: the vectoriser there would drop it too
            idf, weighted = entry
            if tf == 1:  # most features: no logarithm, no copy
                rows.append(weighted)
                norm += idf * idf
            else:
                boost = 1.0 + math.log(tf)
                rows.append([boost * w for w in weighted])
                norm += (boost * idf) ** 2
        sums = [sum(column) for column in zip(*rows, strict=True)] if rows else [0.0] * k
        scale = 1.0 / math.sqrt(norm) if norm else 0.0
        out = [self.intercept[i] + sums[i] * scale for i in range(k)]
        for row, category in zip(self.dense, self.classes, strict=True):
            x = rule_scores.get(category, 0.0) * self.dense_scale
            if x:
                for i in range(k):
                    out[i] += x * row[i]
        return out

    def probabilities(
        self, counts: Counter[str], rule_scores: Mapping[Category, float]
    ) -> dict[Category, float]:
        """Calibrated probability of each category."""
        z = [v / self.temperature for v in self.logits(counts, rule_scores)]
        top = max(z)
        exps = [math.exp(v - top) for v in z]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    def telling(self, counts: Counter[str], category: Category, limit: int) -> list[str]:
        """The features that pushed hardest toward `category` over the other categories."""
        i = self.classes.index(category)
        k = len(self.classes)
        pushes = []
        for feature, tf in counts.items():
            entry = self.table.get(feature)
            if entry is None:
                continue
            _, weighted = entry
            margin = weighted[i] - (sum(weighted) - weighted[i]) / (k - 1)
            pushes.append(((1.0 + math.log(tf)) * margin, feature))
        pushes.sort(reverse=True)
        return [feature for push, feature in pushes[:limit] if push > 0]


def read(path: Path) -> Model:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return Model.from_dict(json.load(fh))


_shipped: Model | None = None


def shipped() -> Model:
    """The model file in the package, read once per process."""
    global _shipped
    if _shipped is None:
        ref = resources.files("bot.engine.offline").joinpath(MODEL_FILE)
        with resources.as_file(ref) as path:
            _shipped = read(path)
    return _shipped


def write(data: dict[str, Any], path: Path) -> None:
    """The model file, byte for byte the same for the same data (no timestamp in the gzip)."""
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with path.open("wb") as fh, gzip.GzipFile(filename="", fileobj=fh, mode="wb", mtime=0) as gz:
        gz.write(raw)
