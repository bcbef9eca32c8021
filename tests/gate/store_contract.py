"""What every history-store backend must do; test_store.py runs it on SQLite,
test_store_postgresql.py on a PostgreSQL server of its own. A subclass provides open(upto)."""
import json
import os
import subprocess
import tempfile
from pathlib import Path

import support
import synthetic
from bfreport import store, store_schema, trends

FIVE = support.DATA / "hello-5-repetitions.json"
TWO = support.DATA / "hello-2-repetitions.json"


def git_repo(path: Path, dates):
    """A repository with one commit per ISO date (committer date), oldest first; its shas."""
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    shas = []
    for index, date in enumerate(dates):
        (path / "f").write_text(str(index))
        subprocess.run(["git", "-C", str(path), "add", "f"], check=True)
        subprocess.run(["git", "-C", str(path), "commit", "-qm", f"commit {index}"], check=True,
                       env=dict(env, GIT_COMMITTER_DATE=date, GIT_AUTHOR_DATE=date))
        shas.append(subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], check=True,
                                   capture_output=True, text=True).stdout.strip())
    return shas


def counts_document(commit, values, **context):
    return {"format": "bfbench-instructions/1",
            "context": {"git_commit": commit, "cpu_model": "Test CPU", **context},
            "benchmarks": [{"name": name, "instructions": value, "code_bytes": 100.0}
                           for name, value in values.items()]}


