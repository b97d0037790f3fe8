"""Every learner-facing text of every module and case exists in both languages."""

import io
import re
import tokenize

import pytest

from salesacademy import build
from salesacademy.config import bundled_content
from salesacademy.curriculum import Version, load_curriculum
from salesacademy.itembank import BANK_FILE, load_bank
from salesacademy.release import build_target
from salesacademy.rubrics import load_rubric

CONTENT = bundled_content()
CURRICULUM = load_curriculum(CONTENT)
SOURCES = [(m, nb) for m in CURRICULUM.modules for nb in m.notebooks]
CJK = re.compile(r"[\u4e00-\u9fff]")


def comments(code: str) -> list[str]:
    """The comments of a code cell (Chinese data in strings is fine; Chinese comments need a tag)."""
    try:
        return [t.string for t in tokenize.generate_tokens(io.StringIO(code).readline) if t.type == tokenize.COMMENT]
    except (tokenize.TokenError, IndentationError):
        return [line for line in code.splitlines() if line.lstrip().startswith("#")]


def source_of(module, notebook):
    return build.read_source(module.folder(CONTENT) / f"{notebook}.py")


@pytest.mark.parametrize(("module", "notebook"), SOURCES, ids=[f"{m.id}/{n}" for m, n in SOURCES])
def test_prose_comes_in_language_pairs(module, notebook):
    cells = source_of(module, notebook).cells
    prose = [c for c in cells if c.cell_type == "markdown" and "written" not in c.metadata]
    assert prose, "a notebook without prose"
    for cell in prose:
        assert cell.metadata.get("lang") in ("zh", "en"), f"markdown cell without lang: {cell.source[:60]!r}"
    for index, cell in enumerate(cells):
        if cell.metadata.get("lang") == "zh":
            partner = cells[index + 1] if index + 1 < len(cells) else None
            assert partner is not None and partner.metadata.get("lang") == "en", f"zh cell without an en partner: {cell.source[:60]!r}"
            assert CJK.search(cell.source), f"zh cell has no Chinese: {cell.source[:60]!r}"
        if cell.metadata.get("lang") == "en":
            assert index > 0 and cells[index - 1].metadata.get("lang") == "zh", f"en cell without a zh partner: {cell.source[:60]!r}"
            # English prose may quote a Chinese name (原油宝), but is written in English
            assert len(CJK.findall(cell.source)) < 0.05 * len(re.findall(r"[A-Za-z]", cell.source)), f"Chinese prose in an en cell: {cell.source[:60]!r}"


@pytest.mark.parametrize(("module", "notebook"), SOURCES, ids=[f"{m.id}/{n}" for m, n in SOURCES])
def test_code_text_is_tagged_in_both_languages(module, notebook):
    for cell in source_of(module, notebook).cells:
        if cell.cell_type != "code" or "mistake" in cell.metadata:
            continue
        lines = cell.source.split("\n")
        zh = [line for line in lines if re.search(r"#\s*\[zh\]", line)]
        en = [line for line in lines if re.search(r"#\s*\[en\]", line)]
        assert len(zh) == len(en), f"{len(zh)} zh-tagged lines but {len(en)} en-tagged in: {cell.source[:80]!r}"
        for comment in comments(cell.source):
            if CJK.search(comment):
                assert re.match(r"#\s*\[zh\]", comment) or re.search(r"#\s*\[zh\]", comment), f"Chinese comment not tagged [zh]: {comment!r}"


def track_items(module, track):
    """The graded items of `module` on `track`, as the release builds them."""
    version = Version(module.id, track, "en")
    target = build_target(CURRICULUM, module, version, CONTENT)
    return build.items(source_of(module, module.graded), notebook=module.graded, language="en", target=target)


VERSIONS = [(m, track) for m in CURRICULUM.modules for track in CURRICULUM.tracks_of(m)]
VERSION_IDS = [f"{m.id}.{track}" for m, track in VERSIONS]
CONVERTED = [m for m in CURRICULUM.modules if (m.folder(CONTENT) / BANK_FILE).is_file()]


@pytest.mark.parametrize(("module", "track"), VERSIONS, ids=VERSION_IDS)
def test_rubrics_cover_written_items_in_both_languages(module, track):
    written = [i.id for i in track_items(module, track) if i.kind == "written"]
    assert written, "every module has at least one written answer on every track"
    rubric = load_rubric(CONTENT, module.id, expect=written)
    for entry in rubric.items.values():  # Text fields refuse empty strings, so both exist; check the script
        for text in [*entry.samples.values(), *entry.criteria.values(), *(level for c in entry.criteria.values() for level in c.levels)]:
            assert CJK.search(text.zh) and not CJK.search(text.en.replace("“", ""))


