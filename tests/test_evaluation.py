"""Metric functions against small label lists whose answers are worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import evaluation as ev
from bot.models import Category

S, F, M, R, X, G = (c.value for c in Category)  # sales, favor, meeting, recruiting, scam, genuine

# Six messages. sales: 2 of 3 found, 1 false alarm (a genuine one); genuine: 1 of 2 found,
# 1 false alarm (a sales one); meeting: 1 of 1.
Y_TRUE = [S, S, S, G, G, M]
Y_PRED = [S, S, G, G, S, M]


def test_precision_recall_f1_by_hand() -> None:
    sales = ev.precision_recall_f1(Y_TRUE, Y_PRED, S)
    assert (sales.precision, sales.recall, sales.support) == pytest.approx((2 / 3, 2 / 3, 3))
    assert sales.f1 == pytest.approx(2 / 3)

    genuine = ev.precision_recall_f1(Y_TRUE, Y_PRED, G)
    assert (genuine.precision, genuine.recall, genuine.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert genuine.support == 2

    meeting = ev.precision_recall_f1(Y_TRUE, Y_PRED, M)
    assert (meeting.precision, meeting.recall, meeting.f1, meeting.support) == (1, 1, 1, 1)


def test_precision_and_recall_differ_when_counts_differ() -> None:
    # truth: 4 sales; predicted sales on 2 of them and on 1 genuine: P = 2/3, R = 2/4.
    score = ev.precision_recall_f1([S, S, S, S, G], [S, S, G, G, S], S)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))  # 4/7


def test_zero_division_is_zero_not_an_error() -> None:
    never_predicted = ev.precision_recall_f1([S, S], [G, G], S)
    assert (never_predicted.precision, never_predicted.recall, never_predicted.f1) == (0, 0, 0)
    absent = ev.precision_recall_f1([S, S], [S, S], X)
    assert (absent.precision, absent.recall, absent.f1, absent.support) == (0, 0, 0, 0)


def test_macro_f1_averages_over_categories_present() -> None:
    assert ev.macro_f1(Y_TRUE, Y_PRED) == pytest.approx((2 / 3 + 0.5 + 1) / 3)
    # Only genuine present and all right: 1.0, not 1/6 from five empty categories.
    assert ev.macro_f1([G, G], [G, G]) == 1.0
    # A category that only appears in predictions counts (its F1 is 0).
    assert ev.macro_f1([G, G], [G, X]) == pytest.approx((2 / 3 + 0) / 2)


def test_per_category_with_explicit_labels_lists_every_one() -> None:
    scores = ev.per_category(Y_TRUE, Y_PRED, [c.value for c in Category])
    assert list(scores) == [c.value for c in Category]
    assert scores[R].support == 0 and scores[R].f1 == 0
    assert scores[S].as_dict() == {
        "precision": pytest.approx(2 / 3),
        "recall": pytest.approx(2 / 3),
        "f1": pytest.approx(2 / 3),
        "support": 3,
    }


def test_accuracy() -> None:
    assert ev.accuracy(Y_TRUE, Y_PRED) == pytest.approx(4 / 6)
    with pytest.raises(ValueError):
        ev.accuracy([], [])


def test_confusion_rows_are_the_true_label() -> None:
    matrix = ev.confusion(Y_TRUE, Y_PRED)
    assert matrix[S] == {S: 2, F: 0, M: 0, R: 0, X: 0, G: 1}
    assert matrix[G] == {S: 1, F: 0, M: 0, R: 0, X: 0, G: 1}
    assert matrix[M][M] == 1
    assert sum(sum(row.values()) for row in matrix.values()) == len(Y_TRUE)


def test_confusion_rejects_labels_outside_the_list() -> None:
    with pytest.raises(ValueError, match="spam"):
        ev.confusion([S], ["spam"], [S, G])


def test_genuine_as_cold_and_cold_as_genuine() -> None:
    assert ev.genuine_as_cold(Y_TRUE, Y_PRED) == pytest.approx(1 / 2)  # one of two genuine
    assert ev.cold_as_genuine(Y_TRUE, Y_PRED) == pytest.approx(1 / 4)  # one of four cold
    assert ev.genuine_as_cold([S, S], [G, S]) is None  # no genuine messages at all
    assert ev.cold_as_genuine([G], [S]) is None
    # Any cold category counts as "cold", not only sales.
    assert ev.genuine_as_cold([G, G, G, G], [X, F, G, G]) == pytest.approx(0.5)


def test_length_mismatch_is_an_error() -> None:
    for fn in (ev.accuracy, ev.macro_f1, ev.genuine_as_cold, ev.cold_as_genuine, ev.confusion):
        with pytest.raises(ValueError):
            fn([S, G], [S])


# Calibration: bands [0,.5) [.5,.7) [.7,.9) [.9,1.0]
CONF = [0.2, 0.5, 0.69, 0.7, 0.95, 1.0]
OK = [False, True, False, True, True, True]


FOUR_BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0))


def test_calibration_bands_by_hand() -> None:
    bands = ev.calibration(CONF, OK, FOUR_BANDS)
    assert [b.n for b in bands] == [1, 2, 1, 2]
    assert [b.accuracy for b in bands] == pytest.approx([0.0, 0.5, 1.0, 1.0])
    assert [b.mean_confidence for b in bands] == pytest.approx([0.2, 0.595, 0.7, 0.975])
    assert [b.label for b in bands] == ["[0.0, 0.5)", "[0.5, 0.7)", "[0.7, 0.9)", "[0.9, 1.0]"]


def test_ece_by_hand() -> None:
    # (1·|0−.2| + 2·|.5−.595| + 1·|1−.7| + 2·|1−.975|) / 6 = (.2 + .19 + .3 + .05) / 6
    assert ev.expected_calibration_error(CONF, OK, FOUR_BANDS) == pytest.approx(0.74 / 6)


def test_ece_is_zero_when_confidence_matches_accuracy() -> None:
    conf = [0.95] * 20
    ok = [True] * 19 + [False]
    assert ev.expected_calibration_error(conf, ok) == pytest.approx(0.0)
    # ...and large when a confident classifier is always wrong.
    assert ev.expected_calibration_error([0.95] * 4, [False] * 4) == pytest.approx(0.95)


def test_empty_bands_report_none() -> None:
    bands = ev.calibration([0.95], [True])
    assert bands[0].n == 0 and bands[0].accuracy is None and bands[0].mean_confidence is None
    assert bands[-1].as_dict()["n"] == 1


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan")])
def test_confidence_outside_bands_is_an_error(bad: float) -> None:
    with pytest.raises(ValueError):
        ev.calibration([bad], [True])


def test_custom_bands() -> None:
    bands = ev.calibration([0.1, 0.6, 0.9], [True, False, True], bands=((0.0, 0.5), (0.5, 1.0)))
    assert [(b.n, b.accuracy) for b in bands] == [(1, 1.0), (2, 0.5)]


labels = st.sampled_from([c.value for c in Category])


@given(st.lists(st.tuples(labels, labels), min_size=1, max_size=40))
def test_metrics_agree_with_each_other(pairs: list[tuple[str, str]]) -> None:
    y_true = [t for t, _ in pairs]
    y_pred = [p for _, p in pairs]
    matrix = ev.confusion(y_true, y_pred)
    diagonal = sum(matrix[c][c] for c in matrix)
    assert ev.accuracy(y_true, y_pred) == pytest.approx(diagonal / len(pairs))
    assert 0.0 <= ev.macro_f1(y_true, y_pred) <= 1.0
    for label, score in ev.per_category(y_true, y_pred).items():
        assert score.support == sum(matrix[label].values())


@given(st.lists(labels, min_size=1, max_size=40))
def test_perfect_predictions(y: list[str]) -> None:
    assert ev.macro_f1(y, y) == 1.0
    assert ev.accuracy(y, y) == 1.0
    assert ev.genuine_as_cold(y, y) in (0.0, None)


def test_summary_holds_every_figure_of_the_report() -> None:
    conf = [0.95, 0.8, 0.6, 0.3, 0.9, 1.0]
    report = ev.summary(Y_TRUE, Y_PRED, conf)
    assert report["n"] == 6
    assert report["accuracy"] == pytest.approx(4 / 6)
    assert report["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 1) / 3)
    assert (report["genuine_as_cold"], report["cold_as_genuine"]) == pytest.approx((0.5, 0.25))
    assert report["labels"] == [S, F, M, R, X, G]  # every category, even absent ones
    assert list(report["per_category"]) == report["labels"]
    assert report["per_category"][S]["recall"] == pytest.approx(2 / 3)
    assert report["macro_over"] == [S, M, G]  # only the categories present
    assert report["confusion"][S][G] == 1
    # correct: T T F T F T -> bands [0,.5): 1 right, [.6,.7): 1 wrong, [.8,.9): 1 right,
    # [.9,1]: 2 right + 1 wrong (0.9, 0.95, 1.0)
    assert [b["n"] for b in report["calibration"]["bands"]] == [1, 0, 1, 0, 1, 3]
    assert report["uncertain_share"] == 0.0
    assert report["decided"]["n"] == 6
    assert report["calibration"]["ece"] == pytest.approx(
        (1 * 0.7 + 1 * 0.6 + 1 * 0.2 + 3 * abs(2 / 3 - 0.95)) / 6
    )


def test_uncertain_verdicts_are_called_neither_genuine_nor_cold() -> None:
    # Y_PRED calls one genuine cold (index 3) and one cold genuine (index 2 or 4).
    plain = ev.summary(Y_TRUE, Y_PRED, [0.9] * 6)
    wrong = [i for i, (t, p) in enumerate(zip(Y_TRUE, Y_PRED, strict=True)) if t != p]
    unsure = [i in wrong for i in range(6)]
    report = ev.summary(Y_TRUE, Y_PRED, [0.9] * 6, uncertain=unsure)
    assert (report["genuine_as_cold"], report["cold_as_genuine"]) == (0.0, 0.0)
    assert report["best_guess"]["genuine_as_cold"] == plain["genuine_as_cold"] > 0
    assert report["uncertain_share"] == pytest.approx(len(wrong) / 6)
    assert report["decided"] == {"n": 6 - len(wrong), "accuracy": 1.0, "macro_f1": 1.0}
    # Accuracy and macro-F1 still score every best guess.
    assert report["accuracy"] == plain["accuracy"]


def test_summary_with_explicit_labels() -> None:
    report = ev.summary([S, G], [S, S], [0.9, 0.9], labels=[S, G])
    assert report["labels"] == [S, G]
    assert report["confusion"] == {S: {S: 1, G: 0}, G: {S: 1, G: 0}}


def test_flag_scores_by_hand() -> None:
    # truth: yes yes no no; predicted: yes no yes no -> accuracy 2/4, P 1/2, R 1/2
    scores = ev.flag_scores([True, True, False, False], [True, False, True, False])
    assert scores == pytest.approx({"n": 4, "accuracy": 0.5, "precision": 0.5, "recall": 0.5})
    never = ev.flag_scores([True, True], [False, False])
    assert never is not None and (never["precision"], never["recall"]) == (0.0, 0.0)
    assert ev.flag_scores([], []) is None


# --------------------------------------------------------------------------- the draft rubric


def _case(category: str, draft: str, message: str = "Hello", tone: str = "pointed", **kw):
    return ev.DraftCase(message=message, category=category, tone=tone, draft=draft, **kw)


def test_product_lines_are_recognised_in_any_wording() -> None:
    assert ev.product_lines("Thank you for my interest.") == ["thank you for my interest"]
    assert ev.product_lines("A look at my profile would have saved you the effort.")
    assert ev.product_lines("Accepting a connection is not permission to pitch.")
    assert ev.product_lines("We wouldn't do this at a networking event.")
    assert ev.product_lines("I wish you every success.") == ["wish them success"]
    assert ev.product_lines("No, thanks.") == []


def test_draft_rubric_counts_each_failure_with_its_denominator() -> None:
    cases = [
        _case("sales_pitch", "Hi,\n\nThank you for my interest. I'll pass."),
        _case("sales_pitch", "Hi,\n\nI'll pass."),  # pointed without a line
        _case("sales_pitch", "Hi,\n\nI'll pass.", tone="firm"),  # same text; not pointed
        _case("recruiting", "See https://example.com", tone="firm"),  # a link
        _case("genuine", "Thanks! Happy to find a time; what suits you?", tone="warm"),  # unasked
        _case(
            "genuine",
            "Thanks! Happy to find a time; what suits you?",
            message="Fancy a coffee next week?",
            tone="warm",
        ),
        _case("genuine", "Thank you for my interest.", tone="warm"),  # snark to a contact
        _case("meeting_request", "x" * 300, tone="pointed", default_tone=True),  # too long
    ]
    r = ev.draft_rubric(cases)
    assert r["n"] == 8 and r["distinct"] == 6
    assert r["genuine"] == 3 and r["genuine_distinct"] == 2
    assert r["genuine_unasked_meeting"] == 1
    assert r["pointed_cold"] == 3 and r["pointed_without_line"] == 2
    assert r["links"] == 1
    assert r["snark_to_genuine"] == 1
    assert r["default_tone"] == 8 and r["default_short"] == 7
    assert r["default_short_share"] == pytest.approx(7 / 8)


def test_draft_rubric_of_nothing() -> None:
    r = ev.draft_rubric([])
    assert r["n"] == 0 and r["distinct_share"] is None and r["default_short_share"] is None


def test_the_offline_drafts_of_the_corpus_meet_the_rubric(offline_engine) -> None:
    """Issue 13's bar, on every message of data/: >= 90 % distinct, no unasked meeting offer,
    no pointed cold draft without a line, no links, no snark to genuine, >= 90 % short."""
    from bot import corpus
    from bot.models import Incoming
    from tests.conftest import REPO_ROOT

    messages = corpus.load(REPO_ROOT / "data")
    cases = []
    for m in messages:
        v = offline_engine.assess_and_draft(Incoming(text=m.text))
        cases.append(
            _case(v.assessment.category.value, v.draft.text, m.text, tone=v.draft.tone.value)
        )
    r = ev.draft_rubric(cases)
    assert r["distinct_share"] >= 0.9
    assert r["genuine_unasked_meeting"] == 0
    assert r["pointed_without_line"] == 0
    assert r["links"] == 0
    assert r["snark_to_genuine"] == 0
    assert r["default_short_share"] >= 0.9
