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
from crimeplan.ingest.archives import check_zip, reason
from crimeplan.ingest.decoding import read_text

MAX_DOCX_BYTES = 256 << 20  # uncompressed; a long letter with photographs is a few MB
MAX_TEXT_CHARS = 2_000_000  # about 300,000 words: far beyond any letter

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
    text, words = read_text(path, windows_fallback=True)
    return text, f"read as {words}"


def _pdf(path: Path) -> tuple[str, str]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise IngestError(
                path,
                "the PDF is encrypted (password protected)",
                hint="Save an unprotected copy and list that file",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged or hostile file
        raise IngestError(path, f"cannot read the PDF ({reason(exc)})") from None
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

    check_zip(path, max_total=MAX_DOCX_BYTES, what=".docx file")
    try:
        document = docx.Document(str(path))
        blocks = [p.text for p in document.paragraphs]
        for table in document.tables:
            for row in table.rows:
                blocks.append("\t".join(cell.text for cell in row.cells))
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml and its own errors
        raise IngestError(path, f"not a readable .docx file ({reason(exc)})") from None
    return "\n".join(blocks), f"python-docx {version('python-docx')} paragraphs and tables"


def _html_to_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style).*?</\1>", "", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</li>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _eml(path: Path) -> tuple[str, str]:
    with path.open("rb") as fh:
        try:
            message = email.message_from_binary_file(fh, policy=email.policy.default)
        except Exception as exc:  # the parser is lenient, but header folding can still raise
            raise IngestError(path, f"not a readable e-mail ({reason(exc)})") from None
    if not isinstance(message, EmailMessage):
        raise IngestError(path, "not an e-mail message")
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None or not isinstance(body, EmailMessage):
        raise IngestError(path, "the e-mail has no text or HTML body")
    try:
        content = body.get_content()
    except LookupError:
        charset = body.get_content_charset()
        raise IngestError(
            path,
            f"the e-mail body is in an unknown character set {charset!r}",
            hint="Save the message as .txt in UTF-8 and list that file",
        ) from None
    # Decoding records what it had to skip; a damaged body would be stored as garbage.
    bad = [d for d in body.defects if "Base64" in type(d).__name__]
    if bad:
        raise IngestError(path, f"the e-mail body is not valid base64 ({type(bad[0]).__name__})")
    if "\x00" in content:
        raise IngestError(path, "the e-mail body holds NUL characters: not text")
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
    text = text.replace("\x00", "")
    if len(text) > MAX_TEXT_CHARS:
        raise IngestError(
            path,
            f"{len(text):,} characters of text; the most one response may hold is "
            f"{MAX_TEXT_CHARS:,}",
            hint="Split it or check it is a response",
        )
    return Extracted(text=text, method=method, media_type=SUPPORTED[suffix])
