"""Item analysis: facility and discrimination on grade tables built here, checked against numpy."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cohort
from salesacademy import items
from salesacademy.errors import AcademyError
from salesacademy.items import item_analysis

EMPLOYEES = ["E1", "E2", "E3", "E4", "E5", "E6"]  # strongest first
# item: (max score, score of each employee)
MODULE = {
    "q1": (4, [4, 4, 3, 2, 1, 0]),  # sound: the strong do better
    "q2": (2, [2, 2, 2, 2, 2, 1]),  # facility 11/12 > 0.9: too easy
    "q3": (5, [1, 0, 0, 0, 0, 0]),  # facility 1/30 < 0.2: too hard
    "q4": (1, [0, 0, 0, 0, 1, 1]),  # only the weakest get it: negative discrimination
}


def grade(employee_id, module_id, item, score, max_score, *, manual=False):
    """One row of grade_rows; a written answer a trainer has not graded has score None."""
    return {"employee_id": employee_id, "module_id": module_id, "notebook": "exercise", "item": item, "max_score": float(max_score),
            "auto_score": None if manual else score, "manual_score": score if manual else None, "extra_credit": None,
            "needs_manual_grade": manual and score is None, "submitted_at": pd.Timestamp("2025-01-10"),
            "score": np.nan if score is None else float(score)}


def grades(module=MODULE, employees=EMPLOYEES, module_id="01-m") -> pd.DataFrame:
    return pd.DataFrame([grade(e, module_id, item, scores[i], max_score)
                         for item, (max_score, scores) in module.items() for i, e in enumerate(employees)])


def by_item(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index(["module_id", "item"])


def test_facility_sd_and_discrimination_agree_with_numpy():
    got = by_item(item_analysis(grades=grades()))
    scores = np.array([scores for _, scores in MODULE.values()], dtype=float)  # items x employees
    totals = scores.sum(axis=0)
    for row, (item, (max_score, _)) in enumerate(MODULE.items()):
        result = got.loc[("01-m", item)]
        assert result.n == len(EMPLOYEES) and result.max_score == max_score
        assert result.facility == pytest.approx(scores[row].mean() / max_score)
        assert result.sd == pytest.approx(np.std(scores[row], ddof=1))
        assert result.discrimination == pytest.approx(np.corrcoef(scores[row], totals - scores[row])[0, 1])


def test_worked_by_hand():
    got = by_item(item_analysis(grades=grades()))
    assert got.loc[("01-m", "q1")].facility == pytest.approx(14 / 24)
    assert got.loc[("01-m", "q2")].facility == pytest.approx(11 / 12)
    # q1's rest of the test per employee: q2+q3+q4 = 3, 2, 2, 2, 3, 2; q1 = 4, 4, 3, 2, 1, 0.
    x, y = np.array([4, 4, 3, 2, 1, 0.0]), np.array([3, 2, 2, 2, 3, 2.0])
    by_hand = ((x - x.mean()) * (y - y.mean())).sum() / np.sqrt(((x - x.mean()) ** 2).sum() * ((y - y.mean()) ** 2).sum())
    assert got.loc[("01-m", "q1")].discrimination == pytest.approx(by_hand)


def test_each_flag_is_triggered_by_its_case():
    got = by_item(item_analysis(grades=grades())).flag
    assert got.to_dict() == {("01-m", "q1"): "", ("01-m", "q2"): "too easy", ("01-m", "q3"): "too hard",
                             ("01-m", "q4"): "negative discrimination"}


@pytest.mark.parametrize(
    ("facility", "discrimination", "expected"),
    [
        (0.9, 0.3, ""),  # the thresholds themselves are not flagged
        (0.2, 0.0, ""),
        (0.91, np.nan, "too easy"),
        (0.19, 0.4, "too hard"),
        (0.5, -0.01, "negative discrimination"),
        (0.95, -0.2, "too easy; negative discrimination"),
        (0.5, np.nan, ""),
    ],
)
def test_flag_thresholds(facility, discrimination, expected):
    assert items.flag(facility=facility, discrimination=discrimination) == expected


def test_fewer_than_five_responses_give_no_discrimination_and_no_such_flag():
    few = item_analysis(grades=grades(employees=EMPLOYEES[2:], module={"q1": (4, [3, 2, 1, 0]), "q4": (1, [0, 0, 1, 1])}))
    assert few.n.tolist() == [4, 4] and few.discrimination.isna().all() and few.flag.tolist() == ["", ""]
    assert items.MIN_RESPONSES == 5


def test_an_item_everyone_aces_has_no_correlation_but_is_too_easy():
    got = by_item(item_analysis(grades=grades(module={**MODULE, "q2": (2, [2] * 6)})))
    assert np.isnan(got.loc[("01-m", "q2")].discrimination) and got.loc[("01-m", "q2")].flag == "too easy"


def test_rest_of_the_test_is_the_same_module_only():
    other = grades(module={"q9": (10, [0, 10, 0, 10, 0, 10])}, module_id="02-x")
    alone, mixed = item_analysis(grades=grades()), item_analysis(grades=pd.concat([grades(), other], ignore_index=True))
    pd.testing.assert_frame_equal(by_item(mixed).loc["01-m"], by_item(alone).loc["01-m"])
    assert set(mixed.module_id) == {"01-m", "02-x"}


def test_unscored_written_answers_are_left_out_and_graded_ones_counted():
    written = pd.DataFrame([grade(e, "01-m", "w1", score, 4, manual=True) for e, score in zip(EMPLOYEES, [4, 3, None, None, 1, 0])])
    got = by_item(item_analysis(grades=pd.concat([grades(), written], ignore_index=True)))
    assert got.loc[("01-m", "w1")].n == 4 and got.loc[("01-m", "w1")].facility == pytest.approx(8 / 16)
    # Employees whose written answer waits for a trainer keep the same rest of the test as before.
    q1 = np.array([4, 4, 3, 2, 1, 0.0])
    rest = np.array([3, 2, 2, 2, 3, 2.0]) + np.array([4, 3, 0, 0, 1, 0])
    assert got.loc[("01-m", "q1")].discrimination == pytest.approx(np.corrcoef(q1, rest)[0, 1])


def test_nothing_scored_gives_an_empty_table_with_the_columns():
    assert list(item_analysis(grades=grades().iloc[0:0]).columns) == items.COLUMNS


@pytest.fixture(scope="module")
def cohort_instance(instance_template, tmp_path_factory):
    return cohort.build(instance_template, tmp_path_factory.mktemp("items") / "course")


def test_items_of_one_module_from_the_gradebook(cohort_instance):
    """01-sales-process in tests/cohort.py: q1 scores 5, 5, 2, 4 and q2 5, 3, 1, 4, out of 5."""
    got = by_item(items.items(instance=cohort_instance, module="01-sales-process"))
    assert set(got.index.get_level_values("module_id")) == {"01-sales-process"}
    assert got.n.tolist() == [4, 4] and got.facility.tolist() == pytest.approx([16 / 20, 13 / 20])
    assert got.discrimination.isna().all()  # four responses are too few
    assert set(items.items(instance=cohort_instance).module_id) == set(cohort.MODULES)


def test_items_of_an_unknown_module_is_an_error(cohort_instance):
    with pytest.raises(AcademyError, match="unknown module '99-nothing'"):
        items.items(instance=cohort_instance, module="99-nothing")
