"""A throw-away PostgreSQL server for the tests that carry the ``postgres`` marker.

``HRONIKA_TEST_POSTGRES`` (an SQLAlchemy URL of a database the tests may create databases
beside) is used when given.  Otherwise Debian's server binaries are found (installed with apt-get
when missing and running as root), a cluster is made in a temp folder (as the ``postgres`` user
when root: initdb refuses root), it listens on a Unix socket in that folder only, with trust
auth and without fsync (nothing here must survive), and it is stopped and removed at the end.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


class Unavailable(RuntimeError):
    """No PostgreSQL server can be had here; the message says why."""


def _bin_dir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
                  if Path(p).parent.name.isdigit() else 0)
    return Path(dirs[-1]) if dirs else None


def _install() -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise Unavailable("PostgreSQL's initdb and pg_ctl are not installed (Debian: apt-get install "
                          "postgresql) and this user cannot install them")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
        if done.returncode:
            raise Unavailable(f"{' '.join(cmd)} failed: {done.stderr.strip()[-500:]}")


class Server:
    """A PostgreSQL server of the test session; ``database()`` makes a fresh database on it."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self._user: str | None = None
        self._n = itertools.count(1)
        given = os.environ.get("HRONIKA_TEST_POSTGRES")
        if given:
            self.base = make_url(given).set(drivername="postgresql+psycopg")
        else:
            self.base = self._start()
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self.prefix = f"hronika_test_{os.getpid()}_"
        try:
            with self.admin.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            self.stop()
            raise Unavailable(f"cannot connect to {self.base.render_as_string(hide_password=True)}: "
                              f"{str(exc).splitlines()[0]}") from exc

    def _start(self) -> object:
        bindir = _bin_dir()
        if bindir is None:
            _install()
            bindir = _bin_dir()
            if bindir is None:
                raise Unavailable("postgresql was installed but no pg_ctl was found")
        user = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError as exc:
                raise Unavailable("running as root and there is no 'postgres' user to run initdb as") from exc
            user = "postgres"
        self._user = user
        self.folder = Path(tempfile.mkdtemp(prefix="hronika-pg-"))
        if user:
            shutil.chown(self.folder, user)
        data = self.folder / "data"
        self._run([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                   "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], "initdb")
        opts = (f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                f"-c full_page_writes=off -c max_connections=60")
        self._run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "log"), "-w",
                   "-t", "60", "-o", opts, "start"], "pg_ctl start")
        self._pg_ctl = bindir / "pg_ctl"
        return make_url(f"postgresql+psycopg://postgres@/postgres?host={self.folder}")

    def _run(self, cmd: list[str], what: str) -> None:
        done = subprocess.run(cmd, user=self._user, capture_output=True, text=True, timeout=120,
                              cwd=str(self.folder))
        if done.returncode:
            log = self.folder / "log"
            tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
            raise Unavailable(f"{what} failed: {(done.stderr or done.stdout).strip()[-800:]} {tail}")

    def database(self) -> str:
        """The URL of a new, empty database (its name unique within this session)."""
        name = f"{self.prefix}{next(self._n)}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\''))
        return self.base.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            names = conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                 {"p": self.prefix + "%"}).scalars().all()
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def stop(self) -> None:
        if self.folder is None:
            self.admin.dispose()
            return
        self.admin.dispose()
        try:
            self._run([str(self._pg_ctl), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop"],
                      "pg_ctl stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _null_pool():
    from sqlalchemy.pool import NullPool

    return NullPool