@pytest.mark.parametrize(("module", "track"), VERSIONS, ids=VERSION_IDS)
def test_every_track_carries_the_points_the_curriculum_gives_it(module, track):
    items = track_items(module, track)
    assert len(items) >= 4
    assert sum(i.points for i in items) == CURRICULUM.points(module, track)


@pytest.mark.parametrize("module", [m for m in CURRICULUM.modules], ids=[m.id for m in CURRICULUM.modules])
def test_the_analyst_exercise_meets_the_item_mix(module):
    source = source_of(module, module.graded)
    items = track_items(module, "analyst")
    code = [i for i in items if i.kind == "code"]
    assert len(code) >= 2
    assert all(i.mistakes for i in code), "every auto-graded item needs a typical mistake"
    assert any("### BEGIN HIDDEN TESTS" in c.source for c in source.cells if "test" in c.metadata)


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_a_converted_frontline_exercise_asks_for_judgement_and_no_code(module):
    """No item asks for code; at least 70% of the points are judgement: questions and written answers."""
    items = track_items(module, "frontline")
    assert not [i.id for i in items if i.kind == "code"]
    judgement = sum(i.points for i in items if i.kind in ("choice", "number", "text", "written"))
    assert judgement >= 0.7 * sum(i.points for i in items)
    assert len([i for i in items if i.kind in ("choice", "number", "text")]) >= 3


@pytest.mark.parametrize("module", CONVERTED, ids=[m.id for m in CONVERTED])
def test_every_question_of_a_bank_has_three_variants_and_a_reason_for_every_answer(module):
    bank = load_bank(module.folder(CONTENT), tracks=list(CURRICULUM.tracks))
    for item, question in bank.questions.items():
        assert len(question.variants) >= 3, item
        for variant in question.variants:
            reasons = [option.why for option in variant.options] or [variant.why]
            for reason in reasons:
                assert CJK.search(reason.zh) and not CJK.search(reason.en), (item, reason)
            texts = [variant.question, *variant.options]
            assert all(CJK.search(t.zh) and len(CJK.findall(t.en)) == 0 for t in texts), item


def test_the_figures_of_the_suitability_number_question_are_the_datas():
    """Each variant of 03's elderly-count names a branch; its answer is that branch's count in the table the exercise shows."""
    from salesacademy import bankdata

    bank = bankdata.load(seed=7)
    sales, customers, products = bank.sales, bank.customers, bank.products
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    level = sales.product_id.map(products.set_index("product_id").risk_level.str[1].astype(int))
    counts = sales[(age >= 65) & (level >= 4)].branch_id.value_counts()
    names = dict(zip(bankdata.BRANCHES.name_zh, bankdata.BRANCHES.branch_id))
    question = load_bank(CONTENT / "course" / "03-suitability", tracks=list(CURRICULUM.tracks)).questions["elderly-count"]
    for variant in question.variants:
        (branch,) = [branch_id for name, branch_id in names.items() if name in variant.question.zh]
        assert variant.answer == counts[branch], variant.question.zh


def test_the_figures_of_the_minibonds_number_question_are_the_datas():
    """Each variant of c05's unrecorded-count names a branch; its answer is that branch's count of in-branch note
    sales to customers aged 65 and over without a recording, in the table the frontline exercise shows."""
    from salesacademy import bankdata
    from salesacademy.casedata import minibonds_elderly

    tables = minibonds_elderly.load(seed=7)
    sales, customers, products = tables["sales"], tables["customers"], tables["products"]
    age = sales.customer_id.map(customers.set_index("customer_id").age)
    kind = sales.product_id.map(products.set_index("product_id").type)
    chosen = sales[(kind == "structured_note") & (age >= 65) & sales.location.isin(["deposit_counter", "sales_zone"])]
    counts = chosen[chosen.recording_id.isna()].branch_id.value_counts()
    names = dict(zip(bankdata.BRANCHES.name_zh, bankdata.BRANCHES.branch_id))
    english = dict(zip(bankdata.BRANCHES.name_en, bankdata.BRANCHES.branch_id))
    question = load_bank(CONTENT / "cases" / "c05-minibonds-elderly", tracks=list(CURRICULUM.tracks)).questions["unrecorded-count"]
    for variant in question.variants:
        (branch,) = [branch_id for name, branch_id in names.items() if name in variant.question.zh]
        assert [branch_id for name, branch_id in english.items() if name in variant.question.en] == [branch], variant.question.en
        assert variant.answer == counts[branch], variant.question.zh


