"""Word (DOCX) reports: paragraphs and tables in body order, read from the XML.

python-docx opens the package (its lxml parser does not resolve entities; extractor.safety has
already refused DTDs and zip bombs); the body is then walked directly because python-docx's own
views lose what auditors need: a merged cell is repeated at every grid position, text boxes and
tracked insertions are invisible, and a text box written twice (mc:AlternateContent with a VML
fallback) would be read twice. Here:
- a merged cell appears once with rowspan/colspan (gridSpan, vMerge, legacy hMerge, gridBefore);
- a nested table goes into Table.nested and its text is not repeated in the parent cell;
- a text box is read once (mc:Choice, else mc:Fallback), as paragraphs after its anchor;
- tracked insertions (w:ins, w:moveTo) are kept, deletions (w:del, w:moveFrom) and hidden text dropped;
- field results and hyperlink text are kept, field instructions are not;
- Paragraph.heading comes from the style (Heading N / 标题 N / an outline level); numbering-based
  headings are recognised afterwards by extractor.structure.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Cell, Document, Location, Paragraph, Table
from extractor.parsers.text import _caption

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_R, W_T = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("r"), _w("t")
W_VAL = _w("val")
W_TXBX = _w("txbxContent")
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
# containers whose children are read as if they stood in their parent
_WRAPPERS = {_w("sdt"), _w("sdtContent"), _w("customXml"), _w("smartTag"), _w("ins"), _w("moveTo")}
# never text: deletions, properties, field instructions, notes references
_SKIP = {_w(t) for t in ("del", "moveFrom", "rPr", "pPr", "tblPr", "trPr", "tcPr", "sdtPr", "sdtEndPr", "instrText",
                         "delText", "delInstrText", "fldData", "sectPr", "tblGrid", "commentReference",
                         "footnoteReference", "endnoteReference", "annotationRef")}
_HEADING_STYLE = re.compile(r"^\s*(?:heading|标题)\s*([1-9])\s*$", re.I)
_TOC_STYLE = re.compile(r"^\s*(?:toc|目录)\s*\d\s*$", re.I)
MAX_CAPTION_LOOKBACK = 3  # a 单位 line counts as a caption when among the last paragraphs before the table


def parse(path: Path, source: str) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        d = docx.Document(str(path))
        body = d.element.body
        styles = _style_table(d)
        numbering = Numbering.from_document(d)
    except ExtractError:
        raise
    except PackageNotFoundError:
        raise ExtractError("corrupt", "DOCX 文件已损坏：不是有效的 Word 文档包") from None
    except (KeyError, zipfile.BadZipFile) as e:
        raise ExtractError("corrupt", f"DOCX 文件已损坏：缺少必要部件或压缩数据损坏（{_short(e)}）") from None
    except ValueError as e:
        if "content type" in str(e):
            raise ExtractError("unsupported", "不是普通 Word 文档（可能是模板或宏文档），请另存为 DOCX 后再检查") from None
        raise ExtractError("corrupt", f"DOCX 文件已损坏：XML 内容无效（{_short(e)}）") from None
    except Exception as e:  # lxml.etree.XMLSyntaxError and friends from a damaged part
        if type(e).__module__.startswith("lxml") or isinstance(e, (EOFError, OSError)):
            raise ExtractError("corrupt", f"DOCX 文件已损坏：XML 内容无效（{_short(e)}）") from None
        raise
    if body is None:
        raise ExtractError("corrupt", "DOCX 文件已损坏：文档正文缺失")
    reader = _Reader(source, styles, numbering)
    try:
        reader.container(body)
    except RecursionError:
        raise ExtractError("corrupt", "DOCX 文件结构异常（表格或文本框嵌套过深），无法解析") from None
    return Document(source=source, format="docx", blocks=reader.blocks, notes=reader.notes)


def _short(e: BaseException) -> str:
    return str(e).replace("\n", " ")[:120] or type(e).__name__


# ------------------------------------------------------------------ styles


def _style_table(d) -> dict[str, tuple[str, int | None]]:
    """styleId -> (name, heading level or None), following basedOn for outline levels."""
    raw: dict[str, tuple[str, str | None, int | None]] = {}
    for s in d.styles.element.findall(_w("style")):
        sid = s.get(_w("styleId"))
        if not sid:
            continue
        name_el = s.find(_w("name"))
        name = name_el.get(W_VAL) if name_el is not None else sid
        based = s.find(_w("basedOn"))
        lvl = s.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        raw[sid] = (_ui_name(name or sid), based.get(W_VAL) if based is not None else None,
                    _outline(lvl.get(W_VAL)) if lvl is not None else None)
    out: dict[str, tuple[str, int | None]] = {}
    for sid, (name, _, _) in raw.items():
        m = _HEADING_STYLE.match(name)
        level = int(m.group(1)) if m else None
        seen, cur = set(), sid
        while level is None and cur in raw and cur not in seen:
            seen.add(cur)
            level = raw[cur][2]
            cur = raw[cur][1]
        out[sid] = (name, level)
    return out


def _ui_name(name: str) -> str:
    # styles.xml spells built-in names in lower case ("heading 1"); Word shows "Heading 1"
    return name[:1].upper() + name[1:] if name.islower() and name.isascii() else name


def _outline(val: str | None) -> int | None:
    """w:outlineLvl 0..8 is heading level 1..9; 9 means body text."""
    try:
        v = int(val or "")
    except ValueError:
        return None
    return v + 1 if 0 <= v <= 8 else None


# ------------------------------------------------------------------ reading


class _Reader:
    def __init__(self, source: str, styles: dict, numbering: "Numbering"):
        self.source = source
        self.styles = styles
        self.numbering = numbering
        self.blocks: list = []
        self.notes: list[str] = []
        self.para_no = 0
        self.table_no = 0
        self.recent: list[str] = []  # paragraphs since the last table: caption candidates

    # body, text box content, sdt content: paragraphs and tables in order
    def container(self, el) -> None:
        for child in _children(el):
            if child.tag == W_P:
                self.paragraph(child)
            elif child.tag == W_TBL:
                t = self.table(child)
                if t is not None:
                    self.blocks.append(t)
                    self.recent = []

    def paragraph(self, p) -> None:
        parts: list[str] = []
        boxes: list = []
        _inline(p, parts, boxes)
        text = "".join(parts).strip()
        style, level = self._style_of(p)
        if style and _TOC_STYLE.match(style):
            return  # a table-of-contents line written without a content control
        label = self.numbering.label(p, self.styles_raw_id(p))
        if text:
            if label and not text.startswith(label):
                text = f"{label}{text}"
            self.para_no += 1
            self.blocks.append(Paragraph(text, Location(source=self.source, paragraph=self.para_no),
                                         style=style, heading=level))
            self.recent.append(text)
        for box in boxes:  # a text box's paragraphs follow the paragraph that anchors it
            self.container(box)

    @staticmethod
    def styles_raw_id(p) -> str | None:
        ps = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        return ps.get(W_VAL) if ps is not None else None

    def _style_of(self, p) -> tuple[str | None, int | None]:
        sid = self.styles_raw_id(p)
        name, level = self.styles.get(sid, (sid, None)) if sid else (None, None)
        own = p.find(f"{_w('pPr')}/{_w('outlineLvl')}")
        if own is not None:
            level = _outline(own.get(W_VAL))
        return name, level

    def table(self, tbl) -> Table | None:
        rows = [tr for tr in _children(tbl) if tr.tag == W_TR]
        if len(rows) == 1:
            tcs = [tc for tc in _children(rows[0]) if tc.tag == W_TC]
            if len(tcs) == 1 and _int(_prop(tcs[0], "tcPr", "gridSpan"), 1) == 1:
                # a one-cell table is a frame around text, not a table: read what it holds as blocks
                self.container(tcs[0])
                return None
        self.table_no += 1
        loc = Location(source=self.source, table=self.table_no)
        cells: list[Cell] = []
        nested: list[Table] = []
        open_v: dict[int, Cell] = {}  # grid column -> cell a vertical merge may continue
        r = 0
        for tr in rows:
            if tr.find(f"{_w('trPr')}/{_w('del')}") is not None:
                continue  # a row deleted with tracked changes
            r += 1
            col = 1 + _int(_prop(tr, "trPr", "gridBefore"), 0)
            prev: Cell | None = None
            for tc in (c for c in _children(tr) if c.tag == W_TC):
                span = max(1, _int(_prop(tc, "tcPr", "gridSpan"), 1))
                vm = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
                hm = tc.find(f"{_w('tcPr')}/{_w('hMerge')}")
                if hm is not None and hm.get(W_VAL) != "restart" and prev is not None:
                    prev.colspan += span  # legacy horizontal merge: the cell continues the one on its left
                    col += span
                    continue
                if vm is not None and vm.get(W_VAL) in (None, "continue") and col in open_v:
                    above = open_v[col]
                    above.rowspan = r - above.row + 1
                    prev = above
                    col += span
                    continue
                text, inner = self.cell_content(tc)
                nested.extend(inner)
                cell = Cell(text=text, row=r, col=col, colspan=span, location=loc.with_(row=r, col=col))
                cells.append(cell)
                for k in range(col, col + span):
                    open_v.pop(k, None)
                if vm is not None:
                    open_v[col] = cell
                prev = cell
                col += span
        if not cells:
            self.table_no -= 1
            return None
        rows_text = [[c.text for c in row] for row in Table(cells=cells, location=loc).rows()]
        caption = _caption(self.recent[-MAX_CAPTION_LOOKBACK:], rows_text)
        return Table(cells=cells, location=loc, caption=caption, nested=nested)

    def cell_content(self, tc) -> tuple[str, list[Table]]:
        """A cell's text (its paragraphs joined by newlines) and the tables nested in it."""
        lines: list[str] = []
        nested: list[Table] = []

        def walk(el):
            for child in _children(el):
                if child.tag == W_P:
                    parts: list[str] = []
                    boxes: list = []
                    _inline(child, parts, boxes)
                    line = "".join(parts).strip()
                    label = self.numbering.label(child, self.styles_raw_id(child))
                    if line and label and not line.startswith(label):
                        line = label + line
                    if line:
                        lines.append(line)
                    for b in boxes:
                        walk(b)
                elif child.tag == W_TBL:
                    t = self.table(child)
                    if t is not None:
                        nested.append(t)

        walk(tc)
        return "\n".join(lines), nested


