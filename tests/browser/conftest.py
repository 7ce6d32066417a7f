"""The browser suite: Debian's Chromium driven by Playwright against the app served like
`make serve` (gunicorn, DEBUG off, static files by whitenoise) on a throw-away demo database.

Run it with `make test-browser` (plain `make test` leaves it out: it is marked `browser`).
Without /usr/bin/chromium the tests skip and say how to install it; in CI (CI=true) they fail.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.browser import axe

CHROMIUM = Path(os.environ.get("SUS_CHROMIUM", "/usr/bin/chromium"))  # Debian's by default
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("SUS_BROWSER_PORT", "8231"))
INSTALL_HINT = (
    "install Debian's Chromium (apt-get update && apt-get install -y chromium) "
    "or point SUS_CHROMIUM at a Chromium"
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.path)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def _require_chromium():
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} is missing: {INSTALL_HINT}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI: the browser tests must run, but {message}", pytrace=False)
    pytest.skip(message)


def _manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")


def _wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}:\n{log.read_text()}")


@pytest.fixture(scope="session")
def live_server_url(tmp_path_factory):
    """gunicorn on a fresh demo database (migrate, reference and demo data), DEBUG off."""
    _require_chromium()
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            pytest.fail(f"port {PORT} is taken; set SUS_BROWSER_PORT", pytrace=False)
    folder = tmp_path_factory.mktemp("sus-browser")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "SUS_PROFILE": "local",  # as `make serve`: plain HTTP on loopback
        # The suite shows and exports every report in a few seconds; the limit has its own tests.
        "SUS_REPORT_RATE": "1000/m",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)  # pytest's test settings are not the served ones
    _manage(env, "migrate", "--no-input", "--verbosity", "0")
    _manage(env, "load_reference_data")
    _manage(env, "load_demo_data", "--force")
    _manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    log = folder / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "sus.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                "2",
            ],
            cwd=PROJECT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{PORT}"
    try:
        _wait_for(f"{url}/logga-in/", server, log)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(live_server_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server_url):
    """Pages in fresh browser contexts (own cookies), 1280 px wide; closed after the test."""
    contexts = []

    def make(*, javascript=True, width=axe.WIDE):
        context = browser.new_context(
            base_url=live_server_url,
            viewport={"width": width, "height": 900},
            java_script_enabled=javascript,
            accept_downloads=True,
            locale="sv-SE",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """Where the screenshots go: docs/screenshots/ with SUS_SCREENSHOTS=update (to refresh the
    README's pictures), else a temporary folder."""
    if os.environ.get("SUS_SCREENSHOTS") == "update":
        folder = PROJECT / "docs" / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("screenshots")


def pytest_terminal_summary(terminalreporter):
    if axe.CHECKS:
        terminalreporter.write_line(axe.summary())