@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_the_frontline_table_of_01_counts_the_opportunities_that_skipped_each_step(language):
    """The first table 01's frontline exercise runs for the learner, checked against the CRM log opportunity by
    opportunity; the skipped-step answers are read from its last column."""
    from salesacademy import bankdata

    module = CURRICULUM.module("01-sales-process")
    target = build_target(CURRICULUM, module, Version(module.id, "frontline", language), CONTENT)
    nb = build.build_notebook(source_of(module, "exercise"), language=language, target=target)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code" and cell.metadata["nbgrader"]["locked"]]
    namespace = {}
    for source in code[1:code.index(next(c for c in code if "by_step" in c)) + 1]:  # after setup(), to the table
        exec(source, namespace)
    table = namespace["by_step"]

    events = bankdata.load(seed=7).crm_events
    steps_of = {opportunity: set(group.step) for opportunity, group in events.groupby("opportunity_id")}
    closed = {opportunity for opportunity, steps in steps_of.items() if "closing" in steps}
    expected = [[sum(step not in steps for steps in steps_of.values()), sum(step not in steps_of[o] for o in closed)]
                for step in bankdata.PROCESS_STEPS]
    expected.append([sum(len(set(bankdata.PROCESS_STEPS) - steps) > 0 for steps in steps_of.values()),
                     sum(len(set(bankdata.PROCESS_STEPS) - steps_of[o]) > 0 for o in closed)])
    assert table.to_numpy().tolist() == expected
    assert len(table.index) == len(bankdata.PROCESS_STEPS) + 1 and not any(step in table.index for step in bankdata.PROCESS_STEPS)

    # Three variants ask how many closed without one step; the fourth, how many lack any step at all.
    read_from_the_table = {"风险测评": expected[2][1], "需求分析": expected[1][1], "售后服务": expected[5][1], "至少缺少一个": expected[6][0]}
    question = load_bank(module.folder(CONTENT), tracks=list(CURRICULUM.tracks)).questions["skipped-step"]
    for variant in question.variants:
        (answer,) = [figure for name, figure in read_from_the_table.items() if name in variant.question.zh]
        assert variant.answer == answer, variant.question.zh


# Calls whose text arguments a learner reads: printed sentences, chart titles and labels.
SHOWN_CALLS = {"print", "title", "set_title", "suptitle", "xlabel", "ylabel", "set_xlabel", "set_ylabel", "text", "annotate"}
HIDDEN_TESTS = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.DOTALL)


def _text(node) -> str:
    """The literal text of a string or f-string node ('' for anything else)."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return ""


def shown_texts(code: str) -> list[str]:
    """The messages a learner can see from a code cell: assert and raise messages, printed text, chart labels."""
    import ast

    code = HIDDEN_TESTS.sub("", code)
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith(("%", "!")))
    texts = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Assert) and node.msg is not None:
            texts.append(_text(node.msg))
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            texts += [_text(a) for a in node.exc.args]
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in SHOWN_CALLS:
                texts += [_text(a) for a in node.args]
            texts += [_text(k.value) for k in node.keywords if k.arg in ("label", "title", "xlabel", "ylabel")]
    return [t for t in texts if re.search(r"[A-Za-z\u4e00-\u9fff]", t)]


def wrong_language(text: str, language: str) -> bool:
    """Whether `text` shown to a reader of `language` is in the other one (names of columns may be Latin)."""
    if language.startswith("zh"):
        return bool(re.search(r"[A-Za-z]{3,}", text)) and not CJK.search(text)
    return len(CJK.findall(text)) > 0.05 * len(re.findall(r"[A-Za-z]", text))


BUILDS = [(m, nb, track) for m in CURRICULUM.modules for nb in m.notebooks for track in CURRICULUM.tracks_of(m)]


@pytest.mark.parametrize(("module", "notebook", "track"), BUILDS, ids=[f"{m.id}/{nb}.{t}" for m, nb, t in BUILDS])
@pytest.mark.parametrize("language", ["zh-CN", "en"])
def test_every_message_a_learner_sees_is_in_their_language(module, notebook, track, language):
    target = build_target(CURRICULUM, module, Version(module.id, track, language), CONTENT)
    nb = build.build_notebook(source_of(module, notebook), language=language, target=target)
    wrong = [text for cell in nb.cells if cell.cell_type == "code" for text in shown_texts(cell.source) if wrong_language(text, language)]
    assert not wrong, f"{len(wrong)} message(s) in the wrong language, first: {wrong[0]!r}"


@pytest.mark.parametrize(("code", "language", "wrong"), [
    ('assert x == 1, "return one row per sale"', "zh-CN", True),
    ('assert x == 1, "请返回每笔销售一行（sale_id）"', "zh-CN", False),
    ('assert x == 1, "请返回每笔销售一行"', "en", True),
    ('print(f"{n} sales were unrecorded")', "zh-CN", True),
    ('ax.set_title("未录音的销售")', "en", True),
    ('raise ValueError("no such branch")', "zh-CN", True),
    ('### BEGIN HIDDEN TESTS\nassert x == 1, "hidden"\n### END HIDDEN TESTS', "zh-CN", False),
    ('ax.plot(x, y, label="B01")', "zh-CN", False),
])
def test_the_language_check_sees_what_a_learner_sees(code, language, wrong):
    assert any(wrong_language(t, language) for t in shown_texts(code)) == wrong


def _guess_pass_rate(module) -> float:
    """The chance that a frontline employee who guesses every choice question, leaves number and text
    questions wrong and writes the rubric's weak answer still reaches the pass mark (exact, by enumeration)."""
    items = track_items(module, "frontline")
    bank = load_bank(module.folder(CONTENT), tracks=list(CURRICULUM.tracks))
    written = [i.id for i in items if i.kind == "written"]
    rubric = load_rubric(CONTENT, module.id, expect=written)
    floor = sum(rubric.items[i].score("weak") for i in written)
    chances = {0.0: 1.0}  # points from choice questions -> probability
    for item in items:
        if item.kind != "choice":
            continue
        question = bank.questions[item.id]
        right = sum(1 / len(v.options) for v in question.variants) / len(question.variants)
        spread: dict[float, float] = {}
        for points, p in chances.items():
            spread[points + item.points] = spread.get(points + item.points, 0) + p * right
            spread[points] = spread.get(points, 0) + p * (1 - right)
        chances = spread
    needed = CURRICULUM.pass_mark(module) * CURRICULUM.points(module, "frontline")
    return sum(p for points, p in chances.items() if floor + points >= needed - 1e-9)


