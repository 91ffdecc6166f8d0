"""The web view over HTTP: the real waitress server on 127.0.0.1, every route, filter and error, on both databases.

One desk (stories built through the real pipeline, see ``tests/web_desk.py``) and one server per database for
the whole module; a second server over the same store has ``web.token`` set.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import httpx
import lxml.etree
import lxml.html
import pytest
from click.testing import CliRunner
from prometheus_client.parser import text_string_to_metric_families

from monitor.cli import cli
from monitor.demo.newsroom import Newsroom
from monitor.models import StoryStatus, utcnow
from monitor.status import STALE_AFTER
from storage.review_store import ChangeFilters
from tests.fixtures_db import _reset_schema
from tests.web_desk import EVIL, TOKEN, WIRE_CHANGES, Desk, WebServer, basic, build_desk

BASE_URL = "https://storywatch.desk.example.org"  # never contacted: only written into links
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def desk(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    tmp = tmp_path_factory.mktemp(f"web-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'storywatch.db'}"
    else:
        url = request.getfixturevalue("pg_url")
        _reset_schema(url)
    with Newsroom() as site:
        built = build_desk(tmp, url, site)
        try:
            yield built
        finally:
            built.close()


@pytest.fixture(scope="module")
def web(desk: Desk) -> Iterator[httpx.Client]:
    server = WebServer(desk.settings, desk.store).start()
    try:
        with server.client() as client:
            yield client
    finally:
        server.stop()


@pytest.fixture(scope="module")
def guarded(desk: Desk) -> Iterator[httpx.Client]:
    """The same database served with ``web.token`` set, and ``web.base_url`` (where editors reach it)."""
    settings = replace(desk.settings, web=replace(desk.settings.web, token=TOKEN, base_url=BASE_URL))
    server = WebServer(settings, desk.store).start()
    try:
        with server.client() as client:
            yield client
    finally:
        server.stop()


def page(client: httpx.Client, path: str, status: int = 200) -> lxml.html.HtmlElement:
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(response.text)


def rows(doc: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """The recent-changes list: (headline, link) per row, in order."""
    return [(a.text_content().strip(), a.get("href")) for a in doc.cssselect("li.change a.headline")]


def diff_path(story: int, from_: int, to: int) -> str:
    return f"/stories/{story}/diff?from={from_}&to={to}"


def all_routes(d: Desk) -> list[str]:
    return [
        "/",
        "/?source=world&significance=minor&since=7d&q=valmora",
        f"/stories/{d.summit}",
        f"/stories/{d.summit}/diff",
        f"/stories/{d.summit}/diff?from=1&to=3&view=side",
        f"/stories/{d.storm}/diff?from=1&to=1",
        f"/stories/{d.summit}/versions/1",
        "/changes.atom",
        "/api/stories",
        f"/api/stories/{d.summit}",
        f"/api/stories/{d.summit}/diff?from=1&to=2",
        f"/api/stories/{d.summit}/versions/2",
        "/metrics",
        "/static/style.css",
    ]


# -- recent changes -----------------------------------------------------------------------------------------
def test_recent_changes_newest_first_with_links_to_each_diff(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, "/")
    listed = rows(doc)
    assert len(listed) == 50  # a full first page
    times = [t.get("datetime") for t in doc.cssselect("li.change .change-meta time")]
    assert len(times) == 50 and times == sorted(times, reverse=True)
    # the last things found come first: the storm warning's removal, then the summit's second update
    assert listed[0] == ("Storm warning for the outer islands", f"/stories/{desk.storm}#v1")
    assert listed[1][1] == diff_path(desk.summit, 2, 3)
    hrefs = [href for _, href in listed]
    assert diff_path(desk.summit, 1, 2) in hrefs and diff_path(desk.hostile, 1, 2) in hrefs
    first = doc.cssselect("li.change")[1]
    assert first.cssselect(".sig")[0].text_content() == "substantive"
    assert first.cssselect(".flag-declared") and "world" in first.cssselect(".pub")[0].text_content()


def test_recent_changes_pages_without_overlap(web: httpx.Client, desk: Desk) -> None:
    total = len(desk.store.recent_changes(ChangeFilters(), limit=1000))
    one, two = page(web, "/"), page(web, "/?page=2")
    assert [a.get("href") for a in one.cssselect(".pager a[rel=next]")] == ["?page=2"]
    assert not one.cssselect(".pager a[rel=prev]")
    assert len(rows(two)) == total - 50 > 0
    assert not set(rows(one)) & set(rows(two))
    assert two.cssselect(".pager a[rel=prev]") and not two.cssselect(".pager a[rel=next]")
    assert two.cssselect("ol.changes")[0].get("start") == "51"
    # the filters ride along on the pager's links
    wire = page(web, "/?source=wire")
    (older,) = wire.cssselect(".pager a[rel=next]")
    assert parse_qs(urlsplit(older.get("href")).query) == {"source": ["wire"], "page": ["2"]}
    assert len(rows(page(web, "/?source=wire&page=2"))) == WIRE_CHANGES - 50
    assert rows(page(web, "/?page=9")) == []


@pytest.mark.parametrize(
    ("query", "wanted", "unwanted"),
    [
        ("source=world", {"summit", "ferry"}, {"hostile", "storm", "wire"}),
        ("source=city", {"hostile", "storm", "flood"}, {"summit", "ferry", "wire"}),
        ("tag=local", {"hostile", "storm", "flood"}, {"summit", "ferry", "wire"}),
        ("tag=international", {"summit", "ferry"}, {"hostile", "storm", "wire"}),
        ("significance=major", {"storm", "flood"}, {"summit", "ferry", "hostile", "wire"}),  # events are major
        ("significance=substantive&source=world", {"summit", "ferry"}, {"storm"}),
        ("silent=1&source=world", {"ferry"}, {"summit"}),
        ("silent=1&source=city", {"hostile"}, {"storm", "flood"}),  # an event is never a silent edit
        ("since=24h", {"summit", "hostile", "storm", "flood"}, {"ferry", "wire"}),  # the ferry's edit: 3 days old
        ("since=7d&source=world", {"summit", "ferry"}, set()),
        ("q=dastan", {"summit"}, {"ferry", "hostile", "storm", "wire"}),  # a name in the summary
        ("q=FERRY+STRIKE", {"ferry"}, {"summit", "hostile", "storm", "wire"}),  # the headline, any case
        ("q=harbour+budget", {"hostile"}, {"summit", "ferry", "storm", "wire"}),
        ("q=Ørsted", {"summit"}, {"ferry", "hostile", "storm", "wire"}),  # as written
        ("q=ØRSTED", {"summit"}, {"ferry", "hostile", "storm", "wire"}),  # any case, beyond ASCII too
        ("q=åsa+ørsted", {"summit"}, {"ferry", "hostile", "storm", "wire"}),
        ("q=100%25", set(), {"summit", "ferry", "hostile", "storm", "wire"}),  # % is text, not a wildcard
    ],
)
def test_recent_changes_filters(
    web: httpx.Client, desk: Desk, query: str, wanted: set[str], unwanted: set[str]
) -> None:
    names = {getattr(desk, n): n for n in ("summit", "ferry", "hostile", "storm", "flood", "wire")}
    doc = page(web, "/?" + query)
    found = {names[int(re.match(r"/stories/(\d+)", href).group(1))] for _, href in rows(doc)}  # type: ignore[union-attr]
    assert wanted <= found and not found & unwanted, (query, found)
    if "silent=1" in query:
        assert all(li.cssselect(".flag-silent") for li in doc.cssselect("li.change"))
    if not wanted:
        assert "No change matches these filters." in doc.text_content()


def test_recent_changes_filter_form_keeps_its_values(web: httpx.Client) -> None:
    doc = page(web, "/?source=city&tag=local&significance=minor&since=24h&silent=1&q=berths")
    assert doc.cssselect("#f-q")[0].get("value") == "berths"
    assert doc.cssselect("#f-source option[selected]")[0].get("value") == "city"
    assert doc.cssselect("#f-tag option[selected]")[0].get("value") == "local"
    assert doc.cssselect("#f-sig option[selected]")[0].get("value") == "minor"
    assert doc.cssselect("#f-since option[selected]")[0].get("value") == "24h"
    assert doc.cssselect("#f-silent")[0].get("checked") is not None
    atom = doc.cssselect("link[rel=alternate]")[0].get("href")
    assert atom.startswith("/changes.atom?") and parse_qs(urlsplit(atom).query)["q"] == ["berths"]


# -- one story, a diff, a version ------------------------------------------------------------------------------
def test_story_page_is_the_timeline_with_a_link_to_each_diff(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, f"/stories/{desk.summit}")
    assert doc.cssselect("h1")[0].text_content() == "Leaders arrive in Valmora for the Northern Harbour summit"
    versions = [li.get("id") for li in doc.cssselect("ol.timeline li.version")]
    assert versions == ["v3", "v2", "v1"]  # newest first
    links = {a.get("href") for a in doc.cssselect("ol.timeline a")}
    assert {diff_path(desk.summit, 1, 2), diff_path(desk.summit, 2, 3)} <= links
    assert {f"/stories/{desk.summit}/versions/{n}" for n in (1, 2, 3)} <= links
    v2 = doc.cssselect("#v2")[0].text_content()
    assert "Added Mirela Dastan" in v2 and "This story has been updated with additional developments." in v2
    assert "baseline" in doc.cssselect("#v1")[0].text_content()


def test_story_page_shows_a_removal_and_links_the_last_known_text(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, f"/stories/{desk.storm}")
    assert "The publisher has removed this story" in doc.cssselect(".banner-removed")[0].text_content()
    (event,) = doc.cssselect("li.event-removed")
    assert "Story removed" in event.text_content() and event.cssselect(".sig-major")
    assert event.cssselect("a")[0].get("href") == diff_path(desk.storm, 1, 1)
    last = page(web, diff_path(desk.storm, 1, 1))
    assert "Removed by the publisher" in last.text_content()
    assert "Forecasters issued a storm warning" in last.cssselect("section.article")[0].text_content()


def test_a_restored_story_shows_both_events_and_the_text_that_came_back(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, f"/stories/{desk.flood}")
    assert not doc.cssselect(".banner-removed")  # back, so no longer shown as removed
    events = [li.get("id") for li in doc.cssselect("li.event")]
    assert events == ["v1-restored", "v1-removed"]  # newest first
    restored = doc.cssselect("#v1-restored")[0]
    assert "Story restored: the page is back" in restored.text_content() and restored.cssselect(".flag-restored")
    assert restored.cssselect("a")[0].text_content().startswith("The text that came back")
    back = page(web, diff_path(desk.flood, 1, 1))
    assert [h.text_content().strip() for h in back.cssselect("section.summary h2")] == [
        "Removed by the publisher major",
        "Restored: the page is back major",
    ]
    assert back.cssselect("title")[0].text_content().startswith("Restored: Flood barrier tested")
    assert "Engineers closed the harbour" in back.cssselect("section.article")[0].text_content()
    listed = rows(page(web, "/?source=city"))
    assert ("Flood barrier tested ahead of the autumn tides", f"/stories/{desk.flood}#v1") in listed
    assert listed.count(("Flood barrier tested ahead of the autumn tides", f"/stories/{desk.flood}#v1")) == 2


def test_diff_page_defaults_to_the_latest_change(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, f"/stories/{desk.summit}/diff")
    assert doc.cssselect("link[rel=canonical]")[0].get("href").endswith(diff_path(desk.summit, 2, 3))
    assert doc.cssselect("#c-from option[selected]")[0].get("value") == "2"
    assert doc.cssselect("#c-to option[selected]")[0].get("value") == "3"
    assert [o.get("value") for o in doc.cssselect("#c-from option")] == ["1", "2", "3"]
    (prev,) = doc.cssselect(".steps a[rel=prev]")
    assert prev.get("href") == diff_path(desk.summit, 1, 2)
    assert not doc.cssselect(".steps a[rel=next]") and "no later change" in doc.text_content()
    marked = doc.cssselect("section.article .para.changed")
    assert len(marked) == 1 and marked[0].text_content().startswith("The talks open on Friday")
    assert [i.text_content() for i in marked[0].cssselect("ins")][0] == "at noon"
    assert [d.text_content() for d in marked[0].cssselect("del")][0] == "morning"


def test_diff_page_marks_the_added_name_and_steps_to_the_next_change(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, diff_path(desk.summit, 1, 2))
    summary = doc.cssselect("section.summary")[0]
    assert [i.text_content() for i in summary.cssselect("ins.name")] == ["Mirela Dastan", "Oona Brask"]
    assert "Declared by the publisher" in summary.text_content()
    assert any(d.text_content() == "26" for d in summary.cssselect("del"))
    inserted = " ".join(i.text_content() for i in doc.cssselect("section.article ins"))
    assert "Mirela Dastan" in inserted and "27" in inserted
    assert "26" in " ".join(d.text_content() for d in doc.cssselect("section.article del"))
    (step,) = doc.cssselect(".steps a[rel=next]")
    assert step.get("href") == diff_path(desk.summit, 2, 3)
    assert not doc.cssselect(".steps a[rel=prev]")
    assert doc.cssselect(".permalink a")[0].get("href") == diff_path(desk.summit, 1, 2)
    silent = page(web, diff_path(desk.hostile, 1, 2))
    assert "Silent edit:" in silent.cssselect("p.declared")[0].text_content()


def test_diff_page_between_any_two_versions_and_side_by_side(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, diff_path(desk.summit, 1, 3) + "&view=side")
    assert doc.cssselect("#c-from option[selected]")[0].get("value") == "1"
    assert doc.cssselect("#c-to option[selected]")[0].get("value") == "3"
    assert doc.cssselect("form.compare input[name=view]")[0].get("value") == "side"
    (side,) = doc.cssselect("div.side")
    heads = [h.text_content() for h in side.cssselect("[role=columnheader]")]
    assert heads[0].startswith("Version 1") and heads[1].startswith("Version 3")
    old = " ".join(c.text_content() for c in side.cssselect(".old"))
    new = " ".join(c.text_content() for c in side.cssselect(".new"))
    assert "26 foreign heads" in old and "27 foreign heads" in new and "Mirela Dastan" not in old
    assert not side.cssselect(".old ins") and not side.cssselect(".new del")  # each column shows its own side
    current = doc.cssselect(".views a.current")[0]
    assert current.text_content() == "Side by side" and current.get("aria-current") == "page"
    inline = doc.cssselect(".views a")[0].get("href")
    assert parse_qs(urlsplit(inline).query) == {"from": ["1"], "to": ["3"]}


def test_version_page_is_the_article_as_stored(web: httpx.Client, desk: Desk) -> None:
    one = page(web, f"/stories/{desk.summit}/versions/1").cssselect("article.stored")[0].text_content()
    assert "26 foreign heads of state" in one and "Mirela Dastan" not in one and "Lena Morrow" in one
    two = page(web, f"/stories/{desk.summit}/versions/2")
    text = two.cssselect("article.stored")[0].text_content()
    assert "27 foreign heads of state" in text and "This story has been updated" in text
    assert two.cssselect(".version-of a")[0].get("href") == diff_path(desk.summit, 1, 2)


# -- the Atom feed ----------------------------------------------------------------------------------------------
def test_atom_feed_is_valid_and_each_entry_links_its_diff_page(web: httpx.Client, desk: Desk) -> None:
    response = web.get("/changes.atom?since=24h")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    root = lxml.etree.fromstring(response.content)  # well-formed XML, or this raises
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 5  # summit ×2, the council's silent edit, the flood's return, the storm's removal
    base = str(web.base_url).rstrip("/")
    for entry in feed.entries:
        assert entry.link.startswith(base + "/stories/")
        assert entry.id and entry.updated_parsed and entry.summary
        assert web.get(entry.link).status_code == 200
    links = [e.link for e in feed.entries]
    assert base + diff_path(desk.summit, 1, 2) in links and base + f"/stories/{desk.storm}#v1" in links
    titles = [t.text for t in root.findall("a:entry/a:title", ns)]
    assert f"Substantive · silent edit: Council votes on harbour budget {EVIL}" in titles  # markup kept as text
    assert len(root.findall("a:entry/a:id", ns)) == len({e.text for e in root.findall("a:entry/a:id", ns)})


def test_atom_feed_takes_the_filters_of_the_list(web: httpx.Client, desk: Desk) -> None:
    feed = feedparser.parse(web.get("/changes.atom?source=world&silent=1").content)
    assert [e.link.split(str(web.base_url).rstrip("/"))[1] for e in feed.entries] == [diff_path(desk.ferry, 1, 2)]
    assert feed.feed.links[0].href.endswith("/changes.atom?source=world&silent=1")
    found = feedparser.parse(web.get("/changes.atom?q=dastan").content)
    assert [e.link.rsplit("/stories/", 1)[1] for e in found.entries] == [f"{desk.summit}/diff?from=1&to=2"]
    assert web.get("/changes.atom?significance=huge").status_code == 400


# -- the JSON API ----------------------------------------------------------------------------------------------
def test_api_routes_answer_json(web: httpx.Client, desk: Desk) -> None:
    stories = web.get("/api/stories").json()
    assert {s["id"] for s in stories} == {desk.summit, desk.ferry, desk.hostile, desk.storm, desk.flood, desk.wire}
    assert [s["id"] for s in web.get("/api/stories?source=city").json()] != []
    assert {s["source"] for s in web.get("/api/stories?tag=local").json()} == {"city"}
    # a removal is the story's latest change, and a major one: as on the recent-changes list
    assert {s["id"] for s in web.get("/api/stories?significance=major").json()} == {desk.storm, desk.flood}
    substantive = {s["id"] for s in web.get("/api/stories?significance=substantive").json()}
    assert {desk.summit, desk.storm, desk.hostile} <= substantive
    history = web.get(f"/api/stories/{desk.summit}").json()
    assert [v["version"] for v in history["versions"]] == [1, 2, 3]
    diff = web.get(f"/api/stories/{desk.summit}/diff?from=1&to=2").json()
    assert diff["from"]["version"] == 1 and diff["to"]["version"] == 2
    assert "Mirela Dastan" in diff["entities"]["added"]
    latest = web.get(f"/api/stories/{desk.summit}/diff").json()
    assert (latest["from"]["version"], latest["to"]["version"]) == (2, 3)
    version = web.get(f"/api/stories/{desk.hostile}/versions/1").json()
    assert version["headline"] == f"Council votes on harbour budget {EVIL}"


def _cli_json(desk: Desk, *args: str) -> object:
    result = CliRunner().invoke(cli, ["-c", str(desk.config), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("cli_args", "api"),
    [
        (["stories", "--json"], "/api/stories"),
        (
            ["stories", "--json", "--tag", "local", "--significance", "minor"],
            "/api/stories?tag=local&significance=minor",
        ),
        (["stories", "--json", "--significance", "major"], "/api/stories?significance=major"),
        (["stories", "--json", "--since", "24h", "--source", "world"], "/api/stories?since=24h&source=world"),
        (["history", "{summit}", "--json"], "/api/stories/{summit}"),
        (["history", "{storm}", "--json"], "/api/stories/{storm}"),
        (["diff", "{summit}", "--format", "json"], "/api/stories/{summit}/diff"),
        (
            ["diff", "{summit}", "--from", "1", "--to", "2", "--format", "json"],
            "/api/stories/{summit}/diff?from=1&to=2",
        ),
        (
            ["diff", "{summit}", "--from", "1", "--to", "3", "--format", "json"],
            "/api/stories/{summit}/diff?from=1&to=3",
        ),
        (
            ["diff", "{hostile}", "--from", "1", "--to", "2", "--format", "json"],
            "/api/stories/{hostile}/diff?from=1&to=2",
        ),
        (["show", "{summit}", "--version", "2", "--json"], "/api/stories/{summit}/versions/2"),
        (["show", "{hostile}", "--version", "1", "--json"], "/api/stories/{hostile}/versions/1"),
    ],
)
def test_api_equals_the_cli_json(web: httpx.Client, desk: Desk, cli_args: list[str], api: str) -> None:
    ids = {"summit": desk.summit, "storm": desk.storm, "hostile": desk.hostile}
    expected = _cli_json(desk, *(a.format(**ids) for a in cli_args))
    response = web.get(api.format(**ids))
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    assert response.json() == expected
    assert expected  # compared something


def test_a_window_reaching_before_the_year_1_is_a_sentence_on_both_faces(web: httpx.Client, desk: Desk) -> None:
    result = CliRunner().invoke(cli, ["-c", str(desk.config), "stories", "--json", "--since", "99999999d"])
    assert result.exit_code == 2 and "since reaches back before the year 1" in result.output
    response = web.get("/api/stories?since=99999999d")
    assert response.status_code == 400 and "since reaches back before the year 1" in response.json()["error"]


# -- errors -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/stories/99999", "/stories/99999/diff", "/stories/99999/versions/1", "/nowhere"])
def test_unknown_story_or_page_is_a_404_page(web: httpx.Client, path: str) -> None:
    doc = page(web, path, 404)
    assert doc.cssselect("h1")[0].text_content().lower() == "not found"
    assert doc.cssselect(".error-message")[0].text_content().strip()
    assert doc.cssselect("a[href='/']")  # a way back


def test_unknown_version_is_a_404(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, f"/stories/{desk.summit}/versions/9", 404)
    assert "has no version 9 (it has 3)" in doc.cssselect(".error-message")[0].text_content()
    assert web.get(f"/api/stories/{desk.summit}/versions/9").status_code == 404
    api = web.get("/api/stories/99999")
    assert api.status_code == 404 and "no story" in api.json()["error"]


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ("from=one&to=2", "from must be a version number (1, 2, …), got 'one'"),
        ("from=1&to=x2", "to must be a version number"),
        ("from=0&to=2", "from must be a version number"),
        ("from=3&to=2", "the older version (from) must be below the newer (to)"),
        ("from=2&to=9", "has versions 1 to 3"),
        ("to=9", "has versions 1 to 3"),
        ("to=1", "version 1 of story {id} is its first: nothing before it to compare"),
        ("from=2&to=2", "from and to are both 2: nothing to compare"),
        ("view=sideways", "view must be inline or side"),
    ],
)
def test_bad_versions_are_a_400_with_a_sentence(web: httpx.Client, desk: Desk, query: str, sentence: str) -> None:
    doc = page(web, f"/stories/{desk.summit}/diff?{query}", 400)
    assert doc.cssselect("h1")[0].text_content() == "Bad request"
    assert sentence.format(id=desk.summit) in doc.cssselect(".error-message")[0].text_content()
    if not query.startswith("view"):
        api = web.get(f"/api/stories/{desk.summit}/diff?{query}")
        assert api.status_code == 400 and api.json()["error"].startswith(("from ", "to ", "story ", "version "))


def test_a_story_with_one_version_has_no_diff_yet(web: httpx.Client, desk: Desk) -> None:
    doc = page(web, f"/stories/{desk.storm}/diff", 400)
    assert "has only 1 version(s): nothing to diff yet" in doc.cssselect(".error-message")[0].text_content()
    assert not page(web, f"/stories/{desk.storm}").cssselect("a.button")  # the timeline offers no diff


@pytest.mark.parametrize(
    ("path", "sentence"),
    [
        ("/?significance=huge", "significance must be one of cosmetic, minor, substantive, major"),
        ("/?since=forever", "since must be a time span such as 30m, 24h or 7d"),
        ("/?since=24", "since must be a time span"),
        ("/?silent=maybe", "silent must be 1"),
        ("/?page=0", "page must be a page number"),
        ("/?source=nowhere", "no source named 'nowhere'"),
        ("/?tag=sport", "no source has the tag 'sport'"),
        ("/changes.atom?since=soon", "since must be a time span"),
        ("/api/stories?significance=huge", "is not one of cosmetic, minor, substantive, major"),
        ("/api/stories?since=forever", "since must be a time span"),
        ("/api/stories?source=nowhere", "no source named 'nowhere'"),
    ],
)
def test_unknown_filter_values_are_a_400(web: httpx.Client, path: str, sentence: str) -> None:
    response = web.get(path)
    assert response.status_code == 400, response.text[:300]
    if path.startswith("/api/"):
        assert sentence in response.json()["error"]
    else:
        assert sentence in lxml.html.fromstring(response.text).cssselect(".error-message")[0].text_content()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/stories/99999999999999999999", 404),  # beyond any integer the databases hold
        ("/stories/{summit}/versions/99999999999999999999", 404),
        ("/api/stories/99999999999999999999", 404),
        ("/api/stories/{summit}/versions/99999999999999999999", 404),
        ("/stories/{summit}/diff?from=99999999999999999999&to=99999999999999999999", 400),
        ("/?page=99999999999999999999", 400),
        ("/?since=99999999d", 400),  # reaches back before the year 1
        ("/?since=1000000000h", 400),
        ("/api/stories?since=99999999999d", 400),
        ("/changes.atom?since=99999999d", 400),
        ("/?q=%00", 200),  # PostgreSQL text cannot hold a NUL: it is dropped, not sent
        ("/?q=Das%00tan", 200),
        ("/changes.atom?q=%00", 200),
        ("/?q=" + "x" * 5000, 200),
    ],
)
def test_odd_values_are_answered_never_a_500(web: httpx.Client, desk: Desk, path: str, status: int) -> None:
    response = web.get(path.format(summit=desk.summit))
    assert response.status_code == status, response.text[:300]
    if path.startswith("/?q=Das"):
        assert diff_path(desk.summit, 1, 2) in {href for _, href in rows(lxml.html.fromstring(response.text))}


def _database_state(desk: Desk) -> tuple[object, ...]:
    stories = desk.store.list_stories()
    return (
        sorted((s.id, s.versions, s.status.value, s.headline) for s in stories),
        len(desk.store.recent_changes(ChangeFilters(), limit=1000)),
        desk.store.story_counts(),
        desk.store.lease(),
    )


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_writing_methods_are_405_and_write_nothing(web: httpx.Client, desk: Desk, method: str) -> None:
    before = _database_state(desk)
    for path in all_routes(desk) + ["/healthz", f"/stories/{desk.summit}/diff?from=1&to=2"]:
        response = web.request(method, path, data={"headline": "hacked", "from": "1"})
        assert response.status_code == 405, (method, path, response.status_code)
        assert "GET" in response.headers.get("allow", ""), path
    doc = lxml.html.fromstring(web.post("/").text)
    assert "accepts GET requests and changes nothing" in doc.cssselect(".error-message")[0].text_content()
    assert _database_state(desk) == before


# -- access -------------------------------------------------------------------------------------------------
def test_without_the_token_every_route_but_healthz_is_401(guarded: httpx.Client, desk: Desk) -> None:
    for path in all_routes(desk) + ["/stories/99999", "/nowhere"]:
        response = guarded.get(path)
        assert response.status_code == 401, path
        assert response.headers["www-authenticate"].startswith("Basic")
        assert "Leaders arrive" not in response.text and "Mirela" not in response.text
    assert guarded.get("/healthz").status_code in (200, 503)  # a probe needs no token
    assert "Sign in needed" in guarded.get("/").text
    assert "error" in guarded.get("/api/stories").json()


@pytest.mark.parametrize(
    ("authorization", "status"),
    [
        (basic("anyone", TOKEN), 200),
        (basic("", TOKEN), 200),
        (f"Bearer {TOKEN}", 200),
        (f"bearer {TOKEN}", 200),
        (basic(TOKEN, "wrong"), 401),  # the token is the password, not the user name
        (basic("desk", TOKEN + "x"), 401),
        ("Bearer wrong-token-123", 401),
        ("Bearer", 401),
        ("Basic !!!not-base64", 401),
        (f"Token {TOKEN}", 401),
    ],
)
def test_token_as_basic_password_or_bearer(guarded: httpx.Client, desk: Desk, authorization: str, status: int) -> None:
    for path in (f"/stories/{desk.summit}/diff", "/api/stories", "/changes.atom", "/metrics"):
        assert guarded.get(path, headers={"Authorization": authorization}).status_code == status, path


def test_a_protected_stylesheet_is_cached_privately_and_its_401_never(guarded: httpx.Client) -> None:
    refused = guarded.get("/static/style.css")
    assert refused.status_code == 401 and "max-age" not in refused.headers["cache-control"]
    served = guarded.get("/static/style.css", headers={"Authorization": f"Bearer {TOKEN}"})
    assert served.status_code == 200 and served.headers["cache-control"] == "private, max-age=3600"


def test_basic_credentials_in_the_url_work_like_a_browser_sends_them(guarded: httpx.Client) -> None:
    response = guarded.get("/", auth=("desk-editor", TOKEN))
    assert response.status_code == 200 and "Recent changes" in response.text
    assert response.headers["cache-control"] == "no-store"  # a protected page is never cached


def test_links_for_elsewhere_use_the_base_url(guarded: httpx.Client, desk: Desk) -> None:
    bearer = {"Authorization": f"Bearer {TOKEN}"}
    feed = feedparser.parse(guarded.get("/changes.atom?source=world", headers=bearer).content)
    assert feed.entries and all(e.link.startswith(BASE_URL + "/stories/") for e in feed.entries)
    assert feed.feed.links[0].href == BASE_URL + "/changes.atom?source=world"
    doc = lxml.html.fromstring(guarded.get(diff_path(desk.summit, 1, 2), headers=bearer).text)
    assert doc.cssselect("link[rel=canonical]")[0].get("href") == BASE_URL + diff_path(desk.summit, 1, 2)
    assert doc.cssselect(".permalink a")[0].text_content() == BASE_URL + diff_path(desk.summit, 1, 2)
    assert desk.settings.web.diff_link(desk.summit, 1, 2) is None  # the plain server has no base_url
    alerted = replace(desk.settings.web, base_url=BASE_URL)
    assert alerted.diff_link(desk.summit, 1, 2) == BASE_URL + diff_path(desk.summit, 1, 2)  # what alerts link
    assert alerted.diff_link(desk.storm, 1, 1) == f"{BASE_URL}/stories/{desk.storm}"


def test_head_is_answered_like_get_without_a_body(web: httpx.Client, desk: Desk) -> None:
    for path in ("/", diff_path(desk.summit, 1, 2), "/api/stories", "/changes.atom"):
        response = web.head(path)
        assert response.status_code == 200 and response.content == b"", path
        assert "content-security-policy" in response.headers


# -- headers and escaping ------------------------------------------------------------------------------------------
def _csp(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def test_every_response_carries_the_security_headers(web: httpx.Client, guarded: httpx.Client, desk: Desk) -> None:
    responses = [web.get(path) for path in all_routes(desk)]
    responses += [web.get("/healthz"), web.get("/stories/99999"), web.get("/?since=x"), web.post("/")]
    responses += [guarded.get("/"), guarded.get("/api/stories")]
    assert {r.status_code for r in responses} >= {200, 400, 401, 404, 405}
    for response in responses:
        csp = _csp(response.headers["content-security-policy"])
        assert csp["default-src"] == ["'none'"], response.url
        assert "script-src" not in csp or csp["script-src"] == ["'none'"]  # no script, from anywhere
        assert not any("unsafe" in v for values in csp.values() for v in values)
        assert csp["style-src"] == ["'self'"] and csp["frame-ancestors"] == ["'none'"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?q=council",
        "/stories/{id}",
        "/stories/{id}/diff",
        "/stories/{id}/diff?view=side",
        "/stories/{id}/versions/1",
    ],
)
def test_page_text_is_escaped(web: httpx.Client, desk: Desk, path: str) -> None:
    response = web.get(path.format(id=desk.hostile))
    assert response.status_code == 200
    assert "<script>window.__pwned" not in response.text and "<img src=x" not in response.text
    doc = lxml.html.fromstring(response.text)
    assert doc.cssselect("script") == [] and doc.xpath("//*[@onerror]") == [] and doc.cssselect("img") == []
    assert EVIL in doc.text_content()  # shown as text


def test_a_query_echoed_back_is_escaped(web: httpx.Client) -> None:
    response = web.get("/", params={"q": '"><script>alert(1)</script>', "since": '"><b>x'})
    assert response.status_code == 400 and "<script>alert(1)" not in response.text and "<b>x" not in response.text
    response = web.get("/", params={"q": '"><script>alert(1)</script>'})
    assert response.status_code == 200 and "<script>alert(1)" not in response.text
    assert lxml.html.fromstring(response.text).cssselect("#f-q")[0].get("value") == '"><script>alert(1)</script>'


# -- operators --------------------------------------------------------------------------------------------------
def test_healthz_is_503_without_a_fresh_heartbeat_and_200_with_one(web: httpx.Client, desk: Desk) -> None:
    owner = "web-tests:1"
    assert desk.store.lease() is None
    none = web.get("/healthz")
    assert none.status_code == 503 and none.json()["database"] == "ok" and none.json()["daemon"] is None
    assert "no daemon has run" in none.json()["problems"][0]
    long_ago = utcnow() - STALE_AFTER - timedelta(minutes=5)
    assert desk.store.acquire_lease(owner, now=long_ago, stale_after=STALE_AFTER) is None
    try:
        stale = web.get("/healthz")
        assert stale.status_code == 503 and stale.json()["daemon"]["fresh"] is False
        assert "last heartbeat is" in stale.json()["problems"][0]
        assert desk.store.heartbeat(owner, now=utcnow(), cycle=True)
        fresh = web.get("/healthz")
        assert fresh.status_code == 200, fresh.text
        body = fresh.json()
        assert body["ok"] is True and body["problems"] == [] and body["daemon"]["owner"] == owner
        assert 0 <= body["daemon"]["heartbeat_age_seconds"] < 30
        metrics = _metrics(web)
        assert 0 <= metrics[("storywatch_daemon_heartbeat_age_seconds", ())] < 30
    finally:
        desk.store.release_lease(owner)


def _metrics(web: httpx.Client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = web.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_metrics_are_prometheus_text_and_count_the_database(web: httpx.Client, desk: Desk) -> None:
    metrics = _metrics(web)
    assert metrics[("storywatch_database_up", ())] == 1
    stories = desk.store.list_stories()
    for status in StoryStatus:
        expected = sum(s.status == status for s in stories)
        assert metrics.get(("storywatch_stories", (("status", status.value),)), 0) == expected, status
    assert metrics[("storywatch_stories", (("status", "removed"),))] == 1
    edits = [r.change for r in desk.store.recent_changes(ChangeFilters(), limit=1000)]
    edits = [c for c in edits if c.from_version < c.to_version]
    for level in ("cosmetic", "minor", "substantive", "major"):
        expected = sum(c.significance.label == level for c in edits)
        assert metrics[("storywatch_changes_total", (("significance", level),))] == expected, level
    assert metrics[("storywatch_sources_failing", ())] == 0


def test_healthz_and_metrics_refuse_writes_in_json(web: httpx.Client) -> None:
    assert web.post("/healthz").json()["error"]
    assert web.post("/metrics").json()["error"]


def test_static_stylesheet_is_served_and_cached(web: httpx.Client) -> None:
    response = web.get("/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert response.headers["cache-control"] == "public, max-age=3600"
    assert "max-age" not in web.get("/static/nothing.css").headers["cache-control"]  # a 404 is not kept
    assert "@media print" in response.text


def test_the_desk_is_built_through_the_pipeline(desk: Desk) -> None:
    """The data the tests above read: checked here so a failing page test is not a broken fixture."""
    assert desk.store.get_story(desk.summit).versions == 3  # type: ignore[union-attr]
    assert desk.store.get_story(desk.storm).status == StoryStatus.REMOVED  # type: ignore[union-attr]
    assert Path(desk.config).exists()
    hostile = desk.store.get_version(desk.hostile, 1)
    assert hostile is not None and len(hostile.article.body) == 3  # read as an article, markup and all
    assert hostile.article.headline == f"Council votes on harbour budget {EVIL}"
