"""The trainers' formgrader: nbgrader's own, with the rubric where a trainer grades and the grader in the audit trail.

`academy lab --role trainer` (and a trainer's server under JupyterHub) loads
this server extension instead of nbgrader's ``formgrader`` extension. It is
nbgrader's `FormgradeExtension` with these changes:

- The grading view of a submission is rendered with the ``academy_formgrade``
  template, which extends nbgrader's ``formgrade`` template. Under each written
  answer (a manually graded cell) it shows that item's rubric from
  ``graders/rubrics/MODULE.yml``, in the course language: each criterion with
  its levels to pick from, and the strong, middling and weak sample answers
  with their scores. Picking a level on every criterion puts the sum in
  nbgrader's score box, and nbgrader's own page saves it as always
  (``PUT /formgrader/api/grade/ID``); the trainer may still type a score.
- The API handlers that write scores and comments run inside
  `gradebook.audit_source`, so the audit trail names each change
  ``formgrader:GRADER``: the hub user under JupyterHub, the operating-system
  user of an `academy lab` session (whose token login has no name of its own).
- An ungraded written answer's score box says it awaits grading instead of
  looking like a zero.
- The other pages (``academy_formgrader_lists``, over nbgrader's ``base.tpl``)
  show each module's due-date rule where nbgrader has no date (every employee
  has their own), names without the comma nbgrader puts before an empty first
  name, "awaiting grading" for written scores no trainer has given, and no
  overall score per student: nbgrader counts it over every module, assigned
  or not, and `academy status` has the true figures. Submission times are in
  the course time zone, to the minute.

- The buttons with which nbgrader would release, collect, autograde or hand
  back feedback by itself answer with the academy command that does it
  instead: nbgrader's own autograde knows nothing of each employee's version
  of the questions, the sandbox or the audit trail, and its release nothing
  of enrollments and due dates.

The rubric goes only into this page. Feedback for staff is rendered by
nbgrader's feedback template from the autograded notebook, which never holds
a rubric.
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from jupyter_server.utils import url_path_join
from nbconvert.exporters import HTMLExporter
from nbgrader.server_extensions.formgrader import apihandlers
from nbgrader.server_extensions.formgrader import handlers as nbgrader_handlers
from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension
from tornado import web
from traitlets import Unicode
from traitlets.config import Config

from . import gradebook
from .config import content_root, load_config
from .curriculum import load_curriculum, module_of
from .errors import AcademyError
from .rubrics import SAMPLES, load_rubric

TEMPLATE = "academy_formgrade"
TEMPLATES = Path(__file__).parent / "templates"
ASSETS = TEMPLATES / TEMPLATE
LIST_TEMPLATES = TEMPLATES / "academy_formgrader_lists"

#: What the rubric panel says, in each course language.
LABELS = {
    "zh-CN": {"rubric": "评分标准", "points": "分", "total": "按评分标准合计", "pick": "每项标准选一个等级，合计会填入得分框。",
              "samples": "样例答案及其得分", "awaiting": "待评分", "no_rubric": "没有找到这道题的评分标准：{reason}",
              "strong": "优秀", "middling": "中等", "weak": "较弱",
              "due_rule": "分配后 {days} 天（各人不同）", "due_unknown": "每人各自的截止日",
              "due_note": "每位员工的截止日从其分配日算起，见 academy status。", "time_note": "课程时区（{zone}）",
              "overall_note": "不显示总分：nbgrader 按全部模块计算，包括未分配给该员工的模块。按分配模块计算的成绩见 academy status。",
              "refused": "此操作请在命令行用 {command} 完成：它按每位员工自己的题目版本处理，并记入审计记录。",
              "page": {"Student's answer": "员工的回答", "Student's task": "员工的任务", "Full credit": "满分",
                       "No credit": "零分", "Resolve": "标记已处理", "(extra credit)": "（附加分）",
                       "comment": "在此填写评语（支持 Markdown）"}},
    "en": {"rubric": "Rubric", "points": "pt", "total": "Total by the rubric", "pick": "Pick a level on each criterion; the total goes into the score box.",
           "samples": "Sample answers and their scores", "awaiting": "awaiting grading", "no_rubric": "No rubric found for this item: {reason}",
           "strong": "Strong", "middling": "Middling", "weak": "Weak",
           "due_rule": "{days} days from assignment (per employee)", "due_unknown": "each employee's own date",
           "due_note": "Each employee's due date counts from the day the module was assigned to them; see academy status.",
           "time_note": "course time zone ({zone})",
           "overall_note": "Overall score not shown: nbgrader counts every module, including those the employee was never assigned. "
                           "academy status has scores over the assigned modules.",
           "refused": "Do this with {command} on the command line: it works with each employee's own version of the questions "
                      "and records what it does in the audit trail.",
           "page": {}},
}


def _points(value: float) -> str:
    return f"{value:g}"


def rubric_page(instance: Path, assignment_id: str, written: list[str]) -> dict:
    """What the grading view shows of the rubrics of the written items `written` of one nbgrader assignment.

    Returns ``{"labels": ..., "language": ..., "rubrics": {item: ...}, "error": sentence or None}``;
    each rubric has its ``points``, its ``criteria`` (``id``, ``title``, ``points``, ``levels`` with
    ``points`` and ``text``) and its ``samples`` (``label``, ``text``, ``scores``: criterion title and points).
    """
    config, _ = load_config(instance)
    language = config.course.language
    labels = LABELS[language]
    page = {"language": language, "labels": labels, "rubrics": {}, "error": None}
    if not written:
        return page
    try:
        rubric = load_rubric(content_root(config), module_of(assignment_id))
    except AcademyError as error:
        page["error"] = labels["no_rubric"].format(reason=error)
        return page
    for item in written:
        entry = rubric.items.get(item)
        if entry is None:
            page["error"] = labels["no_rubric"].format(reason=item)
            continue
        criteria = [{"id": key, "title": criterion(language), "points": _points(criterion.points),
                     "levels": [{"points": _points(level.points), "text": level(language)} for level in criterion.levels]}
                    for key, criterion in entry.criteria.items()]
        samples = [{"label": labels[name], "total": _points(entry.score(name)), "text": entry.samples[name](language).strip(),
                    "scores": [(entry.criteria[key](language), _points(score)) for key, score in entry.samples[name].scores.items()]}
                   for name in SAMPLES]
        page["rubrics"][item] = {"points": _points(entry.points), "criteria": criteria, "samples": samples}
    return page


def written_items(nb) -> list[str]:
    """The grade ids of a notebook's manually graded answers: graded cells a learner writes in."""
    found = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and meta.get("solution") and cell.cell_type == "markdown":
            found.append(meta["grade_id"])
    return found


