"""The web view in a real browser: Playwright driving Debian's Chromium (/usr/bin/chromium) against the real server.

Playwright never downloads a browser here: it launches the system's Chromium by path, and a machine without it
fails these tests saying so (``.ci/run`` installs it). One desk, one server and one browser for the module.
Screenshots go to each test's temporary folder and are copied to /tmp/webshots/ for people to look at.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from monitor.demo.newsroom import Newsroom
from tests.fixtures_servers import CaptureServer, free_port
from tests.web_desk import EVIL, TOKEN, Desk, WebServer, build_desk

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")  # never fetch a browser: we drive the system's

from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, sync_playwright  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path("/tmp/webshots")
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def slack() -> Iterator[CaptureServer]:
    server = CaptureServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, slack: CaptureServer) -> Iterator[tuple[Desk, str]]:
    """The desk on SQLite, with a Slack notifier pointed at the capture server and web.base_url at our server."""
    tmp = tmp_path_factory.mktemp("web-browser")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    extra = f"""
notifiers:
  - {{name: world-desk, type: slack, webhook_url: "{slack.url}/services/T0/B0/hook", min_significance: minor}}
web: {{base_url: "{base_url}"}}
"""
    with Newsroom() as newsroom:
        desk = build_desk(tmp, f"sqlite:///{tmp / 'storywatch.db'}", newsroom, extra=extra)
        server = WebServer(desk.settings, desk.store, port).start()
        try:
            yield desk, server.url
        finally:
            server.stop()
            desk.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium (apt-get install chromium; "
            ".ci/run does it). Playwright must not download a browser of its own.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


class Watched:
    """A page with every dialog, console message and page error recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on(
            "console", lambda m: self.console.append(f"{m.type}: {m.text}") if isinstance(m, ConsoleMessage) else None
        )
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def page(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


def shoot(page: Page, tmp_path: Path, name: str, *, full_page: bool = True) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    return path


def _buttons(payload: Any) -> dict[str, str]:
    """Every Block Kit button in a Slack payload, text → url."""
    found: dict[str, str] = {}
    if isinstance(payload, dict):
        if payload.get("type") == "button" and payload.get("url"):
            found[payload["text"]["text"]] = payload["url"]
        for value in payload.values():
            found.update(_buttons(value))
    elif isinstance(payload, list):
        for value in payload:
            found.update(_buttons(value))
    return found


# -- following an alert ---------------------------------------------------------------------------------------------
def test_slack_alerts_link_leads_to_the_diff_with_the_added_name_marked(
    site: tuple[Desk, str], slack: CaptureServer, page: Watched, tmp_path: Path
) -> None:
    desk, url = site
    payloads = [r.json() for r in slack.wait_for(3)]
    (alert,) = [p for p in payloads if "Mirela Dastan" in json.dumps(p)]  # the summit's update, 1 → 2
    # The "Full diff" button to the web view (web.base_url) is being added on the links branch; until it lands,
    # the link is the one that branch builds, WebSettings.diff_link. The payload half of this test lands with it.
    link = _buttons(alert).get("Full diff") or desk.settings.web.diff_link(desk.summit, 1, 2)
    assert link == f"{url}/stories/{desk.summit}/diff?from=1&to=2"
    page.page.goto(link)
    names = page.page.locator("section.summary ins.name")
    assert names.first.inner_text() == "Mirela Dastan" and names.first.is_visible()
    marked = page.page.locator("section.article ins", has_text="Mirela Dastan")
    assert marked.count() == 1 and marked.is_visible()
    # an insertion reads as an edit, not a link: it is not underlined blue like the page's links
    style = marked.evaluate(
        "e => { const s = getComputedStyle(e); return [s.textDecorationLine, s.backgroundColor, s.borderBottomStyle] }"
    )
    assert style[1] not in ("rgba(0, 0, 0, 0)", "transparent"), style
    assert style[0] == "none" and style[2] == "none", style  # no underline of any kind: links are underlined
    assert page.page.title().startswith("Diff 1 → 2: Leaders arrive in Valmora")
    shoot(page.page, tmp_path, "diff-inline")
    assert page.errors == [] and page.dialogs == []


def test_side_by_side_from_the_diff_page_shows_both_columns(
    site: tuple[Desk, str], page: Watched, tmp_path: Path
) -> None:
    desk, url = site
    page.page.goto(f"{url}/stories/{desk.summit}/diff?from=1&to=2")
    page.page.get_by_role("link", name="Side by side").click()
    page.page.wait_for_url("**view=side**")
    assert "from=1" in page.page.url and "to=2" in page.page.url
    old = page.page.locator(".side .old", has_text="26 foreign heads")
    new = page.page.locator(".side .new", has_text="27 foreign heads")
    assert old.is_visible() and new.is_visible()
    left, right = old.bounding_box(), new.bounding_box()
    assert left and right and left["x"] + left["width"] <= right["x"] + 1  # two columns, old on the left
    assert abs(left["y"] - right["y"]) < 2  # on one row
    assert page.page.locator(".side .new ins", has_text="Mirela Dastan").is_visible()
    assert page.page.get_by_role("link", name="Side by side").get_attribute("aria-current") == "page"
    shoot(page.page, tmp_path, "diff-side")
    # stepping to the next change keeps the side-by-side view
    page.page.get_by_role("link", name="Next change (2 → 3) →").click()
    page.page.wait_for_url(f"**/stories/{desk.summit}/diff?*")
    assert "view=side" in page.page.url and "from=2" in page.page.url
    # the pickers compare any two versions
    page.page.get_by_label("Compare version").select_option("1")
    page.page.get_by_label("with").select_option("3")
    page.page.get_by_role("button", name="Compare").click()
    page.page.wait_for_url("**to=3**")
    assert "from=1" in page.page.url and "view=side" in page.page.url
    assert page.page.locator(".side [role=columnheader]").first.inner_text().startswith("Version 1")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("recent", "/"),
        ("story", "/stories/{summit}"),
        ("diff-inline", "/stories/{summit}/diff?from=1&to=2"),
        ("diff-side", "/stories/{summit}/diff?from=1&to=2&view=side"),
        ("version", "/stories/{summit}/versions/2"),
        ("removed", "/stories/{storm}/diff?from=1&to=1"),
        ("restored", "/stories/{flood}"),
    ],
)
def test_phone_width_has_no_horizontal_scrolling(
    site: tuple[Desk, str], phone: Watched, tmp_path: Path, name: str, path: str
) -> None:
    desk, url = site
    phone.page.goto(url + path.format(summit=desk.summit, storm=desk.storm, flood=desk.flood))
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    shoot(phone.page, tmp_path, f"phone-{name}")
    assert width <= PHONE["width"], f"{path}: {width} px wide on a {PHONE['width']} px phone"
    if "view=side" in path:  # both sides of a changed paragraph still there on a phone, stacked
        changed = phone.page.locator(".side-row.changed")
        assert changed.locator(".old").first.is_visible() and changed.locator(".new").first.is_visible()
        # an unchanged paragraph is shown once, not twice
        same = phone.page.locator(".side-row:not(.changed):not(.side-headings)").first
        assert same.locator(".new").is_visible() and not same.locator(".old").is_visible()


