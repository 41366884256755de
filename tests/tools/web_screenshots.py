#!/usr/bin/env python3
"""Take the README's screenshots of the patient web chat, at 375 and 1280 px wide.

    python tests/tools/web_screenshots.py [--out docs] [--chromium /usr/bin/chromium]

Starts ``triage-bot serve --http`` on a throwaway store, types one call in
headless Chromium (a dark-urine report, then an emergency sign), and writes
``web-chat-375.png`` and ``web-chat-1280.png`` into OUT.  Needs the test extra
(Playwright) and Debian's chromium.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.servers import HttpServer  # noqa: E402
from tests.services import CHROMIUM_ARGS  # noqa: E402

# A call written for the picture: a medical-attention sign, an answer, then an emergency sign.
CALL = ["my pee has turned dark brown since Monday", "no, nothing else", "and now he's breathing really slowly"]
WIDTHS = {375: 812, 1280: 900}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    from playwright.sync_api import sync_playwright

    a.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as driver:
        server = HttpServer(f"{folder}/reports.db")
        browser = driver.chromium.launch(executable_path=a.chromium, args=CHROMIUM_ARGS)
        try:
            for width, height in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                page.goto(server.base)
                for text in CALL:
                    before = page.locator(".entry").count()
                    page.get_by_label("Your message").fill(text)
                    page.get_by_role("button", name="Send").click()
                    page.locator(".entry").nth(before).wait_for()
                page.wait_for_load_state()
                target = a.out / f"web-chat-{width}.png"
                page.screenshot(path=str(target))
                print(target)
                context.close()
        finally:
            browser.close()
            server.stop()


if __name__ == "__main__":
    main()
