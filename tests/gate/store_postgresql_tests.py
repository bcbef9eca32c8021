"""The history store's contract (store_contract.py) on a real PostgreSQL server that this test
starts itself: Debian's server binaries, a throw-away cluster in a temporary folder, reached on a
Unix socket only (no TCP port). initdb refuses to run as root, so as root the cluster belongs to
the package's `postgres` user. The server is stopped and the folder removed at the end, also
when a test fails. Skipped only where the binaries or psycopg2 are missing, and never under
CI=true (CI installs them: scripts/setup)."""
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import support  # noqa: F401
from bfreport import store, store_schema
from store_contract import StoreContract

PORT = 5432   # the socket is .s.PGSQL.5432 in our own folder: no clash with another server
SERVER = None


def _binaries():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _missing() -> str:
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "psycopg2 is not installed (Debian: python3-psycopg2; scripts/setup installs it)"
    if _binaries() is None:
        return ("the PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin/initdb; "
                "Debian: postgresql; scripts/setup installs it)")
    return ""


class Server:
    """A cluster under a temporary folder; `url` reaches its `postgres` database."""

    def __init__(self):
        self.bin = _binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="bfbench-pg-"))
        self.data = self.folder / "data"
        self.as_user = []
        self.started = False
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self.as_user = ["runuser", "-u", "postgres", "--"]
        user = "postgres" if self.as_user else pwd.getpwuid(os.geteuid()).pw_name
        self.url_of = lambda db: f"postgresql:///{db}?host={self.folder}&port={PORT}&user={user}"

    def _run(self, *command):
        done = subprocess.run(self.as_user + [str(c) for c in command], capture_output=True,
                              text=True, timeout=120)
        if done.returncode != 0:
            log = self.folder / "server.log"
            raise RuntimeError(f"{' '.join(map(str, command))}: exit {done.returncode}: "
                               f"{done.stderr.strip()} "
                               f"{log.read_text() if log.is_file() else ''}")

    def start(self):
        self._run(self.bin / "initdb", "-D", self.data, "-A", "trust", "-U",
                  "postgres" if self.as_user else pwd.getpwuid(os.geteuid()).pw_name,
                  "-E", "UTF8", "--no-sync")
        options = f"-k {self.folder} -p {PORT} -c listen_addresses='' -F"
        self._run(self.bin / "pg_ctl", "-D", self.data, "-o", options, "-l",
                  self.folder / "server.log", "-w", "-t", "60", "start")
        self.started = True

    def stop(self):
        try:
            if self.started:
                self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self, name: str) -> str:
        import psycopg2
        admin = psycopg2.connect(self.url_of("postgres"))
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        return self.url_of(name)


def setUpModule():
    global SERVER
    missing = _missing()
    if missing:
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"CI=true: {missing}")
        raise unittest.SkipTest(missing)
    SERVER = Server()
    unittest.addModuleCleanup(SERVER.stop)
    SERVER.start()


class PostgresStoreTest(StoreContract, unittest.TestCase):
    databases = 0

    def setUp(self):
        super().setUp()
        PostgresStoreTest.databases += 1
        self.url = SERVER.create_database(f"history_{PostgresStoreTest.databases}")

    def open(self, upto=store_schema.LATEST):
        return store.Store(self.url, upto)

    def test_the_url_selects_postgresql(self):
        with self.open() as db:
            self.assertEqual(db.dialect.name, "postgresql")
            self.assertEqual(db.query("SELECT current_database()"),
                             [(f"history_{PostgresStoreTest.databases}",)])

    def test_the_history_command_records_into_postgresql(self):
        done = support.run_script("history", "import", support.DATA / "hello-2-repetitions.json",
                                  "--db", self.url)
        self.assertEqual(done.returncode, 0, done.stderr)
        with self.open() as db:
            self.assertEqual(db.query("SELECT COUNT(*) FROM runs"), [(1,)])

    def test_an_unreachable_server_is_one_line(self):
        done = support.run_script("history", "machines", "--db",
                                  f"postgresql:///x?host={SERVER.folder}/none&port={PORT}")
        self.assertEqual(done.returncode, 66)
        self.assertIn("cannot connect", done.stderr)
        self.assertEqual(done.stderr.count("\n"), 1, done.stderr)


if __name__ == "__main__":
    unittest.main()
