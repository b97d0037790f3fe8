"""Every lesson and case narrative builds in both languages and runs top to bottom without error."""

import nbclient
import pytest

from salesacademy import build
from salesacademy.config import bundled_content
from salesacademy.curriculum import load_curriculum
from salesacademy.kernel import KERNEL_NAME, ensure_kernelspec

pytestmark = pytest.mark.slow
CONTENT = bundled_content()
CURRICULUM = load_curriculum(CONTENT)
LESSONS = [(m, nb) for m in CURRICULUM.modules for nb in m.notebooks if nb != m.graded]


@pytest.mark.parametrize("language", ["zh-CN", "en"])
@pytest.mark.parametrize(("module", "notebook"), LESSONS, ids=[f"{m.id}/{n}" for m, n in LESSONS])
def test_lesson_executes(module, notebook, language):
    ensure_kernelspec()
    nb = build.build_notebook(build.read_source(module.folder(CONTENT) / f"{notebook}.py"), language=language)
    nbclient.NotebookClient(nb, timeout=120, kernel_name=KERNEL_NAME, resources={"metadata": {"path": str(module.folder(CONTENT))}}).execute()
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert images, "a lesson shows at least one chart"
