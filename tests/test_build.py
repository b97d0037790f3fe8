import jupytext
import pytest

from salesacademy import build

SOURCE = '''# %% [markdown] lang="zh"
# 题目
# %% [markdown] lang="en"
# Question
# %%
import pandas as pd
label = "标签"  # [zh]
label = "label"  # [en]
# [zh] 中文注释
# [en] an English comment
# %% solution="total"
def total(frame):
    ### BEGIN SOLUTION
    return frame.amount.sum()
    ### END SOLUTION
# %% mistake="total" name="counts-rows"
def total(frame):
    return len(frame)
# %% test="total" points=3
assert total(pd.DataFrame({"amount": [1, 2]})) == 3
# %% [markdown] written="why" points=2
# YOUR ANSWER HERE
'''


@pytest.fixture
def source():
    return jupytext.reads(SOURCE, fmt="py:percent")


@pytest.mark.parametrize(("language", "kept", "dropped"), [("zh-CN", "题目", "Question"), ("en", "Question", "题目")])
def test_language_selection_keeps_one_language(source, language, kept, dropped):
    nb = build.build_notebook(source, language=language)
    text = "\n".join(cell.source for cell in nb.cells)
    assert kept in text and dropped not in text
    assert "[zh]" not in text and "[en]" not in text


def test_tagged_code_lines_become_plain_lines(source):
    code = build.build_notebook(source, language="en").cells[1].source
    assert 'label = "label"' in code and "标签" not in code
    assert "# an English comment" in code and "中文注释" not in code


def test_mistakes_never_reach_learners(source):
    nb = build.build_notebook(source, language="en")
    assert not any("len(frame)" in cell.source for cell in nb.cells)


def test_nbgrader_metadata(source):
    cells = build.build_notebook(source, language="en").cells
    meta = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"] for c in cells}
    assert meta["total-answer"]["solution"] and not meta["total-answer"]["grade"] and not meta["total-answer"]["locked"]
    assert meta["total"]["grade"] and meta["total"]["locked"] and meta["total"]["points"] == 3
    assert meta["why"]["grade"] and meta["why"]["solution"] and meta["why"]["points"] == 2
    # everything else in a graded notebook is locked, so grading restores it
    others = [m for gid, m in meta.items() if gid.startswith("cell-")]
    assert others and all(m["locked"] and not m["grade"] for m in others)
    assert all(set(c.metadata) == {"nbgrader"} for c in cells)


def test_items_carry_reference_and_mistakes(source):
    items = build.items(source, notebook="exercise", language="en")
    assert [(i.id, i.kind, i.points) for i in items] == [("total", "code", 3.0), ("why", "written", 2.0)]
    assert "### BEGIN SOLUTION" not in items[0].reference and "frame.amount.sum()" in items[0].reference
    assert items[0].mistakes == {"counts-rows": "def total(frame):\n    return len(frame)"}
    assert items[0].answer_cell == "total-answer" and items[1].answer_cell == "why"


def test_test_without_solution_is_an_error():
    nb = jupytext.reads('# %% test="lonely" points=1\nassert answer == 42\n', fmt="py:percent")
    with pytest.raises(Exception, match="no solution cell"):
        build.items(nb, notebook="exercise", language="en")


def test_frontline_staff_see_the_code_folded_and_analysts_see_it():
    """In a converted module, every code cell of the frontline build is folded, except the answer cells; none is for analysts."""
    from salesacademy.config import bundled_content
    from salesacademy.curriculum import Version, load_curriculum
    from salesacademy.release import build_target

    content = bundled_content()
    curriculum = load_curriculum(content)
    module = curriculum.module("03-suitability")
    for name in module.notebooks:
        source = build.read_source(module.folder(content) / f"{name}.py")
        built = {track: build.build_notebook(source, language="zh-CN", target=build_target(curriculum, module, Version(module.id, track, "zh-CN"), content))
                 for track in ("frontline", "analyst")}
        folded = lambda nb: [c.metadata.get("jupyter", {}).get("source_hidden", False) for c in nb.cells if c.cell_type == "code"]  # noqa: E731
        answers = [c for c in built["frontline"].cells if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "code"]
        assert all(not c.metadata.get("jupyter", {}).get("source_hidden") for c in answers), "answer cells stay open for typing"
        assert sum(folded(built["frontline"])) == len(folded(built["frontline"])) - len(answers) > 0
        assert not any(folded(built["analyst"]))
