"""Every auto-graded item of every module and case, graded by `academy grade`:
the reference answer earns full marks, a blank answer zero, each typical mistake
less than full; and stock ``nbgrader autograde`` on Jupyter's own kernel gives
every one of those submissions the same scores."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from salesacademy import answers, gradebook_reads
from salesacademy.collect import collect
from salesacademy.config import bundled_content, load_config
from salesacademy.curriculum import load_curriculum
from salesacademy.grade import grade
from salesacademy.init import init
from salesacademy.release import release
from salesacademy.roster import import_roster

pytestmark = pytest.mark.slow
CONTENT = bundled_content()
CURRICULUM = load_curriculum(CONTENT)
LANGUAGE = "zh-CN"  # the demo runs in English; this covers the other language


def variant_plan(key: answers.AnswerKey) -> dict[str, dict[str, str]]:
    """Answer sets: all reference, all blank, then the n-th mistake of every item that has one."""
    code = [i for i in key.items if i.kind == "code"]
    plan = {"ref": {i.id: answers.REFERENCE for i in key.items}, "blank": {}}
    for n in range(max(len(i.mistakes) for i in code)):
        plan[f"m{n}"] = {i.id: f"mistake:{list(i.mistakes)[n]}" if n < len(i.mistakes) else answers.REFERENCE for i in code}
    return plan


@pytest.fixture(scope="session")
def graded_variants(tmp_path_factory):
    root = tmp_path_factory.mktemp("items") / "course"
    init(directory=root, language=LANGUAGE)
    config, paths = load_config(root)
    keys = {m.id: answers.answer_key(content=CONTENT, module_id=m.id, folder=m.folder(CONTENT), notebook=m.graded, language=LANGUAGE,
                                     track="analyst") for m in CURRICULUM.modules}
    plans = {module_id: variant_plan(key) for module_id, key in keys.items()}
    people = sorted({variant for plan in plans.values() for variant in plan})
    roster = pd.DataFrame([{"employee_id": v, "name": v, "branch": "B", "department": "D", "role": "compliance_officer", "manager_id": "",
                            "hire_date": "2020-01-01", "email": f"{v}@bank.example", "language": LANGUAGE} for v in people])
    roster.to_csv(root / "roster.csv", index=False)
    import_roster(instance=root, file=root / "roster.csv")
    release(instance=root, modules=list(keys), progress=False)
    for module in CURRICULUM.modules:
        for employee_id, choices in plans[module.id].items():
            answers.hand_in(instance=root, employee_id=employee_id, module_id=module.id, choices=choices)
    collect(instance=root)
    shutil.copytree(root, root.parent / "stock")  # the same submissions, for stock nbgrader
    run = grade(instance=root, progress=False)
    assert not run.failed, run.failed
    rows = gradebook_reads.grade_rows(f"sqlite:///{root}/gradebook.db").set_index(["employee_id", "module_id", "item"])
    return keys, plans, rows, root.parent / "stock"


@pytest.mark.parametrize("module_id", [m.id for m in CURRICULUM.modules])
def test_reference_full_blank_zero_mistakes_less(graded_variants, module_id):
    keys, plans, rows, _ = graded_variants
    for item in keys[module_id].items:
        if item.kind == "written":
            assert rows.loc[("blank", module_id, item.id)].auto_score == 0, "an untouched written answer scores zero"
            continue
        assert rows.loc[("ref", module_id, item.id)].auto_score == item.points, f"{item.id}: reference below full marks"
        assert rows.loc[("blank", module_id, item.id)].auto_score == 0, f"{item.id}: blank scored"
        for employee_id, choices in plans[module_id].items():
            if choices.get(item.id, "").startswith("mistake:"):
                assert rows.loc[(employee_id, module_id, item.id)].auto_score < item.points, f"{item.id}: {choices[item.id]} got full marks"


def test_stock_nbgrader_gives_every_submission_the_same_scores(graded_variants):
    """The fast path (forked shells, one writer) against nbgrader's own autograde, which starts
    Jupyter's stock ``python3`` kernel for each submission: every item of every variant of every
    module, reference answers, typical mistakes and blanks alike."""
    _, _, rows, stock = graded_variants
    nbgrader = Path(sys.executable).parent / "nbgrader"
    for module in CURRICULUM.modules:
        done = subprocess.run([str(nbgrader), "autograde", f"{module.id}.analyst.zh", "--Execute.kernel_name=python3"],
                              cwd=stock, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-2000:]
    theirs = gradebook_reads.grade_rows(f"sqlite:///{stock}/gradebook.db").set_index(["employee_id", "module_id", "item"])
    assert len(rows) and sorted(theirs.index) == sorted(rows.index)
    compared = rows[["auto_score", "needs_manual_grade"]].join(theirs[["auto_score", "needs_manual_grade"]].add_suffix("_stock"))
    differ = compared[(compared.auto_score.fillna(-1) != compared.auto_score_stock.fillna(-1))
                      | (compared.needs_manual_grade != compared.needs_manual_grade_stock)]
    assert differ.empty, differ.to_string()
    kinds = {employee_id for employee_id, _, _ in compared.index}
    assert {"ref", "blank", "m0"} <= kinds and compared.auto_score.gt(0).any() and compared.auto_score.eq(0).any()
