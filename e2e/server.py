"""Run the real app under uvicorn in a subprocess with its own fresh SQLite database."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_PREPARED: Path | None = (
    None  # this process's first freshly prepared database (see AppServer.prepare)
)


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class AppServer:
    """The app as a new user meets it: migrated, demo content loaded, served over ASGI."""

    def __init__(self, workdir: Path, *, env: dict[str, str] | None = None) -> None:
        self.workdir = workdir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {**os.environ, **(env or {})}
        self.env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'e2e.sqlite3'}")
        self.env.setdefault("MEDIA_ROOT", str(workdir / "media"))
        self.env.setdefault("SECRET_KEY", "e2e-secret-key-for-tests-only-0123456789abcdef")
        self.env.pop("REDIS_URL", None) if "REDIS_URL" not in (env or {}) else None
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = workdir / "server.log"

    def prepare(self) -> None:
        """Migrate a fresh database and load the demo content.

        The first server of a test process does it; later ones (modules with a server of their
        own) start from a copy of that fresh database and media folder, which is the same state
        without another ten seconds of migrations and demo loading.
        """
        database = self.workdir / "e2e.sqlite3"
        if self.env["DATABASE_URL"] != f"sqlite:///{database}":
            self._migrate_and_load()
            return
        global _PREPARED
        if _PREPARED is None:
            self._migrate_and_load()
            _PREPARED = self.workdir / "prepared"
            _PREPARED.mkdir()
            for suffix in ("", "-wal"):
                if Path(f"{database}{suffix}").exists():
                    shutil.copy2(f"{database}{suffix}", _PREPARED / f"{database.name}{suffix}")
            if Path(self.env["MEDIA_ROOT"]).is_dir():
                shutil.copytree(self.env["MEDIA_ROOT"], _PREPARED / "media")
            return
        for suffix in ("", "-wal"):
            if (_PREPARED / f"{database.name}{suffix}").exists():
                shutil.copy2(_PREPARED / f"{database.name}{suffix}", f"{database}{suffix}")
        if (_PREPARED / "media").is_dir() and self.env["MEDIA_ROOT"] == str(self.workdir / "media"):
            shutil.copytree(_PREPARED / "media", self.workdir / "media", dirs_exist_ok=True)

    def _migrate_and_load(self) -> None:
        for args in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
            subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                check=True,
                stdout=subprocess.DEVNULL,
            )

    def start(self) -> None:
        """Start uvicorn and wait until /healthz answers."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "config.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"The app server exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"The app server did not start in {timeout} s; see {self.log_path}")

    def kill(self) -> None:
        """Kill the server abruptly (as a crash or power cut would)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """Stop the server gracefully."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    def restart(self) -> None:
        """Kill the server mid-flight and start it again on the same port."""
        self.kill()
        self.start()