def list_page(instance: Path) -> dict:
    """What the corrections of nbgrader's list pages need: their texts and each module's due-date rule."""
    config, _ = load_config(instance)
    labels = LABELS[config.course.language]
    curriculum = load_curriculum(content_root(config))
    due = {module.id: labels["due_rule"].format(days=curriculum.due_days(module)) for module in curriculum.modules}
    data = json.dumps({"labels": labels | {"time_note": labels["time_note"].format(zone=config.course.timezone)},
                       "due": due, "timezone": config.course.timezone}, ensure_ascii=False).replace("<", "\\u003c")
    return {"data": data, "script": (LIST_TEMPLATES / "lists.js").read_text(encoding="utf-8")}


def exporter_config() -> Config:
    """The settings that make nbgrader's formgrade exporter render the grading view with our template."""
    c = Config()
    c.HTMLExporter.template_name = TEMPLATE
    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES), nbgrader_handlers.template_path]
    # so that ours can extend nbgrader's by its full name, ``formgrade/index.html.j2``
    c.HTMLExporter.extra_template_paths = [nbgrader_handlers.template_path]
    return c


class RubricExporter(HTMLExporter):
    """nbgrader's formgrade page, given the rubrics of the notebook's written answers, the panel's script and style."""

    instance = Unicode(help="the course instance folder")

    def from_notebook_node(self, nb, resources=None, **kw):
        resources = dict(resources or {})
        page = rubric_page(Path(self.instance), resources.get("assignment_id", ""), written_items(nb))
        # The employee's whole name: nbgrader would show "last, first", and the roster keeps it all in last_name.
        name = " ".join(filter(None, [resources.get("last_name"), resources.get("first_name")])) or resources.get("student")
        page["data"] = json.dumps({"labels": page["labels"], "name": name}, ensure_ascii=False).replace("<", "\\u003c")
        page["script"] = (ASSETS / "rubric.js").read_text(encoding="utf-8")
        page["style"] = (ASSETS / "rubric.css").read_text(encoding="utf-8")
        resources["academy"] = page
        return super().from_notebook_node(nb, resources, **kw)


def grader_name(handler: web.RequestHandler) -> str:
    """Who is grading: the name `academy lab` gives its session, else the server's user (the hub user)."""
    configured = handler.settings.get("academy", {}).get("grader")
    if configured:
        return configured
    user = handler.current_user
    if isinstance(user, dict):  # JupyterHub before jupyter_server 2 handed a dict
        return user.get("name") or "unknown"
    return getattr(user, "username", None) or str(user)


def _audited(handler: type, method: str) -> type:
    """`handler` whose `method` writes inside an audit context naming the grader."""
    write = getattr(handler, method)

    def audited(self, *args, **kwargs):
        if not self.current_user:
            return write(self, *args, **kwargs)  # nbgrader's own checks refuse the request
        session = self.gradebook.db
        try:
            with gradebook.audit_source(session, f"formgrader:{grader_name(self)}"):
                return write(self, *args, **kwargs)
        finally:
            # nbgrader commits its change; whatever the reply read after it (or a refused request
            # left behind) is let go, so no transaction stays open to hold SQLite's write lock.
            session.rollback()

    return type(handler.__name__, (handler,), {method: audited, "__module__": __name__,
                                               "__doc__": f"nbgrader's {handler.__name__}, audited under the grader's name."})


