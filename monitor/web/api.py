"""/api/…: exactly the data of the CLI's ``--json``, from the same ``monitor.read_model`` functions.

GET /api/stories                  = storywatch stories --json   (since, source, tag, significance filters)
GET /api/stories/{id}             = storywatch history ID --json
GET /api/stories/{id}/diff        = storywatch diff ID --format json   (from, to)
GET /api/stories/{id}/versions/N  = storywatch show ID --version N --json
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from monitor import read_model
from monitor.web.app import now, settings, store
from monitor.web.pages import _since_param, _version_param

blueprint = Blueprint("api", __name__, url_prefix="/api")


@blueprint.get("/stories")
def stories() -> Response:
    level = request.args.get("significance", "").strip() or None
    rows = read_model.list_stories(
        store(),
        settings(),
        since=_since_param(),
        source=request.args.get("source", "").strip() or None,
        tag=request.args.get("tag", "").strip() or None,
        significance=level,
        now=now(),
    )
    return jsonify(read_model.stories_json(rows))


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
