"""The course states facts as `shared/domain/facts.md` gives them, under its corrections of 2026-12.

Every text a learner or trainer reads is checked: lessons, cases, exercises,
question banks, rubrics and the case datasets' dictionaries.
"""

import re
from pathlib import Path

import pytest

from salesacademy.config import bundled_content

CONTENT = bundled_content()
SOURCES = sorted(
    [*CONTENT.glob("course/*/*.py"), *CONTENT.glob("cases/*/*.py"), *CONTENT.glob("course/*/questions.yml"),
     *CONTENT.glob("cases/*/questions.yml"), *CONTENT.glob("graders/rubrics/*.yml"),
     *Path(__file__).parents[1].glob("src/salesacademy/casedata/*.py"), Path(__file__).parents[1] / "src/salesacademy/bankdata.py"]
)

# (what is wrong, pattern that finds it)
WRONG = [
    ("the Minsheng branch is 航天桥支行", re.compile(r"航天支行")),
    ("the Minsheng branch is Hangtianqiao", re.compile(r"Hangtian(?!qiao)")),
    ("the regulator before 2023 is 原银保监会 / 原银监会", re.compile(r"(?<!原)(?<!原北京)(中国)?银保?监(会|局)(?!令)")),
    ("the regulator before 2023 is the former CBIRC / CBRC", re.compile(r"(?<!former )(?<!then )(?<!former Beijing )(?<!then Beijing )(?<!office of the )(?<!basis of the )\bCBI?RC\b(?! Order)")),
    ("在管理报表中监测, not 在管理信息中关注", re.compile(r"在管理信息中关注")),
    ("合规关口, not 合规闸门", re.compile(r"合规闸门")),
    ("模型推荐名单 (NBO), not 下一最佳产品", re.compile(r"下一最佳产品")),
    ("持仓, not 头寸", re.compile(r"头寸")),
    ("人·月, not 客户经理·月", re.compile(r"客户经理·月")),
    ("门槛上方集中度, not 扎堆比", re.compile(r"扎堆比")),
]
ORDER_2011 = re.compile(r"2011\s*年\s*第\s*5\s*号|2011 No\.? ?5|2011 年的《商业银行理财产品销售管理办法》|2011 measures")
HISTORY = re.compile(r"历史|最早|由来|已被|取代|不再|first|superseded|no longer|origin|histor", re.IGNORECASE)
LLOYDS = re.compile(r"Lloyds|劳埃德")
FINE_2013 = re.compile(r"28\.0|2,?800 万|2800万|Final Notice|最终通知")
NOT_PPI = re.compile(r"not PPI|not about PPI|不是 ?PPI|并非 ?PPI|不属于 ?PPI|而非 ?PPI|与 ?PPI ?(无关|不同)|beside PPI|保障和投资|protection and investment")


def paragraphs(path: Path) -> list[str]:
    """The file as paragraphs: blocks between blank lines (and between cells)."""
    text = path.read_text(encoding="utf-8")
    return [p for p in re.split(r"\n\s*#?\s*\n|\n# %%", text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；！？])|(?<=[.;!?])\s", paragraph) if s.strip()]


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(p.parents[2])) for p in SOURCES])
def test_no_corrected_fact_or_term_comes_back(path):
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        found += [f"line {number}: {what}: {line.strip()[:90]}" for what, pattern in WRONG if pattern.search(line)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(p.parents[2])) for p in SOURCES])
def test_the_2011_sales_order_is_cited_as_history_never_as_the_rule_in_force(path):
    wrong = [p.strip()[:120] for p in paragraphs(path) if ORDER_2011.search(p) and not HISTORY.search(p)]
    assert not wrong, wrong


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(p.parents[2])) for p in SOURCES])
def test_lloyds_2013_notice_is_never_filed_under_ppi(path):
    wrong = [s.strip()[:120] for p in paragraphs(path) for s in sentences(p)
             if LLOYDS.search(s) and FINE_2013.search(s) and "PPI" in s and not NOT_PPI.search(s)]
    assert not wrong, wrong


def test_fg13_1_has_one_chinese_title_across_the_course():
    titles = {title for path in SOURCES for title in re.findall(r"《(金融激励[^》]*)》", path.read_text(encoding="utf-8"))}
    assert titles == {"金融激励给客户带来的风险"}, titles


def test_the_fact_checks_find_what_they_look_for(tmp_path):
    """Each check fails on the mistake it names and passes on the corrected sentence."""
    wrong_and_right = [
        ("民生银行北京航天支行的负责人", "民生银行北京航天桥支行的负责人"),
        ("银保监会对中国银行罚款 5050 万元", "原银保监会对中国银行罚款 5050 万元"),
        ("The CBIRC fined the bank 50.5 million yuan", "The former CBIRC fined the bank 50.5 million yuan"),
        ("On 30 November 2017 the Beijing CBRC fined the bank", "On 30 November 2017 the then Beijing office of the CBRC fined the bank"),
        ("系统不能拦截时，就在管理信息中关注", "系统不能拦截时，就在管理报表中监测"),
    ]
    for wrong, right in wrong_and_right:
        assert any(pattern.search(wrong) for _, pattern in WRONG), wrong
        assert not any(pattern.search(right) for _, pattern in WRONG), right
    assert ORDER_2011.search("*来源：银监会令 2011 年第 5 号第 25 条。*") and not HISTORY.search("*来源：银监会令 2011 年第 5 号第 25 条。*")
    assert HISTORY.search("最早提出这一要求的是 2011 年第 5 号令（历史规则）")
    ppi = "Lloyds was fined £28.0 million in 2013 for its PPI sales."
    assert LLOYDS.search(ppi) and FINE_2013.search(ppi) and not NOT_PPI.search(ppi)
    assert NOT_PPI.search("Lloyds' 2013 Final Notice (£28.0 million) covered protection and investment products, not PPI.")
