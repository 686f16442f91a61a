"""The trimmed language model: built from py3langid's, current, and read without NumPy."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from bot.text import language
from tests.conftest import REPO_ROOT

py3langid = pytest.importorskip("py3langid")
pytest.importorskip("numpy")

from bot.learning import language as build  # noqa: E402


@pytest.fixture(scope="module")
def full() -> Any:
    return build.load_py3langid()


def test_shipped_model_is_what_the_build_writes(full: Any) -> None:
    assert build.build(full) == language.MODEL_PATH.read_bytes(), (
        "bot/text/language_model.bin.gz is stale: run `python -m bot.learning.language`"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hallo Herr Schmidt, ich bin auf Ihr Profil gestoßen und war beeindruckt.",
        "Здравствуйте! Мы ищем разработчика на PHP для существующего приложения.",
        "我们公司正在招区块链相关开发，工资开的很高，可以来试下",
        "Hi Anna, I came across your profile. Do you have 15 minutes next week?",
    ],
)
def test_trimmed_model_agrees_with_py3langid_on_long_texts(full: Any, text: str) -> None:
    ours = language.probabilities(text)
    theirs: dict[str, float] = {}
    for label, probability in full.rank(text):
        code = language._FOLD.get(label, label)
        theirs[code] = theirs.get(code, 0.0) + probability
    assert ours[0][0] == max(theirs, key=lambda code: theirs[code])
    assert ours[0][1] == pytest.approx(theirs[ours[0][0]], abs=0.02)


def test_detection_needs_no_numpy() -> None:
    code = (
        "import sys; from bot.text import language; "
        "assert language.detect('Bonjour Marie, seriez-vous disponible la semaine prochaine ?')"
        " == 'fr'; assert 'numpy' not in sys.modules and 'py3langid' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, check=True)
