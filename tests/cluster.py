"""Run the real product in subprocesses: an isolated SQLite file, real `manage.py` commands
and a real django-q2 `qcluster` in its own process group (so a test can kill -9 it).

Used by the slow tests; each environment lives in a temporary directory.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# CI runs the suite a second time with DATABASE_URL=postgres://...; the subprocess tests
# bring their own database, so that pass would only repeat them (they skip on it).
SUITE_ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


class ProductEnv:
    def __init__(self, tmp_path: Path, *, database_url: str = "", **env_overrides: str):
        """`database_url`: run on that database (e.g. a fresh PostgreSQL database from
        tests/infra/helpers.py `pg_database`) instead of the isolated SQLite file."""
        self.var_dir = tmp_path / "var"
        self.database_url = database_url
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tenantarmor.settings.local",
            "TENANTARMOR_VAR_DIR": str(self.var_dir),
            "DATABASE_URL": database_url,
            "PYTHONUNBUFFERED": "1",
            **env_overrides,
        }
        self.cluster: subprocess.Popen | None = None
        self.cluster_log = tmp_path / "qcluster.log"
        self._log_file = None

    @property
    def db_path(self) -> Path:
        return self.var_dir / "tenantarmor.sqlite3"

    def manage(self, *args: str, check: bool = True, timeout: float = 300, stdin: str | None = None):
        proc = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            input=stdin,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        return proc

    def setup(self) -> ProductEnv:
        self.manage("migrate", "--noinput")
        self.manage("createcachetable")
        self.manage("load_default_templates")
        return self

    def start_cluster(self, *, wait: float = 30) -> subprocess.Popen:
        self._close_log()
        self._log_file = log = self.cluster_log.open("a")
        self.cluster = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "qcluster"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group
        )
        self._wait_for_heartbeat(wait)
        return self.cluster

    def _wait_for_heartbeat(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        probe = "from django_q.status import Stat; print('HEARTBEATS', len(Stat.get_all()))"
        while time.monotonic() < deadline:
            out = self.manage("shell", "-v", "0", "-c", probe, check=False).stdout
            counts = [line.split()[1] for line in out.splitlines() if line.startswith("HEARTBEATS ")]
            if counts and int(counts[-1]) > 0:
                return
            time.sleep(0.5)
        raise AssertionError(f"qcluster did not start:\n{self.cluster_log.read_text()[-3000:]}")

    def _close_log(self) -> None:
        if self._log_file:
            self._log_file.close()
            self._log_file = None

    def kill_cluster(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (every worker dies mid-task with SIGKILL)."""
        if self.cluster and self.cluster.poll() is None:
            os.killpg(self.cluster.pid, sig)
            self.cluster.wait(timeout=30)
        self.cluster = None
        self._close_log()

    def stop_cluster(self) -> None:
        """Graceful stop: SIGTERM to the main PID only (django-q2-and-cache.md P8)."""
        if self.cluster and self.cluster.poll() is None:
            self.cluster.send_signal(signal.SIGTERM)
            try:
                self.cluster.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill_cluster()
        self.cluster = None
        self._close_log()

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Plain SQL with `?` placeholders, on SQLite or (with `database_url`) PostgreSQL."""
        if self.database_url.startswith(("postgres://", "postgresql://")):
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as conn:
                return [tuple(row) for row in conn.execute(sql.replace("?", "%s"), params).fetchall()]
        with sqlite3.connect(self.db_path, timeout=30) as conn:
            return conn.execute(sql, params).fetchall()

    def status_counts(self, batch_id: int) -> dict[str, int]:
        rows = self.query(
            "SELECT status, COUNT(*) FROM batches_batchitem WHERE batch_id=? GROUP BY status", (batch_id,)
        )
        return dict(rows)

    def json_command(self, *args: str, **kwargs) -> dict:
        proc = self.manage(*args, "--json", **kwargs)
        return json.loads(proc.stdout)
