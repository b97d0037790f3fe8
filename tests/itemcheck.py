"""Grade answer variants of a module in memory, without nbgrader, for fast content checks.

The built source notebook of each track (with hidden tests) is run once per
set of answers, typed into the answer cells and bound to one employee as the
grader binds them; an item earns its points when its test cell raises no
error and writes nothing to stderr, as nbgrader decides.
"""

from __future__ import annotations

from pathlib import Path

import nbclient

from salesacademy import answers, build
from salesacademy.binding import bind_notebook
from salesacademy.curriculum import Version, load_curriculum
from salesacademy.release import build_target

EMPLOYEE = "E-CHECK"


def built(folder: Path, notebook: str, *, language: str, track: str):
    content = folder.parents[1]
    curriculum = load_curriculum(content)
    module = curriculum.module(folder.name)
    target = build_target(curriculum, module, Version(module.id, track, language), content)
    return build.build_notebook(build.read_source(folder / f"{notebook}.py"), language=language, target=target)


def run_variant(folder: Path, notebook: str, key: answers.AnswerKey, choices: dict[str, str], *, language: str, track: str) -> dict[str, float]:
    """Points per auto-graded item for one set of answers (item id -> variant)."""
    source = built(folder, notebook, language=language, track=track)
    for cell in source.cells:  # the learner's view: solution regions replaced by the answer typed in
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        item = next((i for i in key.items if i.answer_cell == grade_id and i.kind != "written"), None)
        if item is None:
            continue
        variant = choices.get(item.id, answers.BLANK)
        if item.kind == "code":
            cell.source = key.texts[(item.id, variant)] if variant != answers.BLANK else "raise NotImplementedError()"
        else:
            cell.source = f"%%answer {item.id}\n" + (key.text(item.id, variant, EMPLOYEE) if variant != answers.BLANK else "")
    bind_notebook(source, employee_id=EMPLOYEE, codeless=track == "frontline")
    client = nbclient.NotebookClient(source, timeout=120, allow_errors=True, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    client.execute()
    scores = {}
    for cell in source.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("grade") and cell.cell_type == "code":
            failed = any(o.output_type == "error" or (o.output_type == "stream" and o.name == "stderr") for o in cell.outputs)
            scores[meta["grade_id"]] = 0.0 if failed else float(meta["points"])
    return scores


def main(argv: list[str]) -> None:
    """python tests/itemcheck.py course/03-suitability [zh-CN|en]: run lessons, then every answer variant on every track."""
    folder = Path(argv[1]).resolve()
    language = argv[2] if len(argv) > 2 else "en"
    content = folder.parents[1]
    curriculum = load_curriculum(content)
    module = curriculum.module(folder.name)
    for track in curriculum.tracks_of(module):
        for name in module.notebooks:
            if name != module.graded:
                run_lesson(folder, name, language=language, track=track)
                print(f"{track} {name}: executed without error in {language}")
        key = answers.answer_key(content=content, module_id=folder.name, folder=folder, notebook=module.graded, language=language, track=track)
        auto = [i for i in key.items if i.kind != "written"]
        print(f"{track} reference", run_variant(folder, module.graded, key, {i.id: answers.REFERENCE for i in auto}, language=language, track=track))
        print(f"{track} blank    ", run_variant(folder, module.graded, key, {}, language=language, track=track))
        for item in auto:
            for variant in key.variants(item.id):
                if variant.startswith("mistake:"):
                    choices = {i.id: answers.REFERENCE for i in auto} | {item.id: variant}
                    got = run_variant(folder, module.graded, key, choices, language=language, track=track)[item.id]
                    print(f"{track} {item.id} {variant}", got, "of", item.points)


def run_lesson(folder: Path, notebook: str, *, language: str, track: str = "analyst") -> nbclient.NotebookClient:
    """Execute a built lesson top to bottom; raises nbclient's CellExecutionError on the first error."""
    nb = built(folder, notebook, language=language, track=track)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


if __name__ == "__main__":
    import sys

    main(sys.argv)
