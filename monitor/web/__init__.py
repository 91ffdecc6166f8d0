"""The web view (`storywatch serve`): every alert's link lands here. Read-only; no route writes anything.

    app.py        the Flask application: access (web.token), security headers, error pages
    pages.py      the HTML pages: recent changes, a story's timeline, a diff, a version; the Atom feed
    api.py        /api/…: the data of the CLI's ``--json``, from the same ``monitor.read_model`` functions
    health.py     /healthz and /metrics (Prometheus text format) for operators
    diffview.py   a change laid out for the diff page (inline and side by side), as plain values
    server.py     runs the app on waitress, the production WSGI server

Templates autoescape everything from a page; the Content-Security-Policy allows no script at all.
"""

from monitor.web.app import create_app

__all__ = ["create_app"]
