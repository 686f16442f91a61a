"""Grouped cross-validation of the offline classifier on the corpus: `coldshoulder eval --cv`.

Each fold's model is fitted (and calibrated on inner folds) without the fold's records, then
the fold is classified by the engine's own code path, deception rules and "cannot tell" band
included. Groups (one page, one template file, near-duplicates) never straddle folds, so a
template's siblings cannot vouch for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import StratifiedGroupKFold

from bot.corpus import Message
from bot.engine.offline import classify
from bot.engine.offline.model import Model
from bot.learning import train

FOLDS = 10


@dataclass(frozen=True)
class Prediction:
    id: str
    label: str
    category: str
    confidence: float
    uncertain: bool
    fold: int


def cross_validate(
    messages: Sequence[Message],
    folds: int = FOLDS,
    progress: Callable[[int, int], None] | None = None,
) -> list[Prediction]:
    """One out-of-fold prediction per record, in corpus order."""
    data = train.examples(messages)
    labels = np.array([e.label for e in data])
    splitter = StratifiedGroupKFold(folds, shuffle=True, random_state=train.SEED)
    found: dict[int, Prediction] = {}
    splits = splitter.split(np.zeros(len(data)), labels, [e.group for e in data])
    for fold, (fit_on, test) in enumerate(splits):
        model = Model.from_dict(train.fit([data[i] for i in fit_on]))
        for i in test:
            m = messages[i]
            a = classify.assess(m.text, model)
            found[i] = Prediction(
                m.id, m.label.value, a.category.value, a.confidence, a.uncertain, fold
            )
        if progress:
            progress(fold + 1, folds)
    return [found[i] for i in range(len(messages))]
