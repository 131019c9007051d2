"""Which OCR readings are in doubt: characters of a number read with low confidence, and the known
confusions of patterns/ocr.yaml (O/0, l/1, 一/-, 2/≥); number separators put right where the reading is
not in doubt."""

from __future__ import annotations

import re

from extractor.parsers.ocr import Glyph, TextLine

VALUE_CHARS = frozenset("0123456789.-+．")  # the characters that make a figure's value (not separators, units)


def doubt_of(g: Glyph, min_conf: float) -> str | None:
    """Why this character's reading is doubtful, or None."""
    if g.note:
        return g.note
    if g.text in VALUE_CHARS and g.conf < min_conf:
        return f"“{g.text}”识别置信度 {g.conf:.2f}"
    return None


_compiled: tuple = (None, None)


def settings() -> tuple[float, list[tuple[str, object, str | None, str]]]:
    """(min_confidence, [(name, compiled find, read, reason)]) from patterns/ocr.yaml (compiled once
    per loaded version of the file)."""
    from extractor import patterns
    from extractor.errors import PatternError

    global _compiled
    data = patterns.load("ocr")
    if _compiled[0] is data:
        return _compiled[1]
    try:
        conf = float(data["min_confidence"])
        rules = [(c["name"], re.compile(c["find"]), c.get("read"), c["reason"]) for c in data.get("confusions", [])]
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise PatternError(f"patterns/ocr.yaml: {type(e).__name__}: {e}") from None
    _compiled = (data, (conf, rules))
    return conf, rules


_FULLWIDTH = {"，": ",", "．": ".", "０": "0", "１": "1", "２": "2", "３": "3", "４": "4", "５": "5",
              "６": "6", "７": "7", "８": "8", "９": "9"}


def fix_numbers(line: TextLine) -> None:
    """Separators inside a number, where the reading is not in doubt: full-width forms made ASCII, all
    but the last of several points made commas (12.345.678.90), and a thousands comma the recogniser
    dropped put back (12345,678.90) as a zero-width character."""
    for m in reversed(list(re.finditer(r"[0-9０-９][0-9０-９,，.．]*[0-9０-９]", line.text))):
        gl = line.glyphs[m.start():m.end()]
        for g in gl:
            g.text = _FULLWIDTH.get(g.text, g.text)
        dots = [g for g in gl if g.text == "."]
        for g in dots[:-1]:
            g.text = ","
        token = "".join(g.text for g in gl)
        int_end = token.rfind(".") if "." in token else len(token)
        digits = [i for i in range(int_end) if token[i].isdigit()]
        commas = [i for i in range(int_end) if token[i] == ","]
        if not commas or len(digits) <= 3:
            continue
        # digits from the right that must be followed by a comma, as (count of digits to their right)
        right = {i: sum(1 for d in digits if d > i) for i in digits}
        have = {right[i - 1] for i in commas if i - 1 in right}
        if any(k % 3 for k in have) or len(have) != len(commas):
            continue  # commas in odd places: leave the number as read
        for i in reversed(digits):
            k = right[i]
            if k and k % 3 == 0 and k not in have:
                g = gl[i]
                x = g.box[2]
                comma = Glyph(",", g.conf, (x, g.box[1], x, g.box[3]), (g.out[2], g.out[1], g.out[2], g.out[3]))
                line.glyphs.insert(m.start() + i + 1, comma)


SPECKS = frozenset(".,'·_-`")


def drop_specks(line: TextLine, min_conf: float) -> None:
    """A speck of dirt after a number at the end of a box is read as a point or a dash, with low
    confidence (5. for 5): drop it."""
    g = line.glyphs
    while len(g) > 1 and g[-1].text in SPECKS and g[-1].conf < min_conf and g[-2].text.isdigit():
        g.pop()


def mark_confusions(lines: list[TextLine]) -> None:
    """Mark the characters of known confusions (O/0, l/1, 一/-, 2/≥) as doubtful; where the rule says
    what the character is read as, read it so (the figure is extracted, and stays doubtful)."""
    min_conf, rules = settings()
    for ln in lines:
        drop_specks(ln, min_conf)
        fix_numbers(ln)
        text = ln.text
        for _name, rx, read, reason in rules:
            for m in rx.finditer(text):
                note = reason.format(c=m.group(0))
                for i in range(m.start(), m.end()):
                    g = ln.glyphs[i]
                    g.note = g.note or note
                    if read and m.end() - m.start() == 1:
                        g.text = read
