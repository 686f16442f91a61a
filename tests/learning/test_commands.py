"""`coldshoulder train` and `coldshoulder eval --cv` on a small corpus directory."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from bot.cli import commands
from bot.engine.offline import model
from tests.cli.helpers import CATEGORIES, run
from tests.conftest import DATA_DIR


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The 108 development samples: every label, quick to fit ten times over.
    target = tmp_path_factory.mktemp("data")
    for path in DATA_DIR.glob("dev_samples*.jsonl"):
        shutil.copy(path, target / path.name)
    return target


def test_train_writes_the_same_file_twice(
    corpus_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
    for out in (first, second):
        code, _, err = run(["train", "--data", str(corpus_dir), "--out", str(out)], capsys)
        assert code == 0, err
        assert "Trained on 108 records" in err
    assert first.read_bytes() == second.read_bytes()
    loaded = model.read(first)
    assert {c.value for c in loaded.classes} == CATEGORIES
    with gzip.open(first) as fh:
        assert json.load(fh)["format"] == model.FORMAT


def test_eval_cv_reports_grouped_out_of_fold_figures(
    corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["eval", "--cv", "--data", str(corpus_dir), "--json"], capsys)
    assert code == 0, err
    assert "fold 10 of 10" in err
    report = json.loads(out)
    assert report["n"] == 108 and report["cv"]["folds"] == 10
    for key in ("macro_f1", "genuine_as_cold", "cold_as_genuine", "uncertain_share", "ece"):
        assert key in report or key in report["calibration"]
    assert 0 <= report["uncertain_share"] <= 1
    assert set(report["per_category"]) == CATEGORIES
    assert sum(b["n"] for b in report["calibration"]["bands"]) == 108
    assert report["drafts"]["n"] == 108  # the draft rubric, on the same corpus


def test_eval_cv_prints_tables(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["eval", "--cv", "--data", str(corpus_dir)], capsys)
    assert code == 0, err
    for line in (
        "macro-F1",
        "genuine called cold",
        "cold called genuine",
        "Calibration",
        "Draft rubric",
    ):
        assert line in out


def test_training_without_the_extra_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(commands.importlib.util, "find_spec", lambda name: None)
    for argv in (["train", "--data", str(corpus_dir)], ["eval", "--cv"]):
        code, out, err = run(argv, capsys)
        assert code == 2 and out == ""
        assert "coldshoulder[train]" in err


def test_train_on_a_missing_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["train", "--data", str(tmp_path / "nope")], capsys)
    assert code == 2 and "no such file" in err
