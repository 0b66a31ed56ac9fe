"""Read a folder of written responses and its manifest into items with extracted text.

The folder holds the response files (.txt, .md, .pdf, .docx, .eml) and `manifest.csv` with the
columns `file, respondent_name, category, organisation, received` (docs/consultation-data.md).
Every file must be listed and every listed file present, so nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from crimeplan.consult.consultation_file import Consultation
from crimeplan.consult.extract import SUPPORTED, Extracted, extract_text
from crimeplan.errors import IngestError
from crimeplan.ingest.decoding import check_header_unique, csv_rows, read_text

MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ("file", "respondent_name", "category", "organisation", "received")


@dataclass(frozen=True)
class WrittenItem:
    line: int
    file: str
    respondent_name: str | None
    category: str
    organisation: str | None
    received: date | None
    sha256: str
    extracted: Extracted


def _received(text: str, manifest: Path, line: int) -> date | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise IngestError(
        manifest, f"'{text}' is not a date (use 2017-02-23)", line=line, field="received"
    )


def read_written(folder: str | Path, consultation: Consultation) -> list[WrittenItem]:
    """Every response listed in the folder's manifest, its text extracted whole."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(folder, "not a folder", hint="Give the folder holding manifest.csv")
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise IngestError(
            manifest,
            "no manifest in the folder",
            hint=f"Add {MANIFEST} with columns " + ", ".join(MANIFEST_COLUMNS),
        )
    categories = {c.code.casefold(): c.code for c in consultation.respondent_categories}
    categories.update({c.label.casefold(): c.code for c in consultation.respondent_categories})
    items: list[WrittenItem] = []
    listed: dict[str, int] = {}
    text, _ = read_text(manifest)
    rows = csv_rows(manifest, text)
    header = [h.strip() for h in next(rows, (1, []))[1]]
    check_header_unique(manifest, header)
    missing = [c for c in ("file", "category") if c not in header]
    if missing:
        raise IngestError(manifest, "missing column", line=1, field=missing[0])
    for line, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        values = {k: v.strip() for k, v in zip(header, cells, strict=True)}
        name = values.get("file", "")
        if not name:
            raise IngestError(manifest, "empty file name", line=line, field="file")
        if name in listed:
            raise IngestError(
                manifest,
                f"'{name}' is also listed on line {listed[name]}",
                line=line,
                field="file",
            )
        listed[name] = line
        path = folder / name
        if Path(name).name != name or not path.is_file():
            raise IngestError(
                manifest, f"'{name}' is not a file in {folder.name}/", line=line, field="file"
            )
        category = categories.get(values.get("category", "").casefold())
        if category is None:
            raise IngestError(
                manifest,
                f"'{values.get('category', '')}' is not a respondent category (categories: "
                + ", ".join(c.code for c in consultation.respondent_categories)
                + ")",
                line=line,
                field="category",
            )
        items.append(
            WrittenItem(
                line=line,
                file=name,
                respondent_name=values.get("respondent_name") or None,
                category=category,
                organisation=values.get("organisation") or None,
                received=_received(values.get("received", ""), manifest, line),
                sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
                extracted=extract_text(path),
            )
        )
    unlisted = sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED and p.name not in listed
    )
    if unlisted:
        raise IngestError(
            manifest,
            f"{len(unlisted)} file(s) in the folder are not listed: " + ", ".join(unlisted[:5]),
            hint="List each one in the manifest or move it out",
        )
    return items