def _children(el):
    """Element children, with content controls, custom XML and tracked insertions unwrapped."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _w("sdt") and _is_toc(child):
            continue  # a table of contents repeats the headings with page numbers: not content
        if tag in _WRAPPERS:
            yield from _children(child)
        elif tag == MC_ALT:
            branch = _choose(child)
            if branch is not None:
                yield from _children(branch)
        else:
            yield child


def _is_toc(sdt) -> bool:
    g = sdt.find(f"{_w('sdtPr')}/{_w('docPartObj')}/{_w('docPartGallery')}")
    return g is not None and "contents" in (g.get(W_VAL) or "").lower()


def _choose(alt):
    """The one branch of mc:AlternateContent to read: the first Choice, unless it holds no text."""
    choice = alt.find(MC_CHOICE)
    fallback = alt.find(MC_FALLBACK)
    if choice is not None and (fallback is None or _has_text(choice) or not _has_text(fallback)):
        return choice
    return fallback


def _has_text(el) -> bool:
    return any((t.text or "").strip() for t in el.iter(W_T))


def _inline(el, out: list[str], boxes: list) -> None:
    """Collect the visible text of a paragraph (or run container) into `out`; text boxes into `boxes`."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W_T:
            out.append(child.text or "")
        elif tag == W_TXBX:
            boxes.append(child)
        elif tag == MC_ALT:
            branch = _choose(child)
            if branch is not None:
                _inline(branch, out, boxes)
        elif tag == W_R:
            if not _hidden(child):
                _inline(child, out, boxes)
        elif tag == _w("tab") or tag == _w("ptab"):
            out.append("\t")
        elif tag in (_w("br"), _w("cr")):
            if child.get(_w("type")) not in ("page", "column"):
                out.append("\n")
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag == _w("sym"):
            ch = _sym(child.get(_w("char")))
            if ch:
                out.append(ch)
        elif tag in (W_P, W_TBL):
            continue  # block content only appears inside text boxes, handled above
        else:
            _inline(child, out, boxes)  # hyperlink, ins, fldSimple, smartTag, sdt, drawing, pict ...


