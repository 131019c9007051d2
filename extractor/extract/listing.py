"""A completion stated as a list instead of a number: 完成《甲条例》、《乙条例》等执法检查; 开展了宣传、
培训、督查等活动. The number of items listed is then the result (at least that many when the list ends
with 等). Vocabulary: patterns/indicators.yaml `listing`."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractor import patterns

_TITLE = re.compile(r"《[^《》]{1,80}》")


@dataclass(frozen=True)
class Listing:
    count: int
    open_ended: bool  # the list ends with 等: at least `count` items
    start: int  # span of the list in the clause
    end: int


@functools.lru_cache(maxsize=None)
def _vocab() -> dict:
    return patterns.load("indicators")["listing"]


def _joined(gap: str) -> bool:
    """Only a list separator (、 及 和 与 以及) stands between two items."""
    g = gap.strip(" \u3000")
    return g in _vocab()["separators"]


def find_listing(clause: str) -> Listing | None:
    """The list of items a clause reports as done, or None. Titles in 《》 count from two (joined by
    separators only), unless cited (根据《…》、《…》); plain items need a completion verb before them,
    、 between them and 等 after the last (开展了宣传、培训等活动), not naming ways or aspects (等方式)."""
    v = _vocab()
    titles = list(_TITLE.finditer(clause))
    run: list[re.Match] = []
    for m in titles:
        if run and not _joined(clause[run[-1].end():m.start()]):
            if len(run) >= 2:
                break
            run = []
        run.append(m)
    if len(run) >= 2:
        if any(w in clause[:run[0].start()] for w in v["cited_after"]):
            return None
        tail = clause[run[-1].end():]
        open_ended = tail.lstrip().startswith(tuple(v["open_end"]))
        return Listing(len(run), open_ended, run[0].start(), run[-1].end())
    for m in re.finditer("|".join(map(re.escape, v["open_end"])), clause):
        head, after = clause[:m.start()], clause[m.end():]
        if not head or head[-1:] in "一二三四五六七八九十0123456789" or not after.strip():
            continue  # 一等奖, 二等 (a grade), or 等 closing the clause with nothing named after it
        if after.lstrip().startswith(tuple(v["not_items"])):
            continue  # 等方式, 等方面: ways and aspects, not things done
        first = head.find("、")
        if first < 0:
            continue
        verbs = [head.rfind(w, 0, first) + len(w) for w in v["list_verbs"] if head.rfind(w, 0, first) >= 0]
        if not verbs:
            continue
        return Listing(head.count("、", max(verbs)) + 1, True, max(verbs), m.start())
    return None
