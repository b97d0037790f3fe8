"""A small cohort graded in a real gradebook, with every figure known by hand.

Six employees in two branches take two modules (two 5-point items each),
assigned on 2025-01-02 and due on 2025-02-01. Nothing is built or executed:
submissions and scores go straight into nbgrader's tables, so HR reports and
item analysis read a real gradebook in a second.

As of 2025-03-01:

=====  ==============  ===================  ======================  ========================
id     branch          role                 01-sales-process        03-suitability
=====  ==============  ===================  ======================  ========================
B1     上海浦东支行    branch_manager       passed 100 on time      passed 90 on time
R1     上海浦东支行    relationship_mgr     passed 80 late          overdue (nothing sent)
T1     上海浦东支行    teller               failed 30 on time       (tellers do not take it)
B2     北京西城支行    branch_manager       passed 80 on time       passed 100 on time
W2     北京西城支行    wealth_advisor       overdue (nothing sent)  failed 60 on time
T2     北京西城支行    teller               overdue (nothing sent)  (tellers do not take it)
=====  ==============  ===================  ======================  ========================
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import sqlalchemy as sa
from pg import copy_instance

from salesacademy import gradebook
from salesacademy.config import content_root, database_url, load_config
from salesacademy.curriculum import load_curriculum
from salesacademy.release import enroll
from salesacademy.roster import import_roster

AS_OF = dt.date(2025, 3, 1)
ASSIGNED = dt.date(2025, 1, 2)
MODULES = ("01-sales-process", "03-suitability")
TITLES = {"01-sales-process": "销售流程与服务标准", "03-suitability": "投资者适当性"}
PUDONG, XICHENG = "上海浦东支行", "北京西城支行"
NAMES = {"B1": "王芳", "R1": "李强", "T1": "赵敏", "B2": "陈静", "W2": "周杰", "T2": "孙丽"}
ROSTER = f"""employee_id,name,branch,department,role,manager_id,hire_date,email,language
B1,王芳,{PUDONG},零售银行部,branch_manager,,2015-03-01,b1@bank.example,zh-CN
R1,李强,{PUDONG},零售银行部,relationship_manager,B1,2019-07-15,r1@bank.example,zh-CN
T1,赵敏,{PUDONG},运营部,teller,B1,2022-09-30,t1@bank.example,zh-CN
B2,陈静,{XICHENG},零售银行部,branch_manager,,2016-05-01,b2@bank.example,zh-CN
W2,周杰,{XICHENG},财富管理部,wealth_advisor,B2,2020-02-03,w2@bank.example,zh-CN
T2,孙丽,{XICHENG},运营部,teller,B2,2023-04-10,t2@bank.example,zh-CN
"""
# (employee, module): (submitted at, score of q1, score of q2), each item out of 5
SUBMISSIONS = {
    ("B1", "01-sales-process"): (dt.datetime(2025, 1, 20, 10), 5, 5),
    ("B1", "03-suitability"): (dt.datetime(2025, 1, 25, 10), 5, 4),
    ("R1", "01-sales-process"): (dt.datetime(2025, 2, 10, 10), 5, 3),
    ("T1", "01-sales-process"): (dt.datetime(2025, 1, 15, 10), 2, 1),
    ("B2", "01-sales-process"): (dt.datetime(2025, 1, 10, 10), 4, 4),
    ("B2", "03-suitability"): (dt.datetime(2025, 1, 11, 10), 5, 5),
    ("W2", "03-suitability"): (dt.datetime(2025, 1, 30, 10), 3, 3),
}


def build(template: Path, target: Path) -> Path:
    """Copy the empty instance `template` to `target` and fill it with the cohort."""
    from nbgrader.api import Gradebook

    copy_instance(template, target)
    roster = target / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    import_roster(instance=target, file=roster)
    config, paths = load_config(target)
    curriculum = load_curriculum(content_root(config))
    url = database_url(config, paths)
    with gradebook.transaction(url) as db:
        for module_id in MODULES:
            enroll(db, curriculum=curriculum, module=curriculum.module(module_id), today=ASSIGNED)
    # nbgrader's add_submission trips SQLAlchemy's autoflush warnings; they are nbgrader's, and harmless.
    with Gradebook(url, config.course.id) as gb, warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=sa.exc.SAWarning)
        for module_id in MODULES:
            gb.add_assignment(module_id)
            gb.add_notebook("exercise", module_id)
            for item in ("q1", "q2"):
                gb.add_grade_cell(item, "exercise", module_id, max_score=5, cell_type="code")
        for (employee_id, module_id), (submitted_at, *scores) in SUBMISSIONS.items():
            gb.add_submission(module_id, employee_id, timestamp=submitted_at)
            for item, score in zip(("q1", "q2"), scores):
                grade = gb.find_grade(item, "exercise", module_id, employee_id)
                grade.auto_score, grade.needs_manual_grade = score, False
        gb.db.commit()
    return target
