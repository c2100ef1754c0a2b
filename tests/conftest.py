"""Shared fixtures: the reference data folder and database servers for the storage tests."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip (with the reason) where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"reference corpora not found at {SHARED_DATA} (CI always has them)")
    return SHARED_DATA


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(cmd: list[str], user: str | None) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the ``postgres`` user then."""
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server on a temporary directory for this test session, or a skip."""
    if os.environ.get("STORYLINE_TEST_PG"):
        yield os.environ["STORYLINE_TEST_PG"]
        return
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (make test installs it where apt-get can)")
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server")
        user = "postgres"
    tmp = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    if user:
        shutil.chown(tmp, user)
    data, port = tmp / "data", _free_port()
    run = {"check": True, "capture_output": True, "timeout": 120}
    try:
        initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "storyline", "-A", "trust"]
        subprocess.run(_as_server_user(initdb, user), **run)  # type: ignore[call-overload]
        options = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off"
        start = [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "start",
                 "-l", str(tmp / "log")]  # fmt: skip
        subprocess.run(_as_server_user(start, user), **run)  # type: ignore[call-overload]
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        pytest.skip(f"could not start PostgreSQL: {exc} {detail.decode(errors='replace')}")
    try:
        yield f"postgresql+psycopg://storyline@127.0.0.1:{port}/postgres"
    finally:
        stop = [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
        subprocess.run(_as_server_user(stop, user), capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


def _new_pg_database(base_url: str) -> str:
    from sqlalchemy import create_engine, text

    # A free port is no unique name: the system hands the same port out again.
    name = f"t{os.getpid()}_{uuid.uuid4().hex[:16]}"
    engine = create_engine(base_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
    finally:
        engine.dispose()
    return base_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh, empty database URL: SQLite in a folder of its own, and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    return _new_pg_database(request.getfixturevalue("postgres_url"))
