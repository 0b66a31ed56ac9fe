"""Bytes from an input file as text: the encoding found from its byte-order mark or its bytes,
or a clear refusal. Every loader that reads text itself (survey exports, manifests, written
responses) decodes through here, so a file saved as UTF-16 (Windows Notepad's "Unicode"),
UTF-8 with a BOM, or Windows-1252 is read as the person typed it, and a binary file is refused
instead of being read as garbage with a NUL between letters.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path

from crimeplan.errors import IngestError

UTF8_HINT = "Save the file as UTF-8 (CSV UTF-8 in Excel)"
FIELD_LIMIT = csv.field_size_limit()  # 131,072 characters: a longer cell is refused by name


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the bytes look like UTF-16 text with no BOM (ASCII
    letters leave a NUL in every other byte), else None."""
    sample = raw[:4000]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    if odd_nuls > 0.4 * pairs and even_nuls < 0.05 * pairs:
        return "utf-16-le"
    if even_nuls > 0.4 * pairs and odd_nuls < 0.05 * pairs:
        return "utf-16-be"
    return None


def decode_text(raw: bytes, path: Path, *, windows_fallback: bool = False) -> tuple[str, str]:
    """The text of a file's bytes and the encoding read, in words.

    UTF-8 (with or without BOM) and UTF-16 (with a BOM, or detected) are read as such. A file
    that is none of these is refused with the line of the first bad byte, unless
    `windows_fallback` (letters typed on Windows often arrive as Windows-1252).
    """
    if raw.startswith(codecs.BOM_UTF8):
        encoding, words = "utf-8-sig", "UTF-8 text (with a byte-order mark)"
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, words = "utf-16", "UTF-16 text (with a byte-order mark)"
    elif found := _utf16_without_bom(raw):
        encoding, words = found, f"{found.upper()} text (no byte-order mark)"
    else:
        encoding, words = "utf-8", "UTF-8 text"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        if encoding == "utf-8" and windows_fallback and b"\x00" not in raw:
            # cp1252 leaves five bytes undefined; Latin-1 reads those as control characters.
            try:
                return raw.decode("cp1252"), "Windows-1252 text (not valid UTF-8)"
            except UnicodeDecodeError:
                return raw.decode("latin-1"), "Latin-1 text (not valid UTF-8)"
        kind = "UTF-16" if encoding.startswith("utf-16") else "UTF-8"
        raise IngestError(
            path,
            f"not {kind} text (byte {e.object[e.start]:#04x}); is it in another encoding "
            "or not a text file?",
            line=line,
            hint=UTF8_HINT,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise IngestError(
            path, "a NUL character: this is not a text file", line=line, hint=UTF8_HINT
        )
    return text, words


def read_text(path: Path, *, windows_fallback: bool = False) -> tuple[str, str]:
    """`decode_text` of a file's bytes."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or 'error'})") from None
    return decode_text(raw, path, windows_fallback=windows_fallback)


def csv_rows(path: Path, text: str, delimiter: str = ",") -> Iterator[tuple[int, list[str]]]:
    """(line, fields) for each record of CSV text, strictly: a quote never closed, a cell over
    131,072 characters or a row whose field count differs from the header's is refused with
    its line (a truncated or hand-edited export must not load part of a respondent)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    width: int | None = None
    try:
        for row in reader:
            line = reader.line_num
            if width is None:
                width = len(row)
            elif len(row) != width and any(c.strip() for c in row):
                raise IngestError(
                    path,
                    f"expected {width} fields, found {len(row)}: is the file truncated or a "
                    "row cut?",
                    line=line,
                )
            yield line, row
    except csv.Error as exc:
        line = reader.line_num
        why = str(exc)
        if "field larger than field limit" in why:
            why = f"a cell longer than {FIELD_LIMIT:,} characters"
        elif "unexpected end of data" in why or "EOF" in why:
            why = "a quoted value is never closed: is the file truncated?"
        raise IngestError(path, why, line=max(line, 1)) from None


def check_header_unique(path: Path, header: list[str]) -> None:
    """A column named twice is refused (a reader would keep one of them silently)."""
    seen: set[str] = set()
    for name in header:
        key = name.strip().casefold()
        if key and key in seen:
            raise IngestError(
                path, "column appears twice", line=1, field=name.strip(), hint="Keep one of them"
            )
        seen.add(key)