# -- page text is text -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "path", ["/", "/stories/{id}", "/stories/{id}/diff", "/stories/{id}/diff?view=side", "/stories/{id}/versions/1"]
)
def test_headline_markup_shows_as_text_and_runs_nothing(
    site: tuple[Desk, str], page: Watched, tmp_path: Path, path: str
) -> None:
    desk, url = site
    page.page.goto(url + path.format(id=desk.hostile))
    page.page.wait_for_load_state("load")
    assert page.page.evaluate("typeof window.__pwned") == "undefined"
    assert page.page.evaluate("document.scripts.length") == 0
    assert page.page.evaluate("document.querySelectorAll('img, [onerror]').length") == 0
    shown = page.page.locator("a.headline, h1").filter(has_text="Council votes").first
    assert EVIL in shown.inner_text()  # the markup, as the reader sees it
    assert page.dialogs == [] and page.errors == []
    # nothing was even attempted: a blocked inline script would show up as a CSP violation on the console
    assert not [m for m in page.console if "Content Security Policy" in m], page.console
    if path == "/stories/{id}/diff":
        shoot(page.page, tmp_path, "hostile-headline")


def test_an_injected_script_is_blocked_by_the_content_security_policy(site: tuple[Desk, str], page: Watched) -> None:
    """The policy is the second wall: even markup that got into a page could not run."""
    desk, url = site
    page.page.goto(url + "/")
    page.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 3';"
        " document.body.appendChild(s); }"
    )
    assert page.page.evaluate("typeof window.__pwned") == "undefined"
    assert [m for m in page.console if "Content Security Policy" in m]  # refused, and said so


