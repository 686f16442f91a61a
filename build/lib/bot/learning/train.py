"""Fit the offline classifier from the corpus: the model file `coldshoulder train` writes.

A multinomial logistic regression over sublinear tf-idf word and word-pair features plus the
rule table's category scores (bot/engine/offline/features.py, classify.rule_scores). Each
record weighs 1/sqrt(size of its group), so one long template file does not outvote fifty
single messages. The temperature and the "cannot tell" band are fitted on out-of-fold
predictions (grouped folds inside the training data), never on the data they are judged on.
Deterministic: the same corpus gives the same file.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from scipy.optimize import minimize_scalar
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from bot.corpus import Message
from bot.engine.offline import classify, evidence, features
from bot.engine.offline.model import FORMAT, Model
from bot.models import Category

CLASSES = tuple(Category)
C = 30.0  # inverse regularisation: on grouped folds 3 < 10 < 30 by about 0.01 macro-F1 each
MIN_DF = 2  # a feature seen in one record only says nothing about the next one
DENSE_SCALE = 1 / 6  # rule scores run 0-6ish; this puts them on the tf-idf features' scale
INNER_FOLDS = 5
SEED = 0
# The "cannot tell" band is the narrowest one whose out-of-fold errors stay under these:
# genuine called cold is the worst mistake, cold called genuine gets a warm reply to a pitch.
MAX_GENUINE_AS_COLD = 0.04
MAX_COLD_AS_GENUINE = 0.10
BAND_STEP = 0.025
DIGITS = 6  # significant digits kept in the file: smaller, and stable across machines


@dataclass(frozen=True)
class Example:
    counts: Counter[str]
    scores: dict[Category, float]
    label: int
    group: str


def examples(messages: Sequence[Message]) -> list[Example]:
    """What the model sees of each record: the same extraction the engine runs."""
    out = []
    for m in messages:
        hits = evidence.find(m.text)
        scores, _ = classify.rule_scores(hits)
        counts = features.extract(m.text, [h.rule.id for h in hits])
        out.append(Example(counts, scores, CLASSES.index(m.label), m.group))
    return out


def fit(data: Sequence[Example], *, inner_folds: int = INNER_FOLDS) -> dict[str, Any]:
    """The model file's content: weights fitted on all of `data`, calibrated on its folds."""
    labels = np.array([e.label for e in data])
    oof = np.zeros((len(data), len(CLASSES)))
    folds = StratifiedGroupKFold(inner_folds, shuffle=True, random_state=SEED)
    for train, test in folds.split(np.zeros(len(data)), labels, [e.group for e in data]):
        model = Model.from_dict(fit_linear([data[i] for i in train]).file)
        for i in test:
            oof[i] = model.logits(data[i].counts, data[i].scores)
    temperature = _fit_temperature(oof, labels)
    probs = _softmax(oof / temperature)
    low, high = _band(probs[:, CLASSES.index(Category.genuine)], labels)
    out = fit_linear(data).file
    out.update(temperature=_round(temperature), uncertain={"low": low, "high": high})
    return out


@dataclass(frozen=True)
class Fitted:
    """One fitted linear model: as the model file holds it, and as scikit-learn does."""

    file: dict[str, Any]
    vectoriser: DictVectorizer
    tfidf: TfidfTransformer
    lr: LogisticRegression

    def decision(self, data: Sequence[Example]) -> np.ndarray:
        """scikit-learn's own class scores, to check the model file against."""
        return self.lr.decision_function(_matrix(self.vectoriser, self.tfidf, data))


def _matrix(
    vectoriser: DictVectorizer, tfidf: TfidfTransformer, data: Sequence[Example]
) -> sparse.csr_matrix:
    words = tfidf.transform(vectoriser.transform([e.counts for e in data]))
    dense = np.array([[e.scores[c] * DENSE_SCALE for c in CLASSES] for e in data])
    return sparse.hstack([words, sparse.csr_matrix(dense)]).tocsr()


def fit_linear(data: Sequence[Example]) -> Fitted:
    """Weights only: no temperature, no band (fit adds those)."""
    df = Counter(f for e in data for f in e.counts)
    vectoriser = DictVectorizer()
    tfidf = TfidfTransformer(sublinear_tf=True)
    known = [{f: n for f, n in e.counts.items() if df[f] >= MIN_DF} for e in data]
    tfidf.fit(vectoriser.fit_transform(known))
    x = _matrix(vectoriser, tfidf, data)
    sizes = Counter(e.group for e in data)
    weights = np.array([1 / math.sqrt(sizes[e.group]) for e in data])
    labels = np.array([e.label for e in data])
    lr = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    lr.fit(x, labels, sample_weight=weights)
    if list(lr.classes_) != list(range(len(CLASSES))):
        raise ValueError("every category needs training records")
    coef = lr.coef_
    n_words = len(vectoriser.feature_names_)
    file = {
        "format": FORMAT,
        "classes": [c.value for c in CLASSES],
        "features": {
            name: [_round(tfidf.idf_[j]), *(_round(w) for w in coef[:, j])]
            for j, name in enumerate(vectoriser.feature_names_)
        },
        "dense": {
            "scale": DENSE_SCALE,
            "weights": [[_round(w) for w in coef[:, n_words + j]] for j in range(len(CLASSES))],
        },
        "intercept": [_round(b) for b in lr.intercept_],
        "temperature": 1.0,
        "uncertain": {"low": 0.0, "high": 0.0},
    }
    return Fitted(file, vectoriser, tfidf, lr)


def _fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """The softmax temperature that best predicts the held-out labels (least log loss)."""

    def loss(log_t: float) -> float:
        p = _softmax(logits / math.exp(log_t))
        return float(-np.log(p[np.arange(len(labels)), labels] + 1e-12).mean())

    return math.exp(minimize_scalar(loss, bounds=(-3.0, 3.0), method="bounded").x)


def _band(genuine: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The narrowest [low, high) band of P(genuine) to mark uncertain that keeps both errors
    under their caps; failing that, the band with the fewest weighted errors."""
    is_genuine = labels == CLASSES.index(Category.genuine)
    n_genuine, n_cold = max(is_genuine.sum(), 1), max((~is_genuine).sum(), 1)
    grid = np.round(np.arange(0.0, 1.0 + BAND_STEP / 2, BAND_STEP), 3)
    best: tuple[tuple[float, ...], float, float] | None = None
    for low in grid[grid <= 0.5]:
        for high in grid[grid >= 0.5]:
            gc = (is_genuine & (genuine < low)).sum() / n_genuine
            cg = (~is_genuine & (genuine >= high)).sum() / n_cold
            unsure = ((genuine >= low) & (genuine < high)).mean()
            feasible = gc <= MAX_GENUINE_AS_COLD and cg <= MAX_COLD_AS_GENUINE
            key = (0, unsure, gc) if feasible else (1, 3 * gc + cg + unsure / 2, unsure)
            if best is None or key < best[0]:
                best = (key, float(low), float(high))
    assert best is not None
    return best[1], best[2]


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _round(x: float) -> float:
    return float(f"{x:.{DIGITS}g}")