#: nbgrader's handlers that write scores or comments to audited fields, and their writing method.
AUDITED = {apihandlers.GradeHandler: "put", apihandlers.CommentHandler: "put"}
AUDITED_HANDLERS = {handler: _audited(handler, method) for handler, method in AUDITED.items()}


#: nbgrader's buttons that would add or release modules, edit the roster, collect, grade or hand back work
#: behind the academy's back: the method each calls, and the command to use instead.
REFUSED = {apihandlers.AssignmentHandler: ("put", "academy release"), apihandlers.AssignHandler: ("post", "academy release"),
           apihandlers.ReleaseHandler: ("post", "academy release"), apihandlers.UnReleaseHandler: ("post", "academy release"),
           apihandlers.StudentHandler: ("put", "academy roster import"), apihandlers.CollectHandler: ("post", "academy collect"),
           apihandlers.AutogradeHandler: ("post", "academy grade"),
           **dict.fromkeys([apihandlers.GenerateAllFeedbackHandler, apihandlers.ReleaseAllFeedbackHandler,
                            apihandlers.GenerateFeedbackHandler, apihandlers.ReleaseFeedbackHandler], ("post", "academy feedback"))}


def _refused(handler: type, method: str, command: str) -> type:
    """`handler` whose `method` changes nothing and answers, as nbgrader's page expects, with the command to use."""

    @web.authenticated
    def refuse(self, *args) -> None:
        language = self.settings.get("academy_language", "en")
        message = LABELS[language if language in LABELS else "en"]["refused"].format(command=command)
        self.write(json.dumps({"success": False, "error": message, "log": message}))

    return type(handler.__name__, (handler,), {method: refuse, "__module__": __name__,
                                               "__doc__": f"nbgrader's {handler.__name__}, answered with {command}."})


REFUSED_HANDLERS = {handler: _refused(handler, method, command) for handler, (method, command) in REFUSED.items()}


class AcademyFormgrader(FormgradeExtension):
    """nbgrader's formgrader with the academy's grading view and audited writers."""

    def build_extra_config(self):
        extra = super().build_extra_config()
        extra.merge(exporter_config())
        return extra

    def init_tornado_settings(self, webapp) -> None:
        super().init_tornado_settings(webapp)
        instance = Path(self.coursedir.root)
        webapp.settings["nbgrader_exporter"] = RubricExporter(config=self.config, instance=str(instance))
        webapp.settings["academy_language"] = load_config(instance)[0].course.language
        # nbgrader's page templates, with ours first: our base.tpl extends theirs, named nbgrader/base.tpl.
        theirs = FileSystemLoader([nbgrader_handlers.template_path])
        pages = Environment(loader=ChoiceLoader([FileSystemLoader([str(LIST_TEMPLATES)]), PrefixLoader({"nbgrader": theirs}), theirs]))
        pages.globals["academy_lists"] = lambda: list_page(instance)
        webapp.settings["nbgrader_jinja2_env"] = pages

    def init_handlers(self, webapp) -> None:
        """nbgrader's routes (as `FormgradeExtension.init_handlers` lays them out), the writers swapped for audited ones."""
        found = {rule[1] for rule in apihandlers.default_handlers}
        if missing := [h.__name__ for h in [*AUDITED, *REFUSED] if h not in found]:
            raise RuntimeError(f"nbgrader's formgrader no longer routes {', '.join(missing)}: the audit of grades would be lost")
        routes = [*nbgrader_handlers.default_handlers,
                  *[(rule[0], AUDITED_HANDLERS.get(rule[1], REFUSED_HANDLERS.get(rule[1], rule[1])), *rule[2:])
                    for rule in apihandlers.default_handlers],
                  (r"/formgrader/static/(.*)", web.StaticFileHandler, {"path": nbgrader_handlers.static_path}),
                  (r"/formgrader/.*", nbgrader_handlers.Template404)]
        base = webapp.settings["base_url"]
        webapp.add_handlers(".*$", [(url_path_join(base, rule[0].lstrip("/")), *rule[1:]) for rule in routes])


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "salesacademy.formgrader"}]


def _load_jupyter_server_extension(server_app) -> None:
    """Set up the formgrader as nbgrader's `load_jupyter_server_extension` does, with `AcademyFormgrader`."""
    formgrader = AcademyFormgrader(parent=server_app)
    formgrader.root_dir = server_app.root_dir
    formgrader.log = server_app.log
    formgrader.initialize([])
    formgrader.init_tornado_settings(server_app.web_app)
    formgrader.init_handlers(server_app.web_app)
