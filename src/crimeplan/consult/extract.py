"""Extract the text of a written response from .txt, .md, .pdf, .docx or .eml files.

Each extractor returns the whole text and names the method used, which is stored with the text
so an analyst can judge it (a PDF's text layer can lose layout; a scanned PDF has none).
"""

from __future__ import annotations

import email
import email.policy
import html
import re
from dataclasses import dataclass
from email.message import EmailMessage
from importlib.metadata import version
from pathlib import Path

from crimeplan.errors import IngestError

SUPPORTED = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".eml": "message/rfc822",
}


@dataclass(frozen=True)
class Extracted:
    text: str
    method: str
    media_type: str


def _plain(path: Path) -> tuple[str, str]:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig"), "read as UTF-8 text"
    except UnicodeDecodeError:
        # Letters typed on Windows often arrive as cp1252; it decodes every byte.
        return raw.decode("cp1252"), "read as Windows-1252 text (not valid UTF-8)"


def _pdf(path: Path) -> tuple[str, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise IngestError(path, f"cannot read the PDF: {exc}") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise IngestError(
            path,
            "the PDF has no text layer (a scan?)",
            hint="Run OCR on it first or save the letter as .txt and list that file",
        )
    return text, f"pypdf {version('pypdf')} text layer, {len(pages)} page(s)"


def _docx(path: Path) -> tuple[str, str]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise IngestError(path, f"not a readable .docx file: {exc}") from exc
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            blocks.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(blocks), f"python-docx {version('python-docx')} paragraphs and tables"


def _html_to_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style).*?</\1>", "", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _eml(path: Path) -> tuple[str, str]:
    with path.open("rb") as fh:
        message = email.message_from_binary_file(fh, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        raise IngestError(path, "not an e-mail message")
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None or not isinstance(body, EmailMessage):
        raise IngestError(path, "the e-mail has no text or HTML body")
    content = body.get_content()
    text = content if body.get_content_subtype() == "plain" else _html_to_text(content)
    header = "\n".join(
        f"{name}: {message[name]}" for name in ("From", "Date", "Subject") if message[name]
    )
    kind = body.get_content_type()
    return f"{header}\n\n{text}", f"stdlib email, {kind} body with From/Date/Subject"


def extract_text(path: str | Path) -> Extracted:
    """The whole text of one response file and the method that read it."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise IngestError(
            path,
            f"cannot read '{suffix or 'no extension'}' files",
            hint="Supported: " + ", ".join(SUPPORTED),
        )
    if not path.is_file():
        raise IngestError(path, "the file does not exist")
    readers = {".txt": _plain, ".md": _plain, ".pdf": _pdf, ".docx": _docx, ".eml": _eml}
    text, method = readers[suffix](path)
    return Extracted(text=text, method=method, media_type=SUPPORTED[suffix])
