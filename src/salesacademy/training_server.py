"""The server side of the My training panel: a Jupyter server extension for one staff member's session.

`academy lab --role staff` starts JupyterLab with this extension and, in the
server's settings, the instance and the employee (``academy``). The panel
(``src/labextension``) calls:

=====================================  ===============================================
``GET  /academy/training``             the employee's language, the panel's texts and
                                       their modules (`training.my_training`)
``POST /academy/training/fetch``       fetch their version of a module (`staff.fetch`)
``POST /academy/training/submit``      submit it; past the due date only once the
                                       learner has confirmed (``late_ok``)
``POST /academy/training/validate``    check a saved notebook per question
``POST /academy/training/feedback``    fetch released feedback; the page to open
=====================================  ===============================================

Every answer is JSON; a refusal is ``{"error": sentence}`` in the learner's
language, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web

from . import staff, training
from .config import load_config
from .config import today as course_today
from .errors import AcademyError


class _Handler(APIHandler):
    @property
    def instance(self) -> Path:
        return Path(self.settings["academy"]["instance"])

    @property
    def employee_id(self) -> str:
        return self.settings["academy"]["employee"]

    def text(self) -> dict:
        return training.labels(self.settings["academy"]["language"])

    def refuse(self, reason: str, status: int = 400) -> None:
        self.set_status(status)
        self.finish(json.dumps({"error": self.text()["error"].format(reason=reason)}, ensure_ascii=False))

    def body(self) -> dict:
        try:
            data = json.loads(self.request.body or b"{}")
        except json.JSONDecodeError:
            raise web.HTTPError(400, "the request is not JSON") from None
        return data if isinstance(data, dict) else {}

    async def run(self, function, /, **kwargs):
        """Run `function` (files, the gradebook, kernels) off the server's event loop."""
        return await asyncio.get_running_loop().run_in_executor(None, lambda: function(**kwargs))


class TrainingHandler(_Handler):
    @web.authenticated
    async def get(self) -> None:
        try:
            language, modules = await self.run(training.my_training, instance=self.instance, employee_id=self.employee_id)
        except AcademyError as exc:
            return self.refuse(str(exc))
        self.finish(json.dumps({"language": language, "labels": training.labels(language), "today": course_today(load_config(self.instance)[0]).isoformat(),
                                "modules": [m.as_json() for m in modules]}, ensure_ascii=False))


class FetchHandler(_Handler):
    @web.authenticated
    async def post(self) -> None:
        module_id = str(self.body().get("module_id", ""))
        try:
            folder = await self.run(staff.fetch, instance=self.instance, employee_id=self.employee_id, module_id=module_id)
        except AcademyError as exc:
            return self.refuse(str(exc))
        self.finish(json.dumps({"folder": folder.name}))


class SubmitHandler(_Handler):
    @web.authenticated
    async def post(self) -> None:
        data = self.body()
        try:
            outcome = await self.run(training.submit, instance=self.instance, employee_id=self.employee_id,
                                     module_id=str(data.get("module_id", "")), late_ok=bool(data.get("late_ok")))
        except AcademyError as exc:
            return self.refuse(str(exc))
        if not outcome.done:
            self.set_status(409)  # the panel asks the learner, then sends late_ok
            return self.finish(json.dumps({"late": outcome.message}, ensure_ascii=False))
        self.finish(json.dumps({"message": outcome.message}, ensure_ascii=False))


class ValidateHandler(_Handler):
    @web.authenticated
    async def post(self) -> None:
        home = staff_home(self.instance, self.employee_id)
        path = (home / str(self.body().get("path", ""))).resolve()
        if home.resolve() not in path.parents or path.suffix != ".ipynb" or not path.is_file():
            return self.refuse(self.text()["not_fetched"])
        checks = await self.run(training.validate, notebook=path, language=self.settings["academy"]["language"])
        text = self.text()
        failing = [c for c in checks if not c.ok]
        summary = text["validate_ok"] if not failing else text["validate_some"].format(count=len(failing))
        self.finish(json.dumps({"title": text["validate_title"], "summary": summary, "ok": not failing,
                                "problems": [c.message for c in failing]}, ensure_ascii=False))


class FeedbackHandler(_Handler):
    @web.authenticated
    async def post(self) -> None:
        module_id = str(self.body().get("module_id", ""))
        try:
            page = await self.run(staff.fetch_feedback, instance=self.instance, employee_id=self.employee_id, module_id=module_id)
        except AcademyError as exc:
            return self.refuse(str(exc))
        if page is None:
            return self.refuse(self.text()["no_feedback"], status=404)
        self.finish(json.dumps({"path": str(page.relative_to(staff_home(self.instance, self.employee_id)))}))


def staff_home(instance: Path, employee_id: str) -> Path:
    from .config import load_config

    _, paths = load_config(instance)
    return paths.home(employee_id)


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "salesacademy.training_server"}]


def _load_jupyter_server_extension(server_app) -> None:
    web_app = server_app.web_app
    base = url_path_join(web_app.settings["base_url"], "academy", "training")
    web_app.add_handlers(".*$", [
        (base, TrainingHandler),
        (url_path_join(base, "fetch"), FetchHandler),
        (url_path_join(base, "submit"), SubmitHandler),
        (url_path_join(base, "validate"), ValidateHandler),
        (url_path_join(base, "feedback"), FeedbackHandler),
    ])
