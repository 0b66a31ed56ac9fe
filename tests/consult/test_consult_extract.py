"""Text extraction from each format: every `X.expected` beside a file `X` is its whole text.

One more file in tests/consult/files/ with its `.expected` is one more test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crimeplan.consult.extract import extract_text
from crimeplan.errors import IngestError

FILES = Path(__file__).with_name("files")
EXPECTED = sorted(FILES.glob("*.expected"))


def _normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("expected", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_whole_text_is_extracted(expected: Path) -> None:
    source = expected.with_suffix("")
    got = extract_text(source)
    assert _normalise(got.text) == _normalise(expected.read_text(encoding="utf-8"))
    assert got.method


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("not-really.pdf", r"not-really\.pdf: cannot read the PDF"),
        ("scanned.pdf", r"scanned\.pdf: the PDF has no text layer \(a scan\?\)\. Run OCR"),
        ("not-really.docx", r"not-really\.docx: not a readable \.docx file"),
        ("notes.rtf", r"notes\.rtf: cannot read '\.rtf' files\. Supported: \.txt"),
        ("missing.txt", r"missing\.txt: the file does not exist"),
    ],
)
def test_unreadable_files_say_why(name: str, message: str) -> None:
    with pytest.raises(IngestError, match=message):
        extract_text(FILES / name)


def test_windows_1252_is_named_in_the_method() -> None:
    assert "Windows-1252" in extract_text(FILES / "windows-1252.txt").method
