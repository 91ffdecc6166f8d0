"""/api/…: exactly the data of the CLI's ``--json``, from the same ``monitor.read_model`` functions.

GET /api/stories                  = storywatch stories --json   (since, source, tag, significance filters;
                                    limit and offset: a page, its Link header names the next)
GET /api/stories/{id}             = storywatch history ID --json
GET /api/stories/{id}/diff        = storywatch diff ID --format json   (from, to)
GET /api/stories/{id}/versions/N  = storywatch show ID --version N --json
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from itertools import chain, islice
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context, url_for

from monitor import read_model
from monitor.json_array import json_array
from monitor.web.app import BadRequest, now, settings, store
from monitor.web.pages import _since_param, _version_param

MAX_LIMIT = 1000  # the largest page (a page is read whole, to know whether a next one exists)

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.get("/stories")
def stories() -> Response:
    """Every story, streamed as one JSON array; or, with ``limit`` (1 to ``MAX_LIMIT``) and ``offset``, one page
    of them, whose ``Link: <…>; rel="next"`` header gives the next page while there is one."""
    limit, offset = _count("limit", minimum=1, maximum=MAX_LIMIT), _count("offset", minimum=0) or 0
    found = read_model.list_stories(
        store(),
        settings(),
        since=_since_param(),
        source=request.args.get("source", "").strip() or None,
        tag=request.args.get("tag", "").strip() or None,
        significance=request.args.get("significance", "").strip() or None,
        now=now(),
        offset=offset,
        limit=None if limit is None else limit + 1,  # one more tells whether a next page exists
    )
    if limit is None:
        return _streamed(read_model.stories_json(found))
    page = list(found)
    response = _streamed(read_model.stories_json(page[:limit]))
    if len(page) > limit:
        following = {**request.args.to_dict(), "offset": str(offset + limit), "limit": str(limit)}
        response.headers["Link"] = f'<{url_for(".stories", **following)}>; rel="next"'
    return response


def _count(name: str, *, minimum: int, maximum: int = read_model.MAX_ID) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not minimum <= int(raw) <= maximum:
        raise BadRequest(f"{name} must be a whole number from {minimum} to {maximum}, got {raw[:40]!r}")
    return int(raw)


def _streamed(items: Iterable[Any]) -> Response:
    """A JSON array written as its items come, the text ``jsonify`` gives for the whole list.

    The first item is read here, before the response starts: a database that does not answer is still a 503
    in a sentence (the error handlers), not a 200 cut short."""
    items = iter(items)
    first = list(islice(items, 1))
    dumps = partial(current_app.json.dumps, separators=(",", ":"))
    body = chain(json_array(chain(first, items), dumps), ["\n"])
    return Response(stream_with_context(body), mimetype="application/json")


@blueprint.get("/stories/<int:story_id>")
def history(story_id: int) -> Response:
    found = read_model.find_story(store(), story_id)
    return jsonify(read_model.history_json(read_model.story_history(store(), found)))


@blueprint.get("/stories/<int:story_id>/diff")
def diff(story_id: int) -> Response:
    found = read_model.find_story(store(), story_id)
    change = read_model.change_between(store(), found, _version_param("from"), _version_param("to"))
    return jsonify(read_model.diff_json(change))


@blueprint.get("/stories/<int:story_id>/versions/<int:number>")
def version(story_id: int, number: int) -> Response:
    found = read_model.find_story(store(), story_id)
    return jsonify(read_model.version_json(read_model.version_of(store(), found, number)))