def _hidden(run) -> bool:
    v = run.find(f"{_w('rPr')}/{_w('vanish')}")
    return v is not None and v.get(W_VAL) not in ("0", "false", "off")


def _sym(code: str | None) -> str:
    try:
        c = int(code or "", 16)
    except ValueError:
        return ""
    if 0xF000 <= c <= 0xF0FF:  # symbol-font private range: no reliable Unicode meaning
        return ""
    return chr(c) if c >= 0x20 else ""


def _prop(el, props: str, name: str) -> str | None:
    v = el.find(f"{_w(props)}/{_w(name)}")
    return v.get(W_VAL) if v is not None else None


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


# ------------------------------------------------------------------ automatic numbering

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
        for s in d.styles.element.findall(_w("style")):
            np_ = s.find(f"{_w('pPr')}/{_w('numPr')}")
            sid = s.get(_w("styleId"))
            if np_ is not None and sid:
                nid, lv = np_.find(_w("numId")), np_.find(_w("ilvl"))
                styles[sid] = (nid.get(W_VAL) if nid is not None else None,
                               _int(lv.get(W_VAL), 0) if lv is not None else 0)
        try:
            root = d.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return cls({}, styles)
        abstract = {}
        for a in root.findall(_w("abstractNum")):
            levels = {}
            for lvl in a.findall(_w("lvl")):
                levels[_int(lvl.get(_w("ilvl")), 0)] = (
                    _int(_attr(lvl, "start"), 1), _attr(lvl, "numFmt") or "decimal", _attr(lvl, "lvlText") or "")
            abstract[a.get(_w("abstractNumId"))] = levels
        nums = {}
        for n in root.findall(_w("num")):
            aid = n.find(_w("abstractNumId"))
            levels = dict(abstract.get(aid.get(W_VAL) if aid is not None else None, {}))
            for ov in n.findall(_w("lvlOverride")):
                k = _int(ov.get(_w("ilvl")), 0)
                so = ov.find(_w("startOverride"))
                if so is not None and k in levels:
                    levels[k] = (_int(so.get(W_VAL), 1),) + levels[k][1:]
            nums[n.get(_w("numId"))] = levels
        return cls(nums, styles)

    def label(self, p, style_id: str | None) -> str | None:
        np_ = p.find(f"{_w('pPr')}/{_w('numPr')}")
        num_id, ilvl = self.styles.get(style_id, (None, 0)) if style_id else (None, 0)
        if np_ is not None:
            nid, lv = np_.find(_w("numId")), np_.find(_w("ilvl"))
            num_id = nid.get(W_VAL) if nid is not None else num_id
            ilvl = _int(lv.get(W_VAL), 0) if lv is not None else max(ilvl, 0)
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
    el = lvl.find(_w(name))
    return el.get(W_VAL) if el is not None else None
