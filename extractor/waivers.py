"""Waivers: findings a reviewer has checked and accepted, kept in a TOML file under version control.

    [[waiver]]
    fingerprint = "3f2a9c0d1e4b5a6c"   # from the report (指纹); stable across re-scans and moves
    reason = "调整数含结转资金，已与财务科核实"   # required: why it is accepted
    code = "BG002"                     # optional: the waiver then also requires this code
    file = "*某单位*"                   # optional: glob on the file path, when one fingerprint is too broad

A waived finding stays in every report, marked as waived with its reason, and does not count toward
the exit code. A waiver that matched nothing is reported, so stale entries get cleaned up."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass
from pathlib import Path

KEYS = {"fingerprint", "reason", "code", "file"}


class WaiverError(Exception):
    pass


@dataclass
class Waiver:
    fingerprint: str
    reason: str
    code: str | None = None
    file: str | None = None
    used: int = 0

    def matches(self, source: str, finding) -> bool:
        if finding.fingerprint != self.fingerprint:
            return False
        if self.code and finding.code != self.code:
            return False
        if self.file and not fnmatch.fnmatch(source, self.file) and not fnmatch.fnmatch(Path(source).name, self.file):
            return False
        return True

    def to_record(self) -> dict:
        return {"fingerprint": self.fingerprint, "reason": self.reason, "code": self.code, "file": self.file}


def load(path: str | Path) -> list[Waiver]:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise WaiverError(f"豁免文件不存在：{p}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise WaiverError(f"豁免文件 {p} 格式错误：{e}") from None
    extra = sorted(set(data) - {"waiver"})
    if extra:
        raise WaiverError(f"豁免文件 {p}：未知的配置项 {', '.join(extra)}（应为 [[waiver]] 表的列表）")
    out: list[Waiver] = []
    for i, w in enumerate(data.get("waiver", []), 1):
        if not isinstance(w, dict):
            raise WaiverError(f"豁免文件 {p}：第 {i} 条不是表")
        unknown = sorted(set(w) - KEYS)
        if unknown:
            raise WaiverError(f"豁免文件 {p}：第 {i} 条有未知字段 {', '.join(unknown)}")
        if not isinstance(w.get("fingerprint"), str) or not w["fingerprint"].strip():
            raise WaiverError(f"豁免文件 {p}：第 {i} 条缺少 fingerprint")
        if not isinstance(w.get("reason"), str) or not w["reason"].strip():
            raise WaiverError(f"豁免文件 {p}：第 {i} 条（{w['fingerprint']}）缺少 reason（豁免理由）")
        out.append(Waiver(fingerprint=w["fingerprint"].strip(), reason=w["reason"].strip(),
                          code=w.get("code"), file=w.get("file")))
    return out


def apply(results, waivers: list[Waiver]) -> list[Waiver]:
    """Mark matching findings as waived (Finding.waived = reason); return the waivers that matched nothing."""
    if not waivers:
        return []
    for r in results:
        for f in r.findings:
            for w in waivers:
                if w.matches(r.source, f):
                    f.waived = w.reason
                    w.used += 1
                    break
    return [w for w in waivers if not w.used]
