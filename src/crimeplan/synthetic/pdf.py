"""Write synthetic written responses: a minimal, valid PDF whose text layer holds given lines,
and the Word and e-mail forms of the same lines.

Hand-written PDF 1.4: one Helvetica font (WinAnsiEncoding), one content stream per page, one
`Tj` per line, and a correct cross-reference table, so pypdf and other readers extract the
lines as written. Used instead of WeasyPrint to keep the test fixtures fast and byte-stable.
"""

from __future__ import annotations

from pathlib import Path

LINES_PER_PAGE = 48


def _escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def write_pdf(path: str | Path, lines: list[str], title: str = "Response") -> None:
    """Write `lines` to a PDF at `path`, 48 lines to an A4 page."""
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, max(len(lines), 1), LINES_PER_PAGE)]
    objects: list[bytes] = []
    page_ids = [4 + 2 * i for i in range(len(pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for i, page_lines in enumerate(pages):
        content = b"BT /F1 10 Tf 14 TL 56 790 Td\n"
        for line in page_lines:
            content += b"(" + _escape(line) + b") Tj T*\n"
        content += b"ET"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_ids[i] + 1} 0 R >>".encode()
        )
        objects.append(
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        )
    info_id = len(objects) + 1
    objects.append(b"<< /Title (" + _escape(title) + b") /Producer (crimeplan) >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info_id} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    Path(path).write_bytes(bytes(out))


def write_docx(path: str | Path, lines: list[str]) -> None:
    """Write `lines` to a Word file at `path`, a paragraph each."""
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))


def write_eml(path: str | Path, sender: str, body: str) -> None:
    """Write an e-mail response to the 2017 consultation's address, from `sender`."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = sender
    message["To"] = "consultation@mopac.example.org"
    message["Subject"] = "Draft Police and Crime Plan"
    message["Date"] = "Mon, 20 Feb 2017 10:00:00 +0000"
    message.set_content(body)
    Path(path).write_bytes(bytes(message))