class StoreContract:
    def open(self, upto=store_schema.LATEST) -> store.Store:
        raise NotImplementedError

    def setUp(self):
        self.scratch = tempfile.TemporaryDirectory()
        self.path = Path(self.scratch.name)

    def tearDown(self):
        self.scratch.cleanup()

    def test_a_new_database_has_the_latest_schema(self):
        with self.open() as db:
            self.assertEqual(db.version(), store_schema.LATEST)
            rows = db.query("SELECT version, description FROM schema_version ORDER BY version")
            self.assertEqual([r[0] for r in rows], list(range(1, store_schema.LATEST + 1)))

    def test_an_old_database_is_migrated_and_keeps_its_rows(self):
        with self.open(upto=1) as db:
            self.assertEqual(db.version(), 1)
            with db.transaction() as cursor:
                db.execute(cursor, "INSERT INTO machines (identity, facts) VALUES (?, ?)",
                           ("old", "{}"))
                db.execute(cursor, "INSERT INTO commits (sha) VALUES (?)", ("abc",))
                db.execute(cursor, "INSERT INTO runs (commit_sha, machine_id, kind, source, "
                                   "recorded_at, context) VALUES (?, 1, ?, ?, ?, ?)",
                           ("abc", "instructions", "import", "2026-01-01T00:00:00Z", "{}"))
        with self.open() as db:
            self.assertEqual(db.version(), store_schema.LATEST)
            self.assertEqual(db.query("SELECT commit_sha, digest FROM runs"), [("abc", None)])
            done = db.record_file(FIVE, source="import")   # the new column in use
            self.assertIsNotNone(done.run_id)
            self.assertIsNone(db.record_file(FIVE, source="import").run_id)

    def test_import_is_idempotent_and_stores_every_sample_and_counter(self):
        with self.open() as db:
            first = db.record_file(FIVE, source="import")
            again = db.record_file(FIVE, source="import")
            self.assertIsNotNone(first.run_id)
            self.assertIsNone(again.run_id)
            self.assertEqual(db.query("SELECT COUNT(*) FROM runs"), [(1,)])
            samples = db.query("SELECT repetition, value, unit FROM measurements WHERE "
                               "benchmark = ? AND metric = ? ORDER BY repetition",
                               ("run/naive/hello/O0", "real_time"))
            data = json.loads(FIVE.read_text())
            expected = [r["real_time"] * 1e-6 for r in data["benchmarks"]
                        if r["name"] == "run/naive/hello/O0" and r["run_type"] == "iteration"]
            self.assertEqual([r[0] for r in samples], list(range(len(expected))))
            for (_, value, unit), want in zip(samples, expected):
                self.assertAlmostEqual(value, want)
                self.assertEqual(unit, "s")
            metrics = {r[0] for r in db.query("SELECT DISTINCT metric FROM measurements")}
            self.assertTrue({"real_time", "cpu_time", "ops", "output_bytes"} <= metrics, metrics)
            row = db.query("SELECT phase, engine, program, level FROM measurements WHERE "
                           "benchmark = ?", ("run/naive/hello/O0",))[0]
            self.assertEqual(row, ("run", "naive", "hello", "O0"))

    def test_commit_dates_come_from_git_and_unknown_commits_have_none(self):
        shas = git_repo(self.path / "repo", ["2026-03-01T10:00:00+02:00"])
        with self.open() as db:
            known = db.record(counts_document(shas[0][:12], {"run/naive/p/O3": 10}),
                              digest="a", source="test", repo=self.path / "repo")
            unknown = db.record(counts_document("feedface", {"run/naive/p/O3": 10}),
                                digest="b", source="test", repo=self.path / "repo")
            self.assertEqual(known.commit.sha, shas[0])   # the full sha
            commits = dict(db.query("SELECT sha, committed_at FROM commits"))
            self.assertEqual(commits, {shas[0]: "2026-03-01T08:00:00Z", "feedface": None})
            self.assertEqual(unknown.commit.committed_at, None)

    def test_machines_are_told_apart_and_series_stay_within_one(self):
        with self.open() as db:
            db.record(counts_document("run-one", {"run/naive/p/O3": 10}), digest="1", source="t")
            db.record(counts_document("run-two", {"run/naive/p/O3": 11}), digest="2", source="t")
            db.record(counts_document("run-one", {"run/naive/p/O3": 99}, cpu_model="Other CPU"),
                      digest="3", source="t")
            machines = db.machines("instructions")
            self.assertEqual([m[2] for m in machines], [2, 1])
            chosen, notes = trends.choose_machine(db, "instructions", None)
            self.assertEqual(chosen, machines[0][0])
            self.assertIn("1 other machine(s) left out", notes[0])
            series = trends.build(db, "instructions", "run", "O3", chosen)
            self.assertEqual([p.median for p in series[0].points], [10, 11])
            pooled = trends.build(db, "instructions", "run", "O3", None)
            self.assertEqual(sorted(p.median for p in pooled[0].points), [11, 54.5])

    def test_a_local_record_completes_the_machine_with_this_kernel(self):
        with self.open() as db:
            done = db.record(counts_document("run-one", {"run/naive/p/O3": 10}), digest="1",
                             source="gate", local=True)
            facts = json.loads(db.query("SELECT facts FROM machines WHERE identity = ?",
                                        (done.machine,))[0][0])
            self.assertEqual(facts["kernel"], os.uname().release)
            self.assertEqual(facts["cpu_model"], "Test CPU")   # the file's word wins

    def test_series_follow_commit_dates_not_import_order_and_find_the_shift(self):
        dates = [f"2026-02-{day:02d}T12:00:00+00:00" for day in range(1, 13)]
        shas = git_repo(self.path / "repo", dates)
        with self.open() as db:
            for index in reversed(range(12)):     # newest first
                value = 1_000_000 if index < 6 else 1_200_000
                db.record(counts_document(shas[index], {"run/naive/p/O3": value + index}),
                          digest=str(index), source="t", repo=self.path / "repo")
            series = trends.build(db, "instructions", "run", "O3", None)
            self.assertEqual([p.commit for p in series[0].points], shas)
            changes = series[0].changes
            self.assertEqual([c.index for c in changes], [6])
            self.assertEqual(series[0].points[changes[0].index].commit, shas[6])
            self.assertAlmostEqual(changes[0].ratio, 1.2, places=2)

    def test_failed_benchmarks_are_kept_apart(self):
        data = synthetic.matrix(errors={"run/naive/alpha/O1"}, repetitions=2)
        with self.open() as db:
            done = db.record(data, digest="x", source="t")
            self.assertEqual(db.query("SELECT benchmark, message FROM failures"),
                             [("run/naive/alpha/O1", "wrong output")])
            self.assertEqual(db.query("SELECT COUNT(*) FROM measurements WHERE benchmark = ?",
                                      ("run/naive/alpha/O1",)), [(0,)])
            self.assertGreater(done.measurements, 0)
