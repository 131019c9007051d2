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

Stages: this module opens the package and reads the styles; docx_body walks the body, docx_numbering
renders list numbers, docx_xml holds the element helpers they share.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from extractor.errors import ExtractError
from extractor.model import Document
from extractor.parsers.docx_body import BodyReader
from extractor.parsers.docx_numbering import Numbering
from extractor.parsers.docx_xml import W_VAL, outline_level, w

_HEADING_STYLE = re.compile(r"^\s*(?:heading|标题)\s*([1-9])\s*$", re.I)


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
    reader = BodyReader(source, styles, numbering)
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
    for s in d.styles.element.findall(w("style")):
        sid = s.get(w("styleId"))
        if not sid:
            continue
        name_el = s.find(w("name"))
        name = name_el.get(W_VAL) if name_el is not None else sid
        based = s.find(w("basedOn"))
        lvl = s.find(f"{w('pPr')}/{w('outlineLvl')}")
        raw[sid] = (_ui_name(name or sid), based.get(W_VAL) if based is not None else None,
                    outline_level(lvl.get(W_VAL)) if lvl is not None else None)
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


