"""Zip archives from outside (a police.uk download, a .docx, an .xlsx), checked before use.

Every member name is checked before anything is opened or written: no absolute path, no `..`,
no drive letter, no symbolic link, no name twice (the zip-slip family of attacks). Sizes are
checked from the central directory against limits (OWASP's file-upload guidance on zip bombs):
the total uncompressed size, the number of members and each member's compression ratio.
Python's `zipfile` never returns more bytes than a member declares and checks its CRC, so a
member that lies about its size fails while being read instead of filling the disk.
"""

from __future__ import annotations

import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

from crimeplan.errors import IngestError

MAX_MEMBERS = 20_000
MAX_TOTAL_BYTES = 4 << 30  # 4 GiB: a decade of every force's police.uk months is about 2 GiB
MAX_RATIO = 200  # CSV compresses about 10:1 and Office XML about 20:1; bombs reach 1,000:1+
RATIO_FLOOR = 1 << 20  # members under 1 MiB may compress as they like


def _unsafe_name(name: str) -> str | None:
    """Why a member name is unsafe, or None."""
    if not name or "\x00" in name:
        return "an empty name or a NUL byte"
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return "an absolute path"
    if ".." in PurePosixPath(posix).parts:
        return "a '..' part that leaves the archive's folder"
    return None


def check_zip(
    path: Path, *, max_total: int = MAX_TOTAL_BYTES, what: str = "zip archive"
) -> list[zipfile.ZipInfo]:
    """The members of a safe zip file; an IngestError names the first problem found."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise IngestError(path, f"not a readable {what} ({reason(exc)})") from None
    if len(infos) > MAX_MEMBERS:
        raise IngestError(path, f"holds {len(infos):,} files; the most allowed is {MAX_MEMBERS:,}")
    seen: set[str] = set()
    total = 0
    for info in infos:
        why = _unsafe_name(info.filename)
        if why is None and stat.S_ISLNK(info.external_attr >> 16):
            why = "a symbolic link"
        if why is None and info.filename in seen:
            why = "a name that appears twice"
        if why is not None:
            raise IngestError(
                path,
                f"unsafe archive: member {info.filename[:80]!r} has {why}",
                hint="Nothing was read from it; re-create the archive from the original files",
            )
        seen.add(info.filename)
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise IngestError(
                path,
                f"member {info.filename[:80]!r} expands {info.file_size // max(info.compress_size, 1):,}"
                f" times (the most allowed is {MAX_RATIO}): a zip bomb?",
            )
    if total > max_total:
        raise IngestError(
            path,
            f"expands to {total:,} bytes; the most allowed is {max_total:,}: a zip bomb?",
        )
    return infos


def extract_members(path: Path, names: list[str], workdir: Path) -> list[Path]:
    """Extract the named members of an archive `check_zip` passed into `workdir`, member by
    member, each at most its declared size (zipfile enforces it and checks the CRC)."""
    out: list[Path] = []
    root = workdir.resolve()
    try:
        with zipfile.ZipFile(path) as z:
            for name in names:
                target = (root / name.replace("\\", "/")).resolve()
                if not target.is_relative_to(root):  # belt and braces after check_zip
                    raise IngestError(path, f"unsafe archive: member {name[:80]!r}")
                target.parent.mkdir(parents=True, exist_ok=True)
                with z.open(name) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
                out.append(target)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise IngestError(path, f"a member cannot be read ({reason(exc)})") from None
    return out


def reason(exc: BaseException) -> str:
    """An exception's message without any file path in it (an OSError's carries one)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
