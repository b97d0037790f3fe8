"""Graded items named as the employee saw them: number and title in each version of a module.

Expectations come from reading `course/01-sales-process/exercise.py` and its
`questions.yml` (the bank's variants are loaded here with yaml), never from
the titles under test.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml

from salesacademy.config import bundled_content
from salesacademy.curriculum import load_curriculum
from salesacademy.question_titles import TITLE_WIDTH, module_titles, short, width

MODULE = "01-sales-process"


@pytest.fixture(scope="module")
def titles():
    content = bundled_content()
    curriculum = load_curriculum(content)
    frame = module_titles(curriculum, curriculum.module(MODULE), content)
    return frame.set_index(["track", "language", "item"]).sort_index()


def test_items_are_numbered_in_the_order_of_each_track(titles):
    # frontline: five bank questions, then the written answer; analyst: two tasks, a choice, the written answer
    frontline = titles.loc[("frontline", "zh-CN")].number
    assert frontline.to_dict() == {"skipped-step": 1, "late-replies": 2, "first-reply": 3, "gap-in-log": 4, "process-order": 5,
                                   "shortcuts": 6}
    assert titles.loc[("analyst", "en")].number.to_dict() == {"skipped": 1, "late": 2, "choice": 3, "shortcuts": 4}


def test_a_bank_question_has_one_title_per_variant_in_the_version_s_language(titles):
    bank = yaml.safe_load((bundled_content() / "course" / MODULE / "questions.yml").read_text(encoding="utf-8"))
    variants = bank["questions"]["skipped-step"]["variants"]
    for language, tag in (("zh-CN", "zh"), ("en", "en")):
        expected = tuple(" ".join(v["question"][tag].replace("**", "").split()) for v in variants)
        assert titles.titles[("frontline", language, "skipped-step")] == expected


def test_a_task_is_titled_by_its_heading_and_a_written_answer_by_its_scenario(titles):
    assert titles.titles[("analyst", "zh-CN", "skipped")] == ("找出跳过步骤的销售机会",)
    assert titles.titles[("analyst", "en", "late")] == ("late replies per member of staff",)
    # "multiple choice" names only the kind of answer: the scenario under it says what was asked
    assert titles.titles[("analyst", "zh-CN", "choice")][0].startswith("一位老客户来到网点，说邻居推荐了一款 R4 的基金")
    (written,) = titles.titles[("frontline", "zh-CN", "shortcuts")]
    assert written.startswith('一位同事对你说："CRM 里那六步都是形式。') and written.endswith("…")
    assert width(written) <= TITLE_WIDTH
    for title in titles.titles:
        assert all(title) and not any("**" in t or "`" in t or "Q#" in t for t in title)


def test_short_keeps_whole_sentences_or_cuts_after_a_word():
    assert short("One. Two.", limit=40) == "One. Two."
    assert short("**First** sentence is here. Second sentence is longer than that.", limit=40) == "First sentence is here.…"
    # a first sentence under half the width says too little: cut after the last whole word that fits
    assert short("Tiny. Then a rather long sentence that goes on and on.", limit=30) == "Tiny. Then a rather long…"
    assert short("第一句很长很长很长。第二句。", limit=12) == "第一句很长…"
    assert short("a " * 200, limit=None) == " ".join(["a"] * 200)


def test_titles_are_worked_out_once_then_read_from_the_cache_until_a_source_changes(tmp_path, monkeypatch):
    """The second call finds the first's table; after a question's heading changes the new title is worked out."""
    import shutil

    from salesacademy import question_titles

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    content = tmp_path / "content"
    for part in ("course", "cases"):
        shutil.copytree(bundled_content() / part, content / part)
    curriculum = load_curriculum(content)
    first = question_titles.course_titles(curriculum, content)
    expected = pd.concat([module_titles(curriculum, m, content) for m in curriculum.modules], ignore_index=True)
    pd.testing.assert_frame_equal(first, expected)
    assert len(list((tmp_path / "cache" / "salesacademy").glob("titles-*.json"))) == 1

    def not_again(*args):
        raise AssertionError("worked out again")

    monkeypatch.setattr(question_titles, "module_titles", not_again)
    pd.testing.assert_frame_equal(question_titles.course_titles(curriculum, content), expected)

    monkeypatch.setattr(question_titles, "module_titles", module_titles)
    source = curriculum.module(MODULE).folder(content) / f"{curriculum.module(MODULE).graded}.py"
    heading = re.search(r"^# ## Question .*?: late replies per member of staff$", source.read_text(encoding="utf-8"), re.MULTILINE)
    source.write_text(source.read_text(encoding="utf-8").replace(heading.group(0), heading.group(0) + " renamed", 1), encoding="utf-8")
    again = question_titles.course_titles(curriculum, content)
    assert not again.equals(expected)
    assert any("renamed" in " ".join(titles) for titles in again.titles)
    assert len(list((tmp_path / "cache" / "salesacademy").glob("titles-*.json"))) == 2


def test_a_cache_that_cannot_be_written_is_passed_by(monkeypatch):
    from salesacademy import question_titles

    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/1")
    content = bundled_content()
    curriculum = load_curriculum(content)
    titles = question_titles.course_titles(curriculum, content)
    assert set(titles.module_id) == {m.id for m in curriculum.modules}


def test_a_cache_file_that_cannot_be_finished_leaves_nothing_behind(tmp_path, monkeypatch):
    """The disk fills while the table is written: the titles are still returned, and no half-written file stays."""
    from salesacademy import question_titles

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(question_titles.json, "dump", full)
    content = bundled_content()
    curriculum = load_curriculum(content)
    titles = question_titles.course_titles(curriculum, content)
    assert set(titles.module_id) == {m.id for m in curriculum.modules}
    assert list((tmp_path / "salesacademy").iterdir()) == []