# -- keyboard and labels -------------------------------------------------------------------------------------------
def test_tab_reaches_the_skip_link_first_and_the_filters_are_labelled(
    site: tuple[Desk, str], page: Watched, tmp_path: Path
) -> None:
    desk, url = site
    page.page.goto(url + "/")
    page.page.keyboard.press("Tab")
    focused = page.page.evaluate("[document.activeElement.tagName, document.activeElement.textContent.trim()]")
    assert focused == ["A", "Skip to content"]
    assert page.page.locator("a.skip").is_visible()  # shown when focused
    shoot(page.page, tmp_path, "skip-link", full_page=False)
    page.page.keyboard.press("Enter")
    assert page.page.evaluate("document.activeElement.id") == "main"
    for label in ("Search headlines and names", "Publication", "Tag", "At least", "Since", "Silent edits only"):
        assert page.page.get_by_label(label, exact=True).count() == 1, label
    page.page.get_by_label("Publication", exact=True).select_option("world")
    page.page.get_by_label("At least", exact=True).select_option("substantive")
    search = page.page.get_by_label("Search headlines and names", exact=True)
    search.fill("Dastan")
    search.press("Enter")  # submits the form, as a keyboard user would
    page.page.wait_for_url("**q=Dastan**")
    headlines = page.page.locator("li.change a.headline")
    assert headlines.count() == 1
    assert headlines.first.get_attribute("href") == f"/stories/{desk.summit}/diff?from=1&to=2"
    shoot(page.page, tmp_path, "filtered")
    page.page.get_by_label("Silent edits only", exact=True).check()
    page.page.get_by_role("button", name="Filter").click()
    page.page.wait_for_url("**silent=1**")
    assert page.page.locator("li.change").count() == 0
    assert "No change matches these filters." in page.page.locator("main").inner_text()


# -- print and sign-in ---------------------------------------------------------------------------------------------
def test_edits_survive_printing(site: tuple[Desk, str], page: Watched, tmp_path: Path) -> None:
    desk, url = site
    page.page.goto(f"{url}/stories/{desk.summit}/diff?from=1&to=2")
    page.page.emulate_media(media="print")
    marks = page.page.locator("section.article ins", has_text="Mirela Dastan").evaluate(
        "e => [getComputedStyle(e, '::before').content, getComputedStyle(e, '::after').content]"
    )
    assert marks == ['"[+"', '"+]"']  # an insertion reads as one on paper, without colour
    deleted = page.page.locator("section.article del").first.evaluate("e => getComputedStyle(e, '::before').content")
    assert deleted == '"[−"'
    assert not page.page.locator("form.compare").is_visible()  # controls are not printed
    shoot(page.page, tmp_path, "diff-print")
    pdf = tmp_path / "diff-print.pdf"
    page.page.pdf(path=str(pdf))
    assert pdf.stat().st_size > 1000
    shutil.copy(pdf, SHOTS / pdf.name)


def test_with_a_token_the_browser_signs_in_with_it_as_the_password(
    site: tuple[Desk, str], browser: Browser, tmp_path: Path
) -> None:
    desk, _ = site
    settings = replace(desk.settings, web=replace(desk.settings.web, token=TOKEN))
    server = WebServer(settings, desk.store).start()
    try:
        for credentials in (None, {"username": "any-editor", "password": "not-the-token"}):
            stranger = browser.new_context(http_credentials=credentials)  # type: ignore[arg-type]
            try:  # headless Chromium asks no one: the Basic challenge fails the navigation, or shows the 401
                try:
                    response = stranger.new_page().goto(f"{server.url}/stories/{desk.summit}/diff")
                except PlaywrightError as exc:
                    assert "ERR_INVALID_AUTH_CREDENTIALS" in str(exc)
                else:
                    assert response is not None and response.status == 401, credentials
            finally:
                stranger.close()
        editor = browser.new_context(http_credentials={"username": "any-editor", "password": TOKEN})
        try:
            signed_in = editor.new_page()
            response = signed_in.goto(f"{server.url}/stories/{desk.summit}/diff?from=1&to=2")
            assert response is not None and response.status == 200
            name = signed_in.locator("section.summary ins.name").first
            assert name.inner_text() == "Mirela Dastan"
            # the stylesheet came through the same sign-in: the insertion is coloured
            background = name.evaluate("e => getComputedStyle(e).backgroundColor")
            assert background not in ("rgba(0, 0, 0, 0)", "transparent")
            shoot(signed_in, tmp_path, "signed-in-diff", full_page=False)
        finally:
            editor.close()
    finally:
        server.stop()
