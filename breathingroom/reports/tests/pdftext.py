"""The words of a PDF made by ``reports.pdf`` with ``compress=False``, read back without a PDF library.

fpdf2 writes each run of text as glyph numbers of an embedded font (``(...) Tj``), and beside each
font a table from its glyph numbers back to Unicode (its ``/ToUnicode`` map). Reading the runs
through the map of the font in use gives the text, as a PDF reader's "copy" would.
"""

from __future__ import annotations

import re

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_CHAR = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>")
_RUN = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", re.S)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}


def _unescape(raw: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(raw):
        if raw[i : i + 1] == b"\\" and i + 1 < len(raw):
            nxt = raw[i + 1 : i + 2]
            if nxt in _ESCAPES:
                out += _ESCAPES[nxt]
                i += 2
                continue
            octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(0), 8))
                i += 1 + len(octal.group(0))
                continue
            i += 1
            continue
        out += raw[i : i + 1]
        i += 1
    return bytes(out)


def text_of(pdf: bytes) -> str:
    """Every run of text in ``pdf``, one per line, in the order drawn."""
    assert b"/Filter /FlateDecode" not in pdf.split(b"/FontFile2")[0], "made with compress=False, please"
    objects = {int(n): body for n, body in _OBJECT.findall(pdf)}
    maps: dict[int, dict[int, str]] = {}
    for number, body in objects.items():
        stream = _STREAM.search(body)
        if stream and b"beginbfchar" in stream.group(1):
            maps[number] = {
                int(code, 16): bytes.fromhex(value.decode()).decode("utf-16-be")
                for code, value in _CHAR.findall(stream.group(1))
            }
    # Each font's resource name (/F1) to its map, through the font's /ToUnicode reference.
    fonts: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for name, ref in re.findall(rb"/(F\d+)\s+(\d+) 0 R", body):
            unicode_ref = re.search(rb"/ToUnicode\s+(\d+) 0 R", objects.get(int(ref), b""))
            if unicode_ref and int(unicode_ref.group(1)) in maps:
                fonts[name] = maps[int(unicode_ref.group(1))]
    lines: list[str] = []
    for body in objects.values():
        stream = _STREAM.search(body)
        if not stream or b" Tj" not in stream.group(1):
            continue
        font: dict[int, str] = {}
        for name, run in _RUN.findall(stream.group(1)):
            if name:
                font = fonts.get(name, {})
                continue
            codes = _unescape(run)
            lines.append(
                "".join(font.get(int.from_bytes(codes[i : i + 2], "big"), "") for i in range(0, len(codes), 2))
            )
    return "\n".join(lines)
