"""The service fixtures of tests/services.py work: PostgreSQL, headless Chromium, and axe on it."""
from __future__ import annotations

import http.server
import threading

import pytest

from tests.services import import_or_unavailable

PIXEL = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
PAGES = {
    "/button": """<!doctype html><html lang="en"><head><title>Button</title></head><body>
        <p id="out">not clicked</p>
        <button id="go" onclick="document.getElementById('out').textContent = 'clicked'">Go</button>
        </body></html>""",
    "/good": f"""<!doctype html><html lang="en"><head><title>Side effects</title></head><body>
        <main><h1>Report a side effect</h1>
        <img src="{PIXEL}" alt="Drug logo">
        <label for="q">What happened?</label> <input id="q" type="text">
        <button type="button">Send</button></main></body></html>""",
    "/bad": f"""<!doctype html><html lang="en"><head><title>Side effects</title></head><body>
        <main><h1>Report a side effect</h1>
        <img src="{PIXEL}">
        <input type="text">
        </main></body></html>""",
}


class PageHandler(http.server.BaseHTTPRequestHandler):
    """Serves PAGES; anything else is a 404."""

    def do_GET(self):
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write((body or "not found").encode("utf-8"))

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    """Base URL of PAGES served on 127.0.0.1 from a thread."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PageHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    """A new page in its own browser context, closed after the test."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


# --- PostgreSQL ---------------------------------------------------------------

def test_postgres_db_round_trip(postgres_db):
    psycopg = import_or_unavailable("psycopg", "'psycopg[binary]'")
    with psycopg.connect(postgres_db) as conn:
        conn.execute("CREATE TABLE reports (id serial PRIMARY KEY, text text NOT NULL)")
        conn.execute("INSERT INTO reports (text) VALUES (%s), (%s)", ("headache", "ringing ears"))
        conn.commit()
        rows = conn.execute("SELECT text FROM reports ORDER BY id").fetchall()
    assert rows == [("headache",), ("ringing ears",)]


def test_postgres_db_is_fresh_and_empty(postgres_db):
    psycopg = import_or_unavailable("psycopg", "'psycopg[binary]'")
    with psycopg.connect(postgres_db) as conn:
        name = conn.execute("SELECT current_database()").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0]
    assert name.startswith("t_") and postgres_db.endswith(f"/{name}")
    assert tables == 0


# --- Chromium -----------------------------------------------------------------

def test_browser_runs_page_script(page, site):
    page.goto(f"{site}/button")
    assert page.text_content("#out") == "not clicked"
    page.click("#go")
    assert page.text_content("#out") == "clicked"


def test_browser_opens_data_url(page):
    page.goto("data:text/html,<title>hi</title><p id=x>data page</p>")
    assert page.title() == "hi" and page.text_content("#x") == "data page"


# --- axe-core accessibility checks, bundled with axe-playwright-python --------

def serious_violations(page) -> dict[str, str]:
    """Run axe on PAGE; the violations whose impact is serious or critical, as {rule id: impact}."""
    axe = import_or_unavailable("axe_playwright_python.sync_playwright", "axe-playwright-python")
    results = axe.Axe().run(page)
    return {v["id"]: v["impact"] for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")}


def test_axe_passes_accessible_page(page, site):
    page.goto(f"{site}/good")
    assert serious_violations(page) == {}


def test_axe_catches_inaccessible_page(page, site):
    """Proves the check can fail: an <img> without alt and an unlabelled input."""
    page.goto(f"{site}/bad")
    found = serious_violations(page)
    assert found.get("image-alt") == "critical", found
    assert found.get("label") == "critical", found
