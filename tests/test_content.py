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
