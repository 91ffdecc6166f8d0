"""The HTML pages and the Atom feed: recent changes, a story's timeline, a diff, one version.

Each page asks ``monitor.read_model`` for its data and hands it to a template; nothing here queries the
database itself. A query parameter that cannot be read is a 400 with a sentence saying what to write.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request, url_for

from monitor import read_model
from monitor.durations import parse_duration
from monitor.models import Change, Significance, Story
from monitor.read_model import ChangesQuery
from monitor.web import diffview
from monitor.web.app import BadRequest, now, settings, store

blueprint = Blueprint("pages", __name__)

LEVELS = [level.label for level in Significance]
FILTERS = ("source", "tag", "significance", "silent", "since", "q")


# -- reading query parameters ------------------------------------------------------------------------------
def _version_param(name: str) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise BadRequest(f"{name} must be a version number (1, 2, …), got {raw[:40]!r}")
    return int(raw)


def _since_param() -> timedelta | None:
    raw = request.args.get("since", "").strip()
    if not raw:
        return None
    try:
        if raw.replace(".", "").isdigit():
            raise ValueError("needs a unit")
        return parse_duration(raw)
    except (ValueError, OverflowError):  # OverflowError: more days than a timedelta holds
        raise BadRequest(f"since must be a time span such as 30m, 24h or 7d, got {raw[:40]!r}") from None


def changes_query() -> ChangesQuery:
    """The filters of ``/`` and ``/changes.atom`` from the query string."""
    level = request.args.get("significance", "").strip().lower() or None
    if level is not None and level not in LEVELS:
        raise BadRequest(f"significance must be one of {', '.join(LEVELS)}, got {level[:40]!r}")
    silent = request.args.get("silent", "").strip().lower()
    if silent not in ("", "0", "1", "true", "false", "on", "yes", "no"):
        raise BadRequest(f"silent must be 1 (silent edits only) or left out, got {silent[:40]!r}")
    page = request.args.get("page", "1").strip() or "1"
    if not page.isdigit() or int(page) < 1:
        raise BadRequest(f"page must be a page number (1, 2, …), got {page[:40]!r}")
    return ChangesQuery(
        source=request.args.get("source", "").strip() or None,
        tag=request.args.get("tag", "").strip() or None,
        significance=level,
        silent=silent in ("1", "true", "on", "yes"),
        since=_since_param(),
        q=request.args.get("q", "").replace("\x00", "").strip()[:200] or None,  # PostgreSQL text holds no NUL
        page=int(page),
    )


def _filters_only(**changes: Any) -> str:
    """The current filters as a query string, with ``changes`` applied (None drops a key)."""
    params = {k: v for k in FILTERS if (v := request.args.get(k, "").strip())}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return urlencode(params)


def _story(story_id: int) -> Story:
    return read_model.find_story(store(), story_id)


def diff_href(change: Change) -> str:
    """The page a listed change links: its diff, or the story's timeline for a removal or restoration."""
    if change.from_version >= change.to_version:
        return url_for("pages.story", story_id=change.story_id, _anchor=f"v{change.to_version}")
    return url_for("pages.diff", story_id=change.story_id, **{"from": change.from_version, "to": change.to_version})


def absolute(path: str) -> str:
    base = settings().web.base_url
    return (base.rstrip("/") if base else request.host_url.rstrip("/")) + path


def _context() -> dict[str, Any]:
    return {"diff_href": diff_href, "one_line": read_model.one_line, "levels": LEVELS, "now": now()}


# -- pages -------------------------------------------------------------------------------------------------
@blueprint.get("/")
def recent() -> str:
    query = changes_query()
    page = read_model.recent_changes(store(), settings(), query, now=now())
    sources = sorted({s.name for s in settings().sources} | set(store().source_names()))
    tags = sorted({t for s in settings().sources for t in s.tags})
    return render_template(
        "recent.html",
        page=page,
        query=query,
        sources=sources,
        tags=tags,
        args=request.args,
        filtered=any(request.args.get(k) for k in FILTERS),
        prev_href="?" + _filters_only(page=page.page - 1 if page.page > 2 else None) if page.page > 1 else None,
        next_href="?" + _filters_only(page=page.page + 1) if page.more else None,
        atom_href=url_for("pages.atom") + ("?" + q if (q := _filters_only(page=None)) else ""),
        **_context(),
    )


@blueprint.get("/changes.atom")
def atom() -> Response:
    query = changes_query()
    page = read_model.recent_changes(store(), settings(), query, now=now())
    self_href = absolute(request.full_path.rstrip("?"))
    body = render_template(
        "changes.atom.xml",
        page=page,
        self_href=self_href,
        home=absolute(url_for("pages.recent") + ("?" + q if (q := _filters_only(page=None)) else "")),
        absolute=absolute,
        updated=page.rows[0].change.created_at if page.rows else None,
        **_context(),
    )
    return Response(body, mimetype="application/atom+xml")


@blueprint.get("/stories/<int:story_id>")
def story(story_id: int) -> str:
    history = read_model.story_history(store(), _story(story_id))
    return render_template("story.html", history=history, **_context())


TEST_STORY = 0  # `storywatch notify test` links story 0: never a real story's id (ids start at 1)


@blueprint.get("/stories/<int:story_id>/diff")
def diff(story_id: int) -> str:
    if story_id == TEST_STORY:
        return render_template("test_link.html", **_context())
    found = _story(story_id)
    from_, to = _version_param("from"), _version_param("to")
    view = request.args.get("view", "inline").strip() or "inline"
    if view not in ("inline", "side"):
        raise BadRequest(f"view must be inline or side, got {view[:40]!r}")
    history = read_model.story_history(store(), found)
    if from_ is not None and from_ == to:  # a removal or restoration event: the text as it last stood
        return _event_page(history, from_)
    change = read_model.change_between(store(), found, from_, to)
    items = diffview.paragraphs(change)
    edits = [c for c in history.changes if c.from_version < c.to_version]
    prev_change = next((c for c in reversed(edits) if c.to_version <= change.from_version), None)
    next_change = next((c for c in edits if c.from_version >= change.to_version), None)
    permanent = url_for("pages.diff", story_id=found.id, **{"from": change.from_version, "to": change.to_version})
    return render_template(
        "diff.html",
        story=found,
        history=history,
        change=change,
        s=change.summary,
        items=items,
        first=diffview.first_change(items),
        view=view,
        permanent=permanent,
        permanent_abs=absolute(permanent),
        prev_change=prev_change,
        next_change=next_change,
        events=[c for c in history.changes if c.from_version == c.to_version],
        **_context(),
    )


def _event_page(history: read_model.History, number: int) -> str:
    events = history.events_at(number)
    if not events:
        raise BadRequest(
            f"from and to are both {number}: nothing to compare (pick two different versions, or open the "
            f"story's timeline for its removal and restoration events)"
        )
    version = read_model.version_of(store(), history.story, number)
    return render_template(
        "event.html",
        story=history.story,
        history=history,
        events=events,
        version=version,
        items=diffview.plain(version),
        **_context(),
    )


@blueprint.get("/stories/<int:story_id>/versions/<int:number>")
def version(story_id: int, number: int) -> str:
    found = _story(story_id)
    stored = read_model.version_of(store(), found, number)
    history = read_model.story_history(store(), found)
    return render_template(
        "version.html",
        story=found,
        version=stored,
        history=history,
        change=history.change_to(number),
        items=diffview.plain(stored),
        **_context(),
    )
