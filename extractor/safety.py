"""Guards run before a DOCX/XLSX is handed to a parser: a zip bomb, a huge XML part or an XML entity
declaration is refused from the zip directory and the first bytes of each part, without inflating
anything big. (The declared sizes can be trusted as an upper bound: zipfile never returns more than
a member's declared size.)"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from extractor.errors import ExtractError

MAX_MEMBERS = 10_000
MAX_TOTAL = 1024 * 1024 * 1024  # 1 GiB uncompressed in all
MAX_MEMBER = 256 * 1024 * 1024  # one XML part
MAX_RATIO = 200  # uncompressed / compressed, for parts big enough to matter
RATIO_MIN_SIZE = 8 * 1024 * 1024
HEAD = 2048
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)


def check_zip(path: str | Path) -> None:
    """Raise ExtractError if the OOXML container at `path` looks hostile."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ExtractError("zip_bomb", f"压缩包内文件过多（{len(infos)} 个，上限 {MAX_MEMBERS}），疑似恶意构造，已拒绝")
            total = 0
            for i in infos:
                total += i.file_size
                if i.file_size > MAX_MEMBER:
                    raise ExtractError("huge_xml", f"文档内部件 {i.filename} 解压后 {i.file_size // (1 << 20)} MB，"
                                                   f"超过 {MAX_MEMBER >> 20} MB 上限，已拒绝")
                if i.file_size > RATIO_MIN_SIZE and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                    raise ExtractError("zip_bomb", f"文档内部件 {i.filename} 压缩比异常（{i.file_size // max(i.compress_size, 1)}:1），"
                                                   "疑似压缩炸弹，已拒绝")
            if total > MAX_TOTAL:
                raise ExtractError("zip_bomb", f"文档解压后共 {total >> 20} MB，超过 {MAX_TOTAL >> 20} MB 上限，疑似压缩炸弹，已拒绝")
            for i in infos:
                if i.filename.lower().endswith((".xml", ".rels")) and not i.is_dir():
                    with z.open(i) as f:
                        head = f.read(HEAD)
                    if _DTD.search(head):
                        raise ExtractError("xml_entities", f"文档内部件 {i.filename} 含 XML 实体/DTD 声明"
                                                           "（正常的 Office 文档不会有），疑似恶意构造，已拒绝")
    except ExtractError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise ExtractError("corrupt", f"文件已损坏：ZIP 容器无法读取（{type(e).__name__}）") from None
    except NotImplementedError:
        raise ExtractError("corrupt", "文件使用了不支持的压缩方式或已加密") from None
    except RuntimeError:  # zipfile: encrypted member needs a password
        raise ExtractError("encrypted", "文件已加密，无法读取：请提供未加密的版本") from None
