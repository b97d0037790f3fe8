"""What each graded item is called where people read about it: its number and a short title.

The gradebook names a graded cell by its item id (``shortcuts``, ``calls``),
which no reader should see. An item is shown as the employee saw it in the
version of the module they took (track and language): its question number and
a short title taken from the exercise source and the question bank.

- a judgement question from the bank: the text of its variant, one per
  variant, so that each employee's report names the question *they* got
  (`questions.variant_of`);
- a task with a heading of its own (``## Question 2 (3 points): late replies
  per member of staff``): the heading's words after the colon;
- a written answer, or a heading that only names the kind of answer and lists
  options: the opening of the scenario under the heading.

A bank question is shown whole: its last sentence is what it asks. Other
titles longer than `TITLE_WIDTH` display columns keep their first whole
sentences, or, when those say too little, are cut after a word; an
ellipsis marks the cut.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import unicodedata
from pathlib import Path

import pandas as pd
from nbformat import NotebookNode

from . import build, itembank
from .curriculum import LANGUAGES, Curriculum, Module

COLUMNS = ["module_id", "track", "language", "item", "number", "titles"]
#: Longest title, in display columns (a Chinese character takes two).
TITLE_WIDTH = 160
_MARKUP = re.compile(r"\*\*|\*|`")
_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+")
_OPTION = re.compile(r"^\s*-\s*A\.\s", re.MULTILINE)


def width(text: str) -> int:
    """Display columns of `text`: two for a wide (Chinese) character."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def short(text: str, limit: int | None = TITLE_WIDTH) -> str:
    """`text` without Markdown, on one line, within `limit` columns (None: all of it): whole sentences, or cut with "…"."""
    plain = " ".join(_MARKUP.sub("", text).split())
    if limit is None or width(plain) <= limit:
        return plain
    kept = ""
    for sentence in (s for s in _SENTENCE_END.split(plain) if s):
        joined = f"{kept} {sentence}" if kept and sentence[0].isascii() else kept + sentence
        if width(joined) > limit - 1:
            break
        kept = joined
    if width(kept) < limit // 2:  # a short opening sentence says too little: fill the width, cut after a word
        kept = ""
        for character in plain:
            if width(kept + character) > limit - 1:
                break
            kept += character
        if " " in kept and character.isascii() and character != " ":
            kept = kept[: kept.rindex(" ")]
    return kept.rstrip(" ,;:，；：") + "…"


def _heading(cell: NotebookNode) -> tuple[str, str] | None:
    """The words after the colon of a Markdown heading cell, and the first paragraph of its body; None if no heading."""
    lines = cell.source.strip().split("\n")
    if cell.cell_type != "markdown" or not lines[0].startswith("#"):
        return None
    heading = lines[0].lstrip("#").strip()
    subtitle = re.split(r"[：:]\s*", heading, maxsplit=1)[-1] if re.search(r"[：:]", heading) else heading
    body = "\n".join(lines[1:]).strip()
    return subtitle.strip(), re.split(r"\n\s*\n", body)[0] if body else ""


def item_titles(notebook: NotebookNode) -> list[tuple[str, int, tuple[str, ...]]]:
    """(item, number, titles) of each graded item of a notebook built up to its numbering (`build.PIPELINE`)."""
    found = []
    heading: tuple[str, str] | None = None
    options = False
    for cell in notebook.cells:
        meta = cell.metadata
        if "question" in meta.get("academy", {}):
            continue  # its variants are read at its test cell
        if cell.cell_type == "markdown" and (found_heading := _heading(cell)) is not None:
            heading, options = found_heading, bool(_OPTION.search(_MARKUP.sub("", cell.source)))
        item = meta.get("test") or meta.get("written")
        if item is None:
            continue
        question = next((c.metadata["academy"] for c in notebook.cells if c.metadata.get("academy", {}).get("question") == item), None)
        if question is not None:
            titles = tuple(short(variant["question"], limit=None) for variant in question["variants"])
        elif heading is None:
            titles = ("",)
        elif "written" in meta or options or not heading[0]:
            titles = (short(heading[1] or heading[0]),)
        else:
            titles = (short(heading[0]),)
        found.append((item, len(found) + 1, titles))
    return found


def _numbered(source: NotebookNode, target: build.Target) -> NotebookNode:
    """`source` through the build steps up to and including the numbering of its questions."""
    notebook = copy.deepcopy(source)
    steps = build.PIPELINE[: build.PIPELINE.index(build.number_questions) + 1]
    for step in steps:
        notebook = step(notebook, target)
    return notebook


def module_titles(curriculum: Curriculum, module: Module, content: Path) -> pd.DataFrame:
    """`COLUMNS` of every graded item of `module`, on every track that takes it, in every course language."""
    folder = module.folder(content)
    bank = itembank.load_bank(folder, tracks=list(curriculum.tracks))
    source = build.read_source(folder / f"{module.graded}.py")
    rows = []
    for track_id, track in curriculum.tracks.items():
        for language in LANGUAGES:
            target = build.Target(language, track_id, code=track.code, module_id=module.id, bank=bank)
            rows += [(module.id, track_id, language, item, number, titles)
                     for item, number, titles in item_titles(_numbered(source, target))]
    return pd.DataFrame(rows, columns=COLUMNS)


def course_titles(curriculum: Curriculum, content: Path) -> pd.DataFrame:
    """`module_titles` of every module and case of the curriculum, kept in this user's cache once worked out.

    Working them out builds every version of every module, seconds that every
    report run would pay again. The cached table is named after a digest of
    everything it is made from: the curriculum's tracks, every file of every
    module's folder and this package's code. Any change is a new name, so a
    stale table is never read. A cache that cannot be read or written is
    passed by.
    """
    cache = _cache_folder() / f"titles-{_digest(curriculum, content)}.json"
    try:
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return pd.DataFrame([[*row[:-1], tuple(row[-1])] for row in rows], columns=COLUMNS)
    except (OSError, ValueError, TypeError):
        pass
    titles = pd.concat([module_titles(curriculum, module, content) for module in curriculum.modules], ignore_index=True)
    from .hr import write_atomic

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8") as file:
            json.dump([[*row[:-1], list(row[-1])] for row in titles.itertuples(index=False)], file, ensure_ascii=False)

    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path=cache, write=write, private=True)  # nothing half-written is left, on a full disk say
    except OSError:
        pass
    return titles


def _cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "salesacademy"


def _digest(curriculum: Curriculum, content: Path) -> str:
    """A digest of the tracks, of every file under each module's folder, and of this package's code."""
    digest = hashlib.sha256(repr(sorted((t, track.code) for t, track in curriculum.tracks.items())).encode())
    folders = [module.folder(content) for module in curriculum.modules] + [Path(__file__).parent]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{path.relative_to(folder)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:32]
