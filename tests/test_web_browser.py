"""The patient web chat in a real browser (headless Chromium driven by Playwright): typed, read back,
keyboard only, with and without JavaScript, checked by axe-core, and readable from 320 px wide."""
from __future__ import annotations

import pytest

from triage_bot.reports import open_store
from tests.servers import HttpServer
from tests.services import import_or_unavailable

REPORT_CALL = ["my wee has gone the colour of cola", "no that's all", "yes", "EF"]


@pytest.fixture
def server(tmp_path):
    running = HttpServer(str(tmp_path / "reports.db"))
    yield running
    running.stop()


@pytest.fixture(params=[True, False], ids=["script", "no-script"])
def page(request, browser):
    context = browser.new_context(java_script_enabled=request.param, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    opened._scripts = request.param
    yield opened
    context.close()


def send(page, text: str) -> None:
    """Type a message and send it as a patient would: the labelled box, then the Send button."""
    before = page.locator(".entry").count()
    page.get_by_label("Your message").fill(text)
    page.get_by_role("button", name="Send").click()
    # (a locator wait: the page's policy forbids the string evaluation that wait_for_function uses)
    page.locator(".entry").nth(before).wait_for()
    page.wait_for_load_state()


def log_text(page) -> str:
    return " ".join(page.get_by_role("log").inner_text().split())


def serious_violations(page) -> dict[str, str]:
    """axe-core's serious and critical findings on the page as it stands.

    axe runs as a script in the page: for a page without JavaScript the same conversation (its
    cookie) is opened in a twin context that has it."""
    axe = import_or_unavailable("axe_playwright_python.sync_playwright", "axe-playwright-python")
    if not _scripts_on(page):
        twin = page.context.browser.new_context(viewport=page.viewport_size)
        try:
            twin.add_cookies(page.context.cookies())
            checked = twin.new_page()
            checked.goto(page.url)
            return serious_violations(checked)
        finally:
            twin.close()
    results = axe.Axe().run(page)
    return {v["id"]: v["impact"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")}


def _scripts_on(page) -> bool:
    return getattr(page, "_scripts", True)


def test_a_whole_conversation_is_typed_and_read_back_and_its_report_stored(page, server, tmp_path):
    page.goto(server.base)
    assert "Hello." in log_text(page)
    for text in REPORT_CALL:
        send(page, text)
    said = log_text(page)
    assert "my wee has gone the colour of cola" in said and "dark urine" in said.lower()
    assert "Call back or seek care if anything gets worse" in said  # the monograph's advice, and the safety net
    assert serious_violations(page) == {}
    page.get_by_role("button", name="Finish and show my summary").click()
    page.wait_for_load_state()
    assert "summary" in log_text(page).lower() and page.locator("#ended").is_visible()
    (report,) = list(open_store(str(tmp_path / "reports.db")).iter_reports())
    assert report["patient"]["initials"] == "EF"


def test_an_emergency_is_shown_first_and_stays_on_screen(page, server):
    page.goto(server.base)
    send(page, "my son swallowed a handful of my tablets")
    alarm = page.get_by_role("alert")
    assert alarm.is_visible() and "emergency services" in alarm.inner_text()
    send(page, "he seems very sleepy now")
    page.mouse.wheel(0, 5000)  # scrolled to the end of a long conversation, the advice is still in view
    box = page.get_by_role("alert").bounding_box()
    assert box is not None and box["y"] <= 1 and page.get_by_role("alert").is_visible()
    assert serious_violations(page) == {}


def test_keyboard_only(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server.base)
        for _ in range(10):  # Tab from the top of the page until the message box has the focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "message":
                break
        assert page.evaluate("document.activeElement.id") == "message"
        page.keyboard.type("I feel dizzy when I stand up")
        page.keyboard.press("Tab")  # to Send
        assert page.evaluate("document.activeElement.textContent") == "Send"
        page.keyboard.press("Enter")
        page.locator(".entry.patient").first.wait_for()
        assert "dizz" in log_text(page).lower()
        assert page.evaluate("document.activeElement.id") == "message"  # ready for the next message
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 640])  # 640 CSS px: a 1280 px screen at 200% zoom
def test_readable_without_sideways_scrolling(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(server.base)
        send(page, "my ears keep ringing and I have a rash on my arms that itches all day long")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
        assert serious_violations(page) == {}
    finally:
        context.close()
