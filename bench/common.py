"""Helpers every benchmark uses: the sample texts and percentiles."""

from __future__ import annotations

import json
from pathlib import Path


def load_texts(path: Path) -> list[str]:
    """The `text` of every line of a JSONL file; exits when there is none."""
    texts = [
        json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()
    ]
    if not texts:
        raise SystemExit(f"{path}: no messages")
    return texts


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    rank = max(1, round(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]
