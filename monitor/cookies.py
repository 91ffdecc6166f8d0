"""The cookie jar of our HTTP clients: httpx's, without its work on answers that set no cookie.

httpx hands every response to the standard library's cookie jar, which wraps the request and the response in
urllib shims and builds an ``email`` message of all the headers (twice) only to find no ``Set-Cookie`` in most
answers: about a quarter of a millisecond of CPU per request, a page fetch or an alert POST. Here an answer
without ``Set-Cookie`` (or ``Set-Cookie2``) is passed over; any other goes to httpx's jar as before, so the
cookies kept and sent back are the same.
"""

from __future__ import annotations

import httpx


class QuietCookies(httpx.Cookies):
    """``httpx.Cookies`` that looks for cookies only in answers that set one."""

    def extract_cookies(self, response: httpx.Response) -> None:
        headers = response.headers
        if "set-cookie" in headers or "set-cookie2" in headers:
            super().extract_cookies(response)


def quiet_cookies(client: httpx.Client) -> httpx.Client:
    """``client``, its cookie jar (empty or not) now a :class:`QuietCookies` holding the same cookies.

    httpx keeps the jar as ``_cookies``: its ``cookies`` setter would wrap ours in a plain ``httpx.Cookies``."""
    client._cookies = QuietCookies(client.cookies)  # noqa: SLF001 - see above
    return client
