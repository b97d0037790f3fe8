"""Grade answer variants of a module in memory, without nbgrader, for fast content checks.

The built source notebook (with hidden tests) is run once per variant with the
chosen answers typed into the answer cells; an item earns its points when its
test cell raises no error and writes nothing to stderr, as nbgrader decides.
"""

from __future__ import annotations

from pathlib import Path

import nbclient

from salesacademy import answers, build


def run_variant(folder: Path, notebook: str, key: answers.AnswerKey, choices: dict[str, str], *, language: str) -> dict[str, float]:
    """Points per auto-graded item for one set of answers (item id -> variant)."""
    source = build.build_notebook(build.read_source(folder / f"{notebook}.py"), language=language)
    for cell in source.cells:  # the learner's view: solution regions replaced by the answer typed in
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        item = next((i for i in key.items if i.answer_cell == grade_id and i.kind == "code"), None)
        if item is not None:
            variant = choices.get(item.id, answers.BLANK)
            cell.source = key.texts[(item.id, variant)] if variant != answers.BLANK else "raise NotImplementedError()"
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
    """python tests/itemcheck.py course/03-suitability [zh-CN|en]: run lessons, then every answer variant."""
    folder = Path(argv[1]).resolve()
    language = argv[2] if len(argv) > 2 else "en"
    content = folder.parents[1]
    for source in sorted(folder.glob("*.py")):
        if source.stem != "exercise":
            run_lesson(folder, source.stem, language=language)
            print(f"{source.stem}: executed without error in {language}")
    key = answers.answer_key(content=content, module_id=folder.name, folder=folder, notebook="exercise", language=language)
    code_items = [i for i in key.items if i.kind == "code"]
    print("reference", run_variant(folder, "exercise", key, {i.id: answers.REFERENCE for i in code_items}, language=language))
    print("blank    ", run_variant(folder, "exercise", key, {}, language=language))
    for item in code_items:
        for variant in key.variants(item.id):
            if variant.startswith("mistake:"):
                choices = {i.id: answers.REFERENCE for i in code_items} | {item.id: variant}
                print(f"{item.id} {variant}", run_variant(folder, "exercise", key, choices, language=language)[item.id], "of", item.points)


def run_lesson(folder: Path, notebook: str, *, language: str) -> nbclient.NotebookClient:
    """Execute a built lesson top to bottom; raises nbclient's CellExecutionError on the first error."""
    nb = build.build_notebook(build.read_source(folder / f"{notebook}.py"), language=language)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


if __name__ == "__main__":
    import sys

    main(sys.argv)
