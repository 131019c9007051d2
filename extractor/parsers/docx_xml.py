"""WordprocessingML walking shared by the DOCX reader stages: namespaces, which elements hold text,
mc:AlternateContent choice, inline text of a paragraph, and small property helpers."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_R, W_T = w("p"), w("tbl"), w("tr"), w("tc"), w("r"), w("t")
W_VAL = w("val")
W_TXBX = w("txbxContent")
MC_ALT, MC_CHOICE, MC_FALLBACK = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice", f"{{{MC_NS}}}Fallback"
# containers whose children are read as if they stood in their parent
_WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag"), w("ins"), w("moveTo")}
# never text: deletions, properties, field instructions, notes references
_SKIP = {w(t) for t in ("del", "moveFrom", "rPr", "pPr", "tblPr", "trPr", "tcPr", "sdtPr", "sdtEndPr", "instrText",
                         "delText", "delInstrText", "fldData", "sectPr", "tblGrid", "commentReference",
                         "footnoteReference", "endnoteReference", "annotationRef")}


def children(el):
    """Element children, with content controls, custom XML and tracked insertions unwrapped."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == w("sdt") and _is_toc(child):
            continue  # a table of contents repeats the headings with page numbers: not content
        if tag in _WRAPPERS:
            yield from children(child)
        elif tag == MC_ALT:
            branch = _choose(child)
            if branch is not None:
                yield from children(branch)
        else:
            yield child


def _is_toc(sdt) -> bool:
    g = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
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


def inline(el, out: list[str], boxes: list) -> None:
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
                inline(branch, out, boxes)
        elif tag == W_R:
            if not _hidden(child):
                inline(child, out, boxes)
        elif tag == w("tab") or tag == w("ptab"):
            out.append("\t")
        elif tag in (w("br"), w("cr")):
            if child.get(w("type")) not in ("page", "column"):
                out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
        elif tag == w("sym"):
            ch = _sym(child.get(w("char")))
            if ch:
                out.append(ch)
        elif tag in (W_P, W_TBL):
            continue  # block content only appears inside text boxes, handled above
        else:
            inline(child, out, boxes)  # hyperlink, ins, fldSimple, smartTag, sdt, drawing, pict ...


def _hidden(run) -> bool:
    v = run.find(f"{w('rPr')}/{w('vanish')}")
    return v is not None and v.get(W_VAL) not in ("0", "false", "off")


def _sym(code: str | None) -> str:
    try:
        c = int(code or "", 16)
    except ValueError:
        return ""
    if 0xF000 <= c <= 0xF0FF:  # symbol-font private range: no reliable Unicode meaning
        return ""
    return chr(c) if c >= 0x20 else ""


def prop(el, props: str, name: str) -> str | None:
    v = el.find(f"{w(props)}/{w(name)}")
    return v.get(W_VAL) if v is not None else None


def to_int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default



def outline_level(val: str | None) -> int | None:
    """w:outlineLvl 0..8 is heading level 1..9; 9 means body text."""
    try:
        v = int(val or "")
    except ValueError:
        return None
    return v + 1 if 0 <= v <= 8 else None
