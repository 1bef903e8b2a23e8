"""The preview server: the pages and their event stream, on the loopback address only.

The standard library's ``ThreadingHTTPServer`` is enough for one person's browser
on one machine: a thread per connection, each event stream a thread that waits on
the session. What it serves, and nothing else:

* ``GET /`` and, for a directory, ``GET /<path inside it>.html``: a page. A request
  path is only ever looked up among the pages' URL paths; it never becomes a file
  path, so ``/../etc/passwd`` and its encoded forms are simply not found.
* ``GET /events?page=/...``: the page's server-sent events. Each event carries the
  page (when it is new to this stream), the live region's markup and versions.

Requests are refused unless their ``Host`` is ``127.0.0.1:PORT`` or ``localhost:PORT``
(403): a web page elsewhere cannot rename itself into this origin by DNS rebinding.
A request that says it comes from another origin (``Origin``) is refused too. Every
response forbids framing, sniffing and caching; pages carry a Content-Security-Policy
that allows only their own stylesheets, the watch script (by nonce) and the stream.
"""

from __future__ import annotations

import json
import secrets
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .pages import content_security_policy, parts, served_page
from .session import Session, Shown

HOST = "127.0.0.1"
KEEP_ALIVE_SECONDS = 15.0
"""A comment on an idle stream this often, so that a closed tab ends its thread."""
RETRY_MS = 1000
"""How soon a browser reconnects after the server went away (EventSource's own retry)."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True  # a restart on the same --port while old sockets linger

    def __init__(self, session: Session, port: int) -> None:
        self.session = session
        super().__init__((HOST, port), Handler)
        self.port = self.server_address[1]
        self.hosts = {f"{HOST}:{self.port}", f"localhost:{self.port}"}

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that goes away mid-response is normal; anything else is a bug."""
        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            return
        from ..crash import write_crash_log

        assert error is not None
        log = write_crash_log(error, ["watch"])
        sys.stderr.write(f"impact: internal error in the preview server; log at {log}\n")


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "impact-watch"

    def version_string(self) -> str:
        return self.server_version  # not the Python version

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _respond(self, *, body: bool) -> None:
        if not self._trusted():
            self._plain(403, "Forbidden: open the address that impact watch printed.\n", body)
            return
        target = urlsplit(self.path)
        session = self.server.session
        if target.path == "/events":
            key = parse_qs(target.query).get("page", [""])[0]
            if session.shown(key) is None:
                self._plain(404, "Not found.\n", body)
            elif body:
                self._stream(key)
            else:
                self._head(200, "text/event-stream")
            return
        key = unquote(target.path, errors="strict") if _decodable(target.path) else ""
        shown = session.shown(key)
        if shown is None:
            self._plain(404, "Not found.\n", body)
            return
        nonce = secrets.token_urlsafe(18)
        data = served_page(shown, key, nonce, index_link=session.directory and key != "/")
        self._head(200, "text/html; charset=utf-8", len(data), content_security_policy(nonce))
        if body:
            self.wfile.write(data)

    def _trusted(self) -> bool:
        host = (self.headers.get("Host") or "").lower()
        if host not in self.server.hosts:
            return False
        origin = self.headers.get("Origin")
        return origin is None or origin.lower() in {f"http://{h}" for h in self.server.hosts}

    def _stream(self, key: str) -> None:
        """Send the page's state now and after every change, until the session closes or
        the browser goes away."""
        session = self.server.session
        self._head(200, "text/event-stream")
        self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
        self.wfile.flush()
        sent: Shown | None = None
        generation = -1
        while not session.closed:
            shown = session.shown(key)
            if shown is not None and (sent is None or _changed(sent, shown)):
                new_page = sent is None or sent.version != shown.version
                self.wfile.write(_event(shown, with_page=new_page))
                self.wfile.flush()
                sent = shown
            seen = generation
            generation = session.wait(generation, KEEP_ALIVE_SECONDS)
            if generation == seen and not session.closed:
                self.wfile.write(b": still here\n\n")  # raises once the browser is gone
                self.wfile.flush()

    def _head(
        self, status: int, content_type: str, length: int | None = None, csp: str | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header(
            "Content-Security-Policy", csp or "default-src 'none'; frame-ancestors 'none'"
        )
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.end_headers()

    def _plain(self, status: int, text: str, body: bool) -> None:
        data = text.encode("utf-8")
        self._head(status, "text/plain; charset=utf-8", len(data))
        if body:
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for the diagram's problems, not for each request."""


def _decodable(path: str) -> bool:
    try:
        unquote(path, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


def _changed(before: Shown, after: Shown) -> bool:
    return (before.version, before.status_id) != (after.version, after.status_id)


def _event(shown: Shown, *, with_page: bool) -> bytes:
    data = {
        "version": shown.version,
        "page": parts(shown.page) if with_page else None,
        "status": shown.status,
        "status_id": shown.status_id,
        "stale": shown.stale,
    }
    # json.dumps escapes newlines, so the data is one line of the stream
    return f"event: update\ndata: {json.dumps(data)}\n\n".encode()
