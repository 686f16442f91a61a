"""Training: the model file says what scikit-learn fitted, is deterministic, and is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot import corpus
from bot.engine.offline import classify, model
from bot.learning import train
from bot.models import Category
from tests.conftest import DATA_DIR, REPO_ROOT

MESSAGES = corpus.load(DATA_DIR)


@pytest.fixture(scope="module")
def small() -> list[train.Example]:
    # Every fourth record: all six labels, quick to fit.
    return train.examples(MESSAGES[::4])


def test_model_file_scores_like_scikit_learn(small: list[train.Example]) -> None:
    fitted = train.fit_linear(small)
    ours = model.Model.from_dict(fitted.file)
    theirs = fitted.decision(small)
    for example, expected in zip(small, theirs, strict=True):
        got = ours.logits(example.counts, example.scores)
        assert np.allclose(got, expected, atol=1e-3), (got, expected)


def test_fit_is_deterministic(small: list[train.Example]) -> None:
    assert train.fit(small) == train.fit(small)


def test_fit_calibrates_and_sets_a_band(small: list[train.Example]) -> None:
    fitted = train.fit(small)
    assert 0.05 < fitted["temperature"] < 20
    band = fitted["uncertain"]
    assert 0.0 <= band["low"] <= 0.5 <= band["high"] <= 1.0


def test_shipped_model_is_trained_on_the_current_corpus() -> None:
    # Changing the corpus, the rules or the features without `coldshoulder train` fails here.
    fresh = model.Model.from_dict(train.fit(train.examples(MESSAGES)))
    shipped = model.shipped()
    assert (fresh.uncertain_low, fresh.uncertain_high) == (
        shipped.uncertain_low,
        shipped.uncertain_high,
    )
    for m in MESSAGES[::7]:
        a, b = classify.assess(m.text, fresh), classify.assess(m.text, shipped)
        assert (a.category, a.uncertain) == (b.category, b.uncertain), m.id
        assert a.confidence == pytest.approx(b.confidence, abs=2e-3), m.id


def test_the_bot_reads_the_model_without_scikit_learn() -> None:
    code = (
        "import sys\n"
        "for name in ('sklearn', 'scipy'):\n"
        "    sys.modules[name] = None\n"
        "from bot.engine.offline import classify\n"
        "print(classify.assess('We help companies like yours grow. Quick call?').category)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() in {c.value for c in Category}


def test_shipped_file_is_small() -> None:
    path = Path(model.__file__).with_name(model.MODEL_FILE)
    assert path.stat().st_size < 20 * 2**20
