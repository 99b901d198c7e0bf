"""Screenshots of every page of the series in its main states, on a phone and on a desktop.

    .venv/bin/python -m tests.browser.screenshots [--only WORD] [--out DIR]

Starts the series' own Voila server (lowback.site.serve) on a free port, drives Debian's
Chromium through Playwright as the browser tests do, and writes PNGs to docs/screenshots/:
`phone-NN-what.png` (390 x 844, touch, device scale 3, the screen only) and `desktop-NN-what.png`
(1280 x 800). A file over MAX_BYTES is saved again with 256 colours where that is smaller (it
looks the same). Not a test: pytest does not collect it; people look at the pictures.
"""

from __future__ import annotations

import argparse
import io
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page, expect, sync_playwright

from harness.chromium import CHROMIUM, CHROMIUM_ARGS
from harness.routine_driver import SHORT, nothing_new
from harness.voila_server import VoilaServer
from lowback.paths import REPO_ROOT

from .conftest import PAGE_RENDER_TIMEOUT_MS, open_rendered
from .quiz_driver import EMERGENCY_HEADLINE, MATCHING_READER, QUIZ, answer

OUT = REPO_ROOT / "docs" / "screenshots"
MAX_BYTES = 150_000
LANDING = "00_start_here.ipynb"
ANATOMY = "01_anatomy.ipynb"
ROUTINE = "03_routine_timer.ipynb"
CLINICIANS = "04_for_clinicians.ipynb"
DEVICES = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
SHORT_ROUTINE = {**SHORT, "Hold, seconds": "2"}  # a hold long enough to photograph


def touch(page: Page) -> bool:
    return page.evaluate("() => navigator.maxTouchPoints > 0")


def press(page: Page, locator) -> None:
    """Tap on a touch screen, click elsewhere."""
    if touch(page):
        locator.tap()
    else:
        locator.click()


def ready(page: Page, server: VoilaServer, notebook: str) -> None:
    open_rendered(page, server.page_url(notebook))
    if notebook != LANDING:
        page.locator(".lowback-view").first.wait_for()
    page.wait_for_timeout(500)


def to_top(page: Page, locator) -> None:
    """Scroll Voila's page (it scrolls inside #rendered_cells) so the locator is at the top."""
    locator.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)


def landing(page: Page, server: VoilaServer) -> None:
    ready(page, server, LANDING)


def anatomy_top(page: Page, server: VoilaServer) -> None:
    ready(page, server, ANATOMY)


def anatomy_on_this_page(page: Page, server: VoilaServer) -> None:
    ready(page, server, ANATOMY)
    to_top(page, page.get_by_role("navigation", name="On this page"))


def anatomy_figure(page: Page, server: VoilaServer) -> None:
    ready(page, server, ANATOMY)
    to_top(page, page.locator('[id="Find-the-PSIS-on-yourself"]'))
    page.locator("figure.lowback-figure").first.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)


def anatomy_figure_full_size(page: Page, server: VoilaServer) -> None:
    ready(page, server, ANATOMY)
    press(page, page.get_by_role("button", name="Show the figure full size").first)
    expect(page.get_by_role("dialog", name="Figure, full size")).to_be_visible()
    page.wait_for_timeout(300)


def psis_question(page: Page, server: VoilaServer) -> None:
    ready(page, server, ANATOMY)
    to_top(page, page.locator('[id="Find-the-PSIS-on-a-drawing"]'))


def quiz_unanswered(page: Page, server: VoilaServer) -> None:
    ready(page, server, QUIZ)
    to_top(page, page.locator('[id="The-quiz"]'))


def quiz_clear_result(page: Page, server: VoilaServer) -> None:
    ready(page, server, QUIZ)
    answer(page, MATCHING_READER, tap=touch(page))
    press(page, page.get_by_role("button", name="See my result"))
    expect(page.get_by_role("status").filter(has_text="Your result")).to_be_in_viewport()
    page.wait_for_timeout(500)


def quiz_emergency(page: Page, server: VoilaServer) -> None:
    ready(page, server, QUIZ)
    answer(page, {"both_legs": True}, tap=touch(page))
    alert = page.get_by_role("alert").filter(has_text=EMERGENCY_HEADLINE)
    expect(alert).to_be_visible()
    to_top(page, alert)


def routine_before_start(page: Page, server: VoilaServer) -> None:
    ready(page, server, ROUTINE)
    to_top(page, page.locator(".lowback-player"))


#: A physiotherapist's link as `make serve` makes it (no key: "the plan in the link").
LINK = "?side=left&reps=12&times=2&by=Sam%20Okafor&note=After%20your%20walk%2C%20not%20before."


