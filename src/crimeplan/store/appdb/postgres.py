"""Start a throw-away PostgreSQL 15 server on loopback, for tests and local trials.

`initdb` refuses to run as root, so when running as root the server runs as the `postgres`
system user (created by Debian's package) through `su postgres -s /bin/bash -c ...`, in a
scratch directory it owns, on 127.0.0.1 and a free port, with trust authentication (tests
only). See ../shared/DEPENDENCIES.md, "PostgreSQL on loopback as a non-root user".
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from crimeplan.errors import CrimeplanError

BIN = Path(os.environ.get("CRIMEPLAN_PG_BIN", "/usr/lib/postgresql/15/bin"))
DB_USER = "app"


class PostgresUnavailable(CrimeplanError):
    """No PostgreSQL server binaries, or they would not start."""


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _run(command: list[str], as_postgres: bool) -> None:
    line = shlex.join(command)
    args = ["su", "postgres", "-s", "/bin/bash", "-c", line] if as_postgres else command
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PostgresUnavailable(f"{command[0]} failed: {done.stderr.strip() or done.stdout}")


@dataclass
class PostgresServer:
    root: Path
    port: int
    as_postgres: bool

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{DB_USER}@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        dsn = f"host=127.0.0.1 port={self.port} user={DB_USER} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as con:
            con.execute(sql.encode())

    def create_database(self, name: str) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        try:
            _run(
                [str(BIN / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w", "stop"],
                self.as_postgres,
            )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_postgres() -> PostgresServer:
    """initdb and start a server in a new scratch directory; raise PostgresUnavailable if not."""
    if not (BIN / "initdb").is_file() or not (BIN / "pg_ctl").is_file():
        raise PostgresUnavailable(f"no PostgreSQL binaries in {BIN}")
    as_postgres = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="crimeplan-pg-"))
    if as_postgres:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    data = root / "data"
    _run(
        [
            str(BIN / "initdb"),
            "-D",
            str(data),
            "-U",
            DB_USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ],
        as_postgres,
    )
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off"
    _run(
        [
            str(BIN / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(root / "server.log"),
            "-o",
            options,
            "-w",
            "start",
        ],
        as_postgres,
    )
    return PostgresServer(root=root, port=port, as_postgres=as_postgres)
