"""No figure, sentence or row label of a sample or corpus report in the code, the patterns or the
docstrings: the tool must be built from the genre, not from the reports it was developed on.

What counts as "from a report": in the hand labels of the bundled seed (samples/seed) and, when
present, of ../shared (seeds, corpus, corpus2, forms), every quoted Chinese run of six or more
characters that occurs in only ONE report (a template's wording, such as a column header, occurs in
many and is genre vocabulary), and every labelled figure with four or more significant digits
(1,234.56; 29.99万元)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CJK_RUN = re.compile(r"[\u4e00-\u9fff]{6,}")


def _reports() -> dict[str, tuple[str, list[dict]]]:
    """name -> (text, labels + consistent items) for every labelled report available."""
    out: dict[str, tuple[str, list[dict]]] = {}
    seed = ROOT / "samples" / "seed"
    for lab in sorted(seed.glob("*.labels.json")):
        stem = lab.name.removesuffix(".labels.json")
        items = json.loads(lab.read_text("utf-8")) + json.loads((seed / f"{stem}.consistent.json").read_text("utf-8"))
        out["seed"] = ((seed / f"{stem}.txt").read_text("utf-8"), items)
    for d in (SHARED / "corpus", SHARED / "corpus2"):
        for txt in sorted(d.glob("real_*.txt")):
            n = txt.stem.split("_")[1]
            items = []
            for kind in ("labels", "consistent"):
                p = d / f"{kind}_{n}.json"
                if p.exists():
                    items += json.loads(p.read_text("utf-8"))
            out[f"{d.name}/{txt.name}"] = (txt.read_text("utf-8", errors="replace"), items)
    return out


def _sources() -> str:
    files = sorted((ROOT / "extractor").rglob("*.py")) + sorted((ROOT / "patterns").glob("*.yaml"))
    files += sorted((ROOT / "extractor" / "templates").rglob("*")) if (ROOT / "extractor" / "templates").is_dir() else []
    return "\n".join(f.read_text("utf-8") for f in files if f.is_file())


def _genre_terms() -> set[str]:
    import yaml

    data = yaml.safe_load((Path(__file__).parent / "genre_terms.yaml").read_text("utf-8"))
    return {e["term"] for e in data["terms"]}


def _squash(s: str) -> str:
    return re.sub(r"[\s|｜]", "", s)


def _genre_only(run: str, genre: set[str]) -> bool:
    """The run is template wording: part of a genre term, or genre terms with at most a character
    between them (a quoted sentence that merely contains a framework name is not excused)."""
    if any(run in g for g in genre):
        return True
    rest = run
    for g in sorted(genre, key=len, reverse=True):
        rest = rest.replace(g, "")
    return len(rest) < 2


@pytest.fixture(scope="module")
def reports():
    r = _reports()
    if not r:
        pytest.skip("no labelled reports available")
    return r


def test_no_report_sentence_or_row_label_in_code(reports):
    texts = {name: _squash(t) for name, (t, _) in reports.items()}
    code = _squash(_sources())
    genre = _genre_terms()
    leaks = set()
    for name, (_, items) in reports.items():
        for it in items:
            for key in ("quote_a", "quote_b"):
                for run in CJK_RUN.findall(_squash(it.get(key, ""))):
                    if sum(run in t for t in texts.values()) == 1 and run in code and not _genre_only(run, genre):
                        leaks.add((name, run))
    assert not leaks, sorted(leaks)


def test_no_labelled_figure_in_code(reports):
    code = _sources()
    leaks = set()
    for name, (_, items) in reports.items():
        for it in items:
            for v in it.get("values", []):
                v = str(v).strip()
                # a figure specific enough to identify its report: four or more significant digits
                # (1,234.56 or 29.99万元, not 100% or 30万元), not a year
                sig = re.sub(r"[^\d]", "", v.split("%")[0]).strip("0")
                if len(sig) < 4 or re.fullmatch(r"(19|20)\d\d(年度?)?", v):
                    continue
                if re.search(r"(?<![\d.,])" + re.escape(v) + r"(?![\d])", code):
                    leaks.add((name, v))
    assert not leaks, sorted(leaks)