def routine_from_a_link(page: Page, server: VoilaServer) -> None:
    ready(page, server, ROUTINE + LINK)
    expect(page.locator(".lowback-plan-banner")).to_contain_text("After your walk")


def settle(page: Page) -> None:
    for label, value in SHORT_ROUTINE.items():
        box = page.get_by_role("spinbutton", name=label)
        box.fill(value)
        box.press("Tab")
    expect(page.locator(".lowback-rep")).to_have_text(
        "2 repetitions, then a rest and one long hold"
    )


def routine_running(page: Page, server: VoilaServer) -> None:
    ready(page, server, ROUTINE)
    settle(page)
    nothing_new(page, tap=touch(page))
    press(page, page.get_by_role("button", name="Start"))
    expect(page.locator(".lowback-phase")).to_have_text("Hold 2", timeout=10_000)
    page.wait_for_timeout(300)


def routine_pain_after(page: Page, server: VoilaServer) -> None:
    ready(page, server, ROUTINE)
    settle(page)
    nothing_new(page, tap=touch(page))
    press(page, page.get_by_role("button", name="Start"))
    expect(page.locator(".lowback-phase")).to_have_text("Long hold", timeout=40_000)
    press(page, page.get_by_role("button", name="Stop the hold"))
    press(page, page.get_by_role("button", name="Rate my pain now"))
    expect(page.get_by_role("combobox", name="Pain after, 0 to 10")).to_be_in_viewport()
    page.wait_for_timeout(300)


def clinicians(page: Page, server: VoilaServer) -> None:
    ready(page, server, CLINICIANS)


def clinicians_builder(page: Page, server: VoilaServer) -> None:
    ready(page, server, CLINICIANS)
    to_top(page, page.locator(".lowback-prescription"))


def clinicians_link(page: Page, server: VoilaServer) -> None:
    ready(page, server, CLINICIANS)
    to_top(page, page.locator(".lowback-rx-link"))


PICTURES_ON_SCREEN_DRAWN = """() => [...document.images].filter((img) => {
  const box = img.getBoundingClientRect();
  return box.bottom > 0 && box.top < innerHeight && box.width > 0;
}).every((img) => img.complete)"""


@dataclass(frozen=True)
class Shot:
    name: str
    take: Callable[[Page, VoilaServer], None]


SHOTS = (
    Shot("00-landing", landing),
    Shot("01-anatomy-top", anatomy_top),
    Shot("02-anatomy-on-this-page", anatomy_on_this_page),
    Shot("03-anatomy-figure", anatomy_figure),
    Shot("04-anatomy-figure-full-size", anatomy_figure_full_size),
    Shot("05-psis-question", psis_question),
    Shot("06-quiz-unanswered", quiz_unanswered),
    Shot("07-quiz-clear-result", quiz_clear_result),
    Shot("08-quiz-emergency", quiz_emergency),
    Shot("09-routine-before-start", routine_before_start),
    Shot("10-routine-running", routine_running),
    Shot("11-routine-pain-after", routine_pain_after),
    Shot("12-clinicians-top", clinicians),
    Shot("13-clinicians-builder", clinicians_builder),
    Shot("14-clinicians-link", clinicians_link),
    Shot("15-routine-from-a-link", routine_from_a_link),
)


def small_png(png: bytes) -> bytes:
    """The PNG as it is, or with at most 256 colours when it is over MAX_BYTES."""
    if len(png) <= MAX_BYTES:
        return png
    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(out, "PNG", optimize=True)
    return out.getvalue() if out.tell() < len(png) else png


def take_all(browser: Browser, server: VoilaServer, out: Path, only: str | None) -> list[Path]:
    written = []
    for device, options in DEVICES.items():
        for shot in SHOTS:
            if only and only not in f"{device}-{shot.name}":
                continue
            context = browser.new_context(**options)
            context.set_default_timeout(PAGE_RENDER_TIMEOUT_MS)
            page = context.new_page()
            try:
                shot.take(page, server)
                # Pictures load as they come near the screen: those on it are drawn first.
                page.wait_for_function(PICTURES_ON_SCREEN_DRAWN)
                path = out / f"{device}-{shot.name}.png"
                path.write_bytes(small_png(page.screenshot()))
                written.append(path)
                print(f"{path.relative_to(REPO_ROOT)}  {path.stat().st_size // 1000} kB")
            finally:
                context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="take only the shots whose name contains this")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    # Stopped from outside, it still stops the server it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    with tempfile.TemporaryDirectory() as scratch:
        server = VoilaServer(Path(scratch) / "voila.log")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    take_all(browser, server, args.out, args.only)
                finally:
                    browser.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
