"""Write a report's files all or nothing: stage them beside the target, then move them in.

Everything is produced in a temporary folder in the same parent as the output folder, so a
failure half-way leaves the output folder as it was. Only when every file is complete are
they moved into place with `os.replace`, which is atomic within one file system.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_output(out_dir: Path) -> Iterator[Path]:
    """Yield a staging folder; on success its files replace those of the same name in
    `out_dir` (created if missing); on any error the staging folder is removed."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; the report folder should not be
    try:
        yield staging
        if not out_dir.exists():
            staging.rename(out_dir)
            return
        for item in sorted(staging.iterdir()):
            os.replace(item, out_dir / item.name)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
