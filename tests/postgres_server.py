"""A real PostgreSQL server for the gradebook's tests: Debian's postgresql package, started in a
throwaway data folder on loopback, stopped when the tests end.

`start()` returns the server or the one-line reason it cannot start here (no PostgreSQL
installed, or no user it may run as: initdb refuses root, so as root the server runs as the
`postgres` user the package made). `make system-packages` installs the package when run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0)
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    folder: Path
    port: int
    as_user: list[str]
    pg_ctl: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database on this server; its SQLAlchemy URL."""
        import psycopg

        name = "gc100_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.as_user, self.pg_ctl, "-D", str(self.folder / "data"), "-m", "fast",
                        "-w", "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> tuple[Server | None, str]:
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not (initdb and pg_ctl):
        return None, "PostgreSQL is not installed (Debian's postgresql; make system-packages installs it as root)"
    as_user: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="gc100-pg-"))
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            return None, "running as root, and there is no postgres user to run the server as"
        runuser = shutil.which("runuser")
        if runuser is None:
            return None, "running as root without runuser to start PostgreSQL as the postgres user"
        as_user = [runuser, "-u", "postgres", "--"]
        os.chown(folder, account.pw_uid, account.pw_gid)
    port = _free_port()
    data = folder / "data"
    steps = [[*as_user, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
              "--no-sync"],
             [*as_user, pg_ctl, "-D", str(data), "-l", str(folder / "server.log"), "-w", "-t", "60",
              "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -F", "start"]]
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["?"]
            shutil.rmtree(folder, ignore_errors=True)
            return None, f"PostgreSQL did not start: {Path(step[len(as_user)]).name}: {last[0]}"
    return Server(folder, port, as_user, pg_ctl), ""
