"""Plumbing every loader shares: checksums, headers, DuckDB CSV errors, provenance rows."""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from crimeplan.errors import IngestError
from crimeplan.ingest.archives import reason


@dataclass
class IngestReport:
    """What one ingest did: files loaded or skipped, rows, warnings, revisions."""

    source: str
    files: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already ingested, unchanged
    rows: int = 0
    replaced: int = 0  # rows an earlier ingest had loaded and this one replaced
    revisions: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.source}: {len(self.files)} file(s), {self.rows:,} rows loaded"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} unchanged file(s) skipped")
        if self.replaced:
            parts.append(f"{self.replaced:,} earlier rows replaced")
        if self.revisions:
            parts.append(f"{self.revisions:,} published figures revised")
        return "; ".join(parts)


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def open_text(path: Path) -> io.TextIOWrapper:
    raw = gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")  # noqa: SIM115 (closed with the wrapper)
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def read_header(path: Path) -> list[str]:
    """The first row of a CSV file; errors for an empty file or one that is not UTF-8."""
    try:
        with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as raw:
            first_bytes = raw.readline(1 << 20)
        if first_bytes.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise IngestError(
                path,
                "UTF-16 text (Excel's 'Unicode Text'); this loader reads UTF-8",
                line=1,
                hint="Save the file as UTF-8 (CSV UTF-8 in Excel)",
            )
        first = first_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise IngestError(
            path,
            f"not UTF-8 text (byte {e.start} of the header)",
            line=1,
            hint="Save the file as UTF-8 (CSV UTF-8 in Excel)",
        ) from None
    except (OSError, EOFError) as e:
        raise IngestError(path, f"cannot be read ({reason(e)})") from None
    if not first.strip():
        raise IngestError(path, "the file is empty: no header row", line=1)
    if "\x00" in first:
        raise IngestError(path, "a NUL character: this is not a text file", line=1)
    try:
        return next(csv.reader([first], strict=True))
    except csv.Error as e:
        raise IngestError(path, f"the header is not CSV ({e})", line=1) from None


def check_utf8(path: Path) -> None:
    """Raise an IngestError naming the first line that is not UTF-8."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as e:
                line += chunk[: e.start].count(b"\n")
                raise IngestError(
                    path,
                    f"not UTF-8 text (byte {e.object[e.start]:#04x}); is it in another encoding?",
                    line=line,
                    hint="Save the file as UTF-8 (CSV UTF-8 in Excel)",
                ) from None
            line += chunk.count(b"\n")


_DUCK_LINE = re.compile(r"CSV Error on Line: (\d+)")


def csv_error(path: Path, err: duckdb.Error) -> IngestError:
    """Turn DuckDB's CSV reader error into one that names file and line."""
    text = str(err)
    m = _DUCK_LINE.search(text)
    line = int(m.group(1)) if m else None
    if "unterminated quote" in text:
        why = "a quoted value is never closed: is the file truncated?"
    elif "Expected Number of Columns" in text:
        found = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
        why = (
            f"expected {found.group(1)} fields, found {found.group(2)}: is the file truncated?"
            if found
            else "wrong number of fields"
        )
    elif "not utf-8" in text.lower() or "unicode" in text.lower():
        why = "not UTF-8 text; is it in another encoding?"
    elif "maximum line size" in text.lower():
        why = "a line too long to be a row of this table"
    else:
        # DuckDB's messages can name files by full path: keep the first clause only.
        why = re.sub(r"(/[^\s'\"]+)+", "<file>", text.splitlines()[0])
    return IngestError(path, why, line=line)


def already_ingested(con: duckdb.DuckDBPyConnection, source: str, sha: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM ingest_files WHERE source = ? AND sha256 = ?", [source, sha]
    ).fetchone()
    return bool(row and row[0])


def register_file(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    path: Path,
    sha: str,
    rows: int,
    level: str | None = None,
    vintage: str | None = None,
) -> int:
    """Add a provenance row and return its file_id."""
    (file_id,) = register_files(con, source=source, files=[(path, sha, rows, vintage)], level=level)
    return file_id


def next_file_ids(con: duckdb.DuckDBPyConnection, count: int) -> list[int]:
    """The ids `register_files` will give the next `count` files (a loader that writes rows
    before it knows each file's row count takes them first)."""
    # The next ids after the highest recorded, read inside the caller's transaction: a
    # DuckDB sequence is not rolled back, so a refused file would still have moved it.
    (top,) = con.execute(
        "SELECT greatest(coalesce(max(file_id), 0), "
        "(SELECT coalesce(max(last_value), 0) FROM duckdb_sequences() "
        "WHERE sequence_name = 'file_id_seq')) FROM ingest_files"
    ).fetchone() or (0,)
    return [int(top) + 1 + i for i in range(count)]


def register_files(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    files: list[tuple[Path, str, int, str | None]],
    level: str | None = None,
) -> list[int]:
    """Provenance rows for several files at once: (path, sha256, rows, vintage) each."""
    ids = next_file_ids(con, len(files))
    now = datetime.now(UTC).replace(tzinfo=None)
    con.executemany(
        "INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            [i, source, p.name, str(p.resolve()), sha, rows, level, vintage, now]
            for i, (p, sha, rows, vintage) in zip(ids, files, strict=True)
        ],
    )
    return ids


def line_of(path: Path, column: str, value: object) -> int | None:
    """The line of the first row whose `column` holds `value`, as read raw or trimmed (empty
    reads as None). For error messages only: it scans the file again."""
    with open_text(path) as fh:
        reader = csv.reader(fh)
        header = next(reader, [])
        if column not in header:
            return None
        index = header.index(column)
        for line, row in enumerate(reader, start=2):
            cell = row[index] if index < len(row) else ""
            if value in ((cell or None), (cell.strip() or None)):
                return line
    return None


def sql_str(path: Path) -> str:
    """A path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"