def test_a_frontline_employee_who_guesses_fails_almost_every_converted_module(capsys):
    rates = {m.id: _guess_pass_rate(m) for m in CONVERTED}
    with capsys.disabled():
        print("\nchance that guessing passes, per frontline module:", {k: round(v, 4) for k, v in rates.items()},
              f"mean {sum(rates.values()) / len(rates):.2%}")
    assert all(rate < 0.05 for rate in rates.values()), {k: v for k, v in rates.items() if v >= 0.05}


def test_a_rubric_without_levels_or_scored_samples_is_refused(tmp_path):
    from salesacademy.errors import AcademyError

    good = (CONTENT / "graders" / "rubrics" / "c05-minibonds-elderly.yml").read_text(encoding="utf-8")
    folder = tmp_path / "graders" / "rubrics"
    folder.mkdir(parents=True)
    broken = {
        "levels": re.sub(r"(?s)        levels:\n.*?(?=\n      [a-z-]+:\n|\n    samples:)", "", good, count=1),
        "samples": good[: good.index("    samples:")],
        "scores": good.replace("        scores: {root-cause: 0.5, point-of-sale-controls: 0.5, monitoring: 0.5, first-month: 0.5}\n", "", 1),
        "order": good.replace("scores: {root-cause: 0.5, point-of-sale-controls: 0.5, monitoring: 0, first-month: 0}",
                              "scores: {root-cause: 1, point-of-sale-controls: 1, monitoring: 1, first-month: 0.5}"),
    }
    for what, text in broken.items():
        assert text != good, what
        (folder / "c05-minibonds-elderly.yml").write_text(text, encoding="utf-8")
        with pytest.raises(AcademyError, match="c05-minibonds-elderly.yml"):
            load_rubric(tmp_path, "c05-minibonds-elderly")
    (folder / "c05-minibonds-elderly.yml").write_text(good, encoding="utf-8")
    assert load_rubric(tmp_path, "c05-minibonds-elderly").items["new-branch-manager"].score("middling") == 2


def test_every_area_of_the_subject_is_taught_by_a_module_with_graded_items():
    assert len(CURRICULUM.areas) == 12
    for area in CURRICULUM.areas:
        modules = [m for m in CURRICULUM.modules if area in m.areas]
        assert modules, f"no module covers {area}"
        assert any(track_items(m, track) for m in modules for track in CURRICULUM.tracks_of(m)), area


def test_the_course_readme_shows_the_curriculums_map_of_areas():
    text = (CONTENT / "course" / "README.md").read_text(encoding="utf-8")
    shown = {area: re.findall(r"`([\w-]+)`", modules) for area, modules in re.findall(r"^\| [^|`]+\(`(\w+)`\) \| (.+) \|$", text, re.MULTILINE)}
    assert shown == {area: [m.id for m in CURRICULUM.modules if area in m.areas] for area in CURRICULUM.areas}
