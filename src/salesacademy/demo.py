"""`academy demo`: the whole training cycle on a synthetic cohort.

It creates an instance, imports a synthetic roster, releases every module and
case in the curriculum, has each simulated employee answer and submit through
nbgrader's exchange, collects and grades, lets a simulated trainer grade most
written answers against the rubric, releases feedback, and reports where
everyone stands.

Each simulated employee has a skill level. For each graded item they give the
reference answer, one of the item's typical mistakes, or nothing; a few never
submit at all. What each one answered is written to ``answers.csv`` so the
scores can be checked against what each answer deserves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import zoneinfo
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd

from . import answers, bankdata, gradebook, gradebook_reads, hr, review, staff
from .collect import collect
from .config import content_root, database_url, load_config, today
from .config import workers as config_workers
from .curriculum import Curriculum, load_curriculum, parse_assignment
from .errors import AcademyError
from .feedback import feedback
from .grade import grade
from .init import init
from .paths import InstancePaths
from .release import release
from .report import report
from .roster import import_roster
from .status import STATUSES, status

DEFAULT_EMPLOYEES = 12
DEFAULT_SEED = 2025
DEFAULT_OUT = Path("demo")
MARKER = ".academy-demo"  # only folders carrying it are ever replaced by a new demo
DEPARTMENTS = {"zh-CN": ["零售银行部", "财富管理部", "运营部", "合规部"], "en": ["Retail Banking", "Wealth Management", "Operations", "Compliance"]}
ROLE_MIX = {"relationship_manager": 0.35, "wealth_advisor": 0.3, "teller": 0.25, "compliance_officer": 0.1}
ROLE_DEPARTMENT = {"relationship_manager": 0, "wealth_advisor": 1, "teller": 2, "compliance_officer": 3, "branch_manager": 0}
SHARE_NOT_SUBMITTING = 0.08
SHARE_WRITTEN_UNGRADED = 0.15
DEMO_TRAINER = "demo-trainer"  # who the simulated trainer is in the audit trail


@dataclasses.dataclass(frozen=True)
class DemoResult:
    paths: InstancePaths
    status: pd.DataFrame
    answers: pd.DataFrame
    pass_rates: pd.DataFrame
    outputs: dict[str, list[Path]]


def synthetic_roster(*, employees: int, seed: int, language: str) -> pd.DataFrame:
    """A realistic roster: one branch manager per branch, staff reporting to them."""
    rng = np.random.default_rng(seed)
    branches = bankdata.BRANCHES.head(max(1, min(len(bankdata.BRANCHES), employees // 6)))
    names = branches.name_zh if language == "zh-CN" else branches.name_en
    rows = []
    for i in range(employees):
        branch_index = i % len(branches)
        is_manager = i < len(branches)
        role = "branch_manager" if is_manager else rng.choice(list(ROLE_MIX), p=list(ROLE_MIX.values()))
        rows.append(
            {
                "employee_id": f"E{10001 + i}",
                "name": bankdata.person_names(rng, 1)[0],
                "branch": names.iloc[branch_index],
                "department": DEPARTMENTS[language][ROLE_DEPARTMENT[role]],
                "role": role,
                "manager_id": "" if is_manager else f"E{10001 + branch_index}",
                "hire_date": (dt.date(2012, 1, 1) + dt.timedelta(days=int(rng.integers(0, 4500)))).isoformat(),
                "email": f"e{10001 + i}@jinhe-bank.example",
                "language": language if rng.random() < 0.9 else ("en" if language == "zh-CN" else "zh-CN"),
            }
        )
    return pd.DataFrame(rows)


def choose_answers(key: answers.AnswerKey, skill: float, rng: np.random.Generator) -> dict[str, str]:
    """What one employee of `skill` (0 to 1) answers to each item of a module."""
    chosen = {}
    for item in key.items:
        wrong = [v for v in key.variants(item.id) if v not in (answers.REFERENCE, answers.BLANK)]
        draw = rng.random()
        if draw < skill:
            chosen[item.id] = answers.REFERENCE
        elif wrong and draw < skill + (1 - skill) * 0.75:
            chosen[item.id] = str(rng.choice(wrong))
        else:
            chosen[item.id] = answers.BLANK
    return chosen


def _simulate_staff(paths, config, curriculum: Curriculum, content: Path, released_on: dt.date, seed: int, progress: bool) -> pd.DataFrame:
    """Each enrolled employee fetches their version of each module, answers it at their skill, and submits it on their own clock."""
    from tqdm import tqdm

    rng = np.random.default_rng(seed + 1)

    url = database_url(config, paths)
    roster = gradebook_reads.employees(url).set_index("employee_id")
    enrolled = gradebook_reads.enrollments(url)
    skill = dict(zip(roster.index, rng.beta(5, 2, len(roster))))
    zone = zoneinfo.ZoneInfo(config.course.timezone)
    keys: dict[tuple, answers.AnswerKey] = {}
    records = []
    for module in tqdm(curriculum.modules, desc="staff answer and submit", unit="module", disable=not progress):
        for employee_id in enrolled[enrolled.module_id == module.id].employee_id:
            if rng.random() < SHARE_NOT_SUBMITTING:
                continue
            version = staff.version_for(curriculum, module.id, role=roster.role[employee_id], language=roster.language[employee_id])
            key = keys.get(version) or keys.setdefault(version, answers.answer_key(
                content=content, module_id=module.id, folder=module.folder(content), notebook=module.graded,
                language=version.language, track=version.track))
            chosen = choose_answers(key, skill[employee_id], rng)
            folder = staff.fetch(instance=paths.root, employee_id=employee_id, module_id=module.id)
            fetched = folder / f"{module.graded}.ipynb"
            nbformat.write(answers.answer_notebook(nbformat.read(fetched, as_version=4), key, chosen, employee_id), fetched)
            when = dt.datetime.combine(released_on, dt.time(9), zone) + dt.timedelta(days=float(rng.uniform(1, 34)))
            staff.submit(instance=paths.root, employee_id=employee_id, module_id=module.id, at=when)
            records += [{"employee_id": employee_id, "module_id": module.id, "assignment": version.assignment, "item": item, "answer": variant}
                        for item, variant in chosen.items()]
    return pd.DataFrame(records, columns=["employee_id", "module_id", "assignment", "item", "answer"])


def _simulate_trainer(paths, config, curriculum: Curriculum, content: Path, answered: pd.DataFrame, seed: int) -> int:
    """Grade most written answers as a trainer would: exemplary full marks, weak answers their rubric points."""
    from nbgrader.api import Gradebook

    rng = np.random.default_rng(seed + 2)
    keys = {}
    graded = 0
    with Gradebook(database_url(config, paths), config.course.id) as gb, gradebook.audit_source(gb.db, f"manual:{DEMO_TRAINER}"):
        for row in answered.itertuples(index=False):
            module = curriculum.module(row.module_id)
            version = parse_assignment(row.assignment)
            key = keys.get(version) or keys.setdefault(version, answers.answer_key(
                content=content, module_id=module.id, folder=module.folder(content), notebook=module.graded,
                language=version.language, track=version.track))
            item = next(i for i in key.items if i.id == row.item)
            if item.kind != "written" or row.answer == answers.BLANK or rng.random() < SHARE_WRITTEN_UNGRADED:
                continue
            grade = gb.find_grade(item.id, module.graded, row.assignment, row.employee_id)
            grade.manual_score = item.points if row.answer == answers.REFERENCE else key.weak_points[item.id]
            grade.needs_manual_grade = False
            graded += 1
        gb.db.commit()
    return graded


def pass_rates(table: pd.DataFrame) -> pd.DataFrame:
    """Per module: enrolled, passed, pass rate, mean score and the count in each status."""
    counts = table.pivot_table(index="module_id", columns="status", values="employee_id", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=list(STATUSES), fill_value=0)
    summary = pd.DataFrame({"enrolled": counts.sum(axis=1), "passed": counts["passed"]})
    summary["pass_rate"] = (summary.passed / summary.enrolled).round(3)
    summary["mean_score_pct"] = (table.groupby("module_id").percent.mean() * 100).round(1)
    return summary.join(counts.drop(columns="passed"))


def demo(
    *,
    out: Path = DEFAULT_OUT,
    employees: int = DEFAULT_EMPLOYEES,
    seed: int = DEFAULT_SEED,
    language: str = "zh-CN",
    content: Path | None = None,
    progress: bool = True,
) -> DemoResult:
    """Run the full training cycle on a synthetic cohort in `out`."""
    out = Path(out)
    if employees < 1:
        raise AcademyError(f"--employees must be at least 1, got {employees}")
    if out.exists():
        if not (out / MARKER).exists():
            raise AcademyError(f"{out}: exists and is not a demo folder; choose another --out")
        shutil.rmtree(out)
    paths = init(directory=out, language=language, content=content)
    (out / MARKER).write_text("created by academy demo; replaced by the next run\n", encoding="utf-8")
    config, paths = load_config(out)
    content = content_root(config)
    curriculum = load_curriculum(content)
    roster_file = out / "roster.csv"
    synthetic_roster(employees=employees, seed=seed, language=language).to_csv(roster_file, index=False)
    import_roster(instance=out, file=roster_file)
    released_on = today(config) - dt.timedelta(days=40)
    release(instance=out, modules=[m.id for m in curriculum.modules], today=released_on, progress=progress)
    answered = _simulate_staff(paths, config, curriculum, content, released_on, seed, progress)
    answered.to_csv(out / "answers.csv", index=False)
    collect(instance=out)
    run = grade(instance=out, progress=progress)
    if run.failed:
        (submission, reason), *_ = run.failed.items()
        raise AcademyError(f"{len(run.failed)} demo submission(s) failed to grade, e.g. {submission.employee_id} {submission.module_id}: {reason}")
    _simulate_trainer(paths, config, curriculum, content, answered, seed)
    feedback(instance=out)
    table = status(instance=out)
    reports = report(instance=out, all_=True, workers=config_workers(config), progress=progress)
    if reports.failed:
        (employee_id, reason), *_ = reports.failed.items()
        raise AcademyError(f"{len(reports.failed)} demo report(s) failed, e.g. {employee_id}: {reason}")
    outputs = {
        "employee reports": reports.written,
        "HR completion report": hr.completion(instance=out),
        "performance-review feed": review.review_feed_files(instance=out, period=today(config).strftime("%Y-%m")),
    }
    return DemoResult(paths=paths, status=table, answers=answered, pass_rates=pass_rates(table), outputs=outputs)
