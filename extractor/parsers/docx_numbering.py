"""Word's automatic list numbering (一、 （一） 1. …) rendered as printed, for the DOCX reader."""

from __future__ import annotations

import re

from extractor.parsers.docx_xml import W_VAL, to_int, w

_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _cn(n: int) -> str:
    """1..999 in Chinese counting numerals (十一, 二十, 一百零五)."""
    if n <= 0 or n >= 1000:
        return str(n)
    h, t, u = n // 100, n // 10 % 10, n % 10
    s = f"{_DIGITS[h]}百" if h else ""
    if t:
        s += ("" if (t == 1 and not h) else _DIGITS[t]) + "十"
    elif h and u:
        s += "零"
    return s + (_DIGITS[u] if u else "")


def _fmt(n: int, fmt: str) -> str | None:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _cn(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        c = chr(ord("a") + n - 1)
        return c if fmt == "lowerLetter" else c.upper()
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "bullet":
        return None
    if fmt == "none":
        return ""
    return str(n)  # decimal, decimalZero and anything exotic


class Numbering:
    """Renders Word's automatic list numbers (一、 （一） 1. ...) so that structure.py sees them as
    they are printed. Counters run per list (numId) in document order."""

    def __init__(self, nums: dict, styles: dict):
        self.nums = nums  # numId -> {ilvl: (start, numFmt, lvlText)}
        self.styles = styles  # styleId -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}

    @classmethod
    def from_document(cls, d) -> "Numbering":
        styles: dict[str, tuple[str | None, int]] = {}
        for s in d.styles.element.findall(w("style")):
            np_ = s.find(f"{w('pPr')}/{w('numPr')}")
            sid = s.get(w("styleId"))
            if np_ is not None and sid:
                nid, lv = np_.find(w("numId")), np_.find(w("ilvl"))
                styles[sid] = (nid.get(W_VAL) if nid is not None else None,
                               to_int(lv.get(W_VAL), 0) if lv is not None else 0)
        try:
            root = d.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls({}, styles)
        abstract = {}
        for a in root.findall(w("abstractNum")):
            levels = {}
            for lvl in a.findall(w("lvl")):
                levels[to_int(lvl.get(w("ilvl")), 0)] = (
                    to_int(_attr(lvl, "start"), 1), _attr(lvl, "numFmt") or "decimal", _attr(lvl, "lvlText") or "")
            abstract[a.get(w("abstractNumId"))] = levels
        nums = {}
        for n in root.findall(w("num")):
            aid = n.find(w("abstractNumId"))
            levels = dict(abstract.get(aid.get(W_VAL) if aid is not None else None, {}))
            for ov in n.findall(w("lvlOverride")):
                k = to_int(ov.get(w("ilvl")), 0)
                so = ov.find(w("startOverride"))
                if so is not None and k in levels:
                    levels[k] = (to_int(so.get(W_VAL), 1),) + levels[k][1:]
            nums[n.get(w("numId"))] = levels
        return cls(nums, styles)

    def label(self, p, style_id: str | None) -> str | None:
        np_ = p.find(f"{w('pPr')}/{w('numPr')}")
        num_id, ilvl = self.styles.get(style_id, (None, 0)) if style_id else (None, 0)
        if np_ is not None:
            nid, lv = np_.find(w("numId")), np_.find(w("ilvl"))
            num_id = nid.get(W_VAL) if nid is not None else num_id
            ilvl = to_int(lv.get(W_VAL), 0) if lv is not None else max(ilvl, 0)
        ilvl = max(ilvl, 0)
        levels = self.nums.get(num_id) if num_id not in (None, "0") else None
        if not levels or ilvl not in levels:
            return None
        count = self.counters.setdefault(num_id, {})
        start, fmt, text = levels[ilvl]
        count[ilvl] = count.get(ilvl, start - 1) + 1
        for deeper in [k for k in count if k > ilvl]:
            del count[deeper]
        if fmt == "bullet":
            return None

        def sub(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k)
            if lv is None:
                return ""
            return _fmt(count.get(k, lv[0]), lv[1] if k != ilvl else fmt) or ""

        return re.sub(r"%([1-9])", sub, text).strip() or None


def _attr(lvl, name: str) -> str | None:
    el = lvl.find(w(name))
    return el.get(W_VAL) if el is not None else None
