"""The work a kill test interrupts, run as its own process: `python kill_child.py KIND ARGS`.

Prints "go" once everything is imported, then does the work; the test kills it with SIGKILL
at a random moment and checks what is left is the old state or the new one.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(kind: str, *args: str) -> None:
    if kind == "ingest":
        from crimeplan.ingest.mps_crime import ingest_mps_crime
        from crimeplan.store import Store

        store = Store(args[0])
        print("go", flush=True)
        ingest_mps_crime(store, Path(args[1]))
        store.close()
    elif kind == "intake":
        from crimeplan.consult.intake import ingest_survey
        from crimeplan.store.appdb import AppDB

        db = AppDB(args[0])
        print("go", flush=True)
        ingest_survey(db, Path(args[1]), "kill-test", slug=args[2])
        db.dispose()
    elif kind == "migrate":
        from crimeplan.store.appdb import upgrade

        print("go", flush=True)
        upgrade(args[0])
    else:
        raise SystemExit(f"unknown kind {kind}")
    print("done", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
