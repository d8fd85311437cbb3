"""Browser tests: Playwright drives the Debian `chromium` (headless) against the real product.

Everything runs as it does under `make run`, in subprocesses on one SQLite file: `manage.py
runserver` (the admin, static files) and a real `manage.py qcluster` (django-q2 workers), so
"progress reaches 100%" is real work done by real workers. The test process itself never
touches the database through the ORM (Playwright's sync API runs an event loop in this thread);
set up data through the UI or `product.shell(code)`.

Reusable fixtures (session-wide unless noted):
    product      -- ProductEnv with the server and the cluster running (tests/cluster.py)
    admin_page   -- a Playwright page (per test) logged in as the superuser
    login(page, username, password) -- sign another user in
Screenshots of every open page are saved under test-results/<test>/ when a test fails.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.cluster import ROOT, ProductEnv

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ADMIN_USER = "browser-admin"
ADMIN_PASSWORD = "Browser-Sample-Pass-42"  # a throwaway test database only


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def pytest_configure(config):
    # Screenshots of each page on failure, under test-results/ (pytest-playwright's options),
    # unless the command line asked for something else.
    if getattr(config.option, "screenshot", "off") == "off":
        config.option.screenshot = "only-on-failure"
    if getattr(config.option, "full_page_screenshot", None) is False:
        config.option.full_page_screenshot = True


@pytest.fixture(autouse=True)
def _async_unsafe_for_browser_tests(monkeypatch):
    """Playwright's sync API runs an event loop in this thread; Django would refuse ORM calls
    from it. Allowed for these tests only (the ORM is not used here, but fixtures may)."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class BrowserProduct(ProductEnv):
    """ProductEnv plus a web server."""

    server: subprocess.Popen | None = None
    base_url = ""

    def start_server(self, *, wait: float = 60) -> None:
        port = _free_port()
        self.base_url = f"http://127.0.0.1:{port}"
        self.server_log = (self.var_dir.parent / "runserver.log").open("a")
        self.server = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            stdout=self.server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base_url}/admin/login/", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise AssertionError("runserver did not start:\n" + (self.var_dir.parent / "runserver.log").read_text()[-3000:])

    def stop_server(self) -> None:
        if self.server and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.server.kill()
        self.server = None
        self.server_log.close()

    def shell(self, code: str) -> str:
        """Run Python in `manage.py shell` against the product's database; returns stdout."""
        return self.manage("shell", "-v", "0", "-c", code).stdout


@pytest.fixture(scope="session")
def product(tmp_path_factory) -> BrowserProduct:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)")
    env = BrowserProduct(
        tmp_path_factory.mktemp("browser-product"),
        DJANGO_DEBUG="true",  # runserver serves the admin's static files
        DJANGO_SUPERUSER_USERNAME=ADMIN_USER,
        DJANGO_SUPERUSER_PASSWORD=ADMIN_PASSWORD,
        DJANGO_SUPERUSER_EMAIL="",
        Q_WORKERS="2",
        BATCH_CONCURRENCY="2",
    )
    env.setup()
    env.manage("ensure_staff")
    env.start_cluster()
    env.start_server()
    yield env
    env.stop_server()
    env.stop_cluster()


@pytest.fixture(scope="session")
def base_url(product) -> str:
    return product.base_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "accept_downloads": True}


def login(page, username: str = ADMIN_USER, password: str = ADMIN_PASSWORD) -> None:
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture
def admin_page(page, product):
    page.set_default_timeout(20_000)
    login(page)
    return page


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    """Where README screenshots go: docs/screenshots/ with UPDATE_SCREENSHOTS=1 (then commit
    them), else test-results/readme-screenshots/ so a normal run leaves the checkout clean."""
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        path = ROOT / "docs" / "screenshots"
    else:
        path = ROOT / "test-results" / "readme-screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


__all__ = ["ADMIN_PASSWORD", "ADMIN_USER", "BrowserProduct", "login"]
