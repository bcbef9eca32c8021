"""The history store's schema as numbered migrations (reports/history-schema.md describes it).

Each step runs once, in order, in one transaction with the row that records it in
schema_version; a database made by an older bfbench is brought up to date when it is opened.
The SQL is written once for SQLite and PostgreSQL: `{id}` stands for each one's auto-numbered
primary key, and values are TEXT (ISO 8601 dates in UTC, JSON) or DOUBLE PRECISION.
Never edit a step that has shipped: add the next one.
"""
from typing import List, Tuple

MIGRATIONS: List[Tuple[str, List[str]]] = [
    ("machines, commits, runs, measurements, failures", [
        """CREATE TABLE machines (
               id {id},
               identity TEXT NOT NULL UNIQUE,
               cpu_model TEXT, cpu_features TEXT, kernel TEXT, libc TEXT, compiler TEXT,
               compiler_flags TEXT, build_type TEXT, valgrind TEXT, disabled_pass TEXT,
               facts TEXT NOT NULL)""",
        """CREATE TABLE commits (
               sha TEXT PRIMARY KEY,
               committed_at TEXT,
               subject TEXT)""",
        """CREATE TABLE runs (
               id {id},
               commit_sha TEXT NOT NULL REFERENCES commits (sha),
               machine_id INTEGER NOT NULL REFERENCES machines (id),
               kind TEXT NOT NULL,
               source TEXT NOT NULL,
               command TEXT,
               host_name TEXT,
               run_at TEXT,
               recorded_at TEXT NOT NULL,
               path TEXT,
               context TEXT NOT NULL)""",
        """CREATE TABLE measurements (
               run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
               benchmark TEXT NOT NULL,
               phase TEXT NOT NULL,
               engine TEXT NOT NULL,
               program TEXT NOT NULL,
               level TEXT NOT NULL,
               metric TEXT NOT NULL,
               unit TEXT NOT NULL,
               repetition INTEGER NOT NULL,
               value DOUBLE PRECISION NOT NULL,
               PRIMARY KEY (run_id, benchmark, metric, repetition))""",
        """CREATE TABLE failures (
               run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
               benchmark TEXT NOT NULL,
               message TEXT NOT NULL,
               PRIMARY KEY (run_id, benchmark))""",
    ]),
    ("runs.digest: importing the same result file twice records it once; series index", [
        "ALTER TABLE runs ADD COLUMN digest TEXT",
        "CREATE UNIQUE INDEX runs_by_digest ON runs (digest)",
        "CREATE INDEX measurements_by_series ON measurements (metric, phase, engine, program, "
        "level)",
    ]),
]

LATEST = len(MIGRATIONS)

VERSION_TABLE = """CREATE TABLE IF NOT EXISTS schema_version (
                       version INTEGER PRIMARY KEY,
                       description TEXT NOT NULL,
                       applied_at TEXT NOT NULL)"""
