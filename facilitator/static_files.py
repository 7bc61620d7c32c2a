"""Static files under one content hash per release, cached for a year; compressed by Flask-Compress.

``url_for('static', filename='js/live.js')`` gives ``/static/<digest>/js/live.js``, where the
digest is a hash of every file under static/ (names and bytes). Everything a page loads from there
(stylesheets, ES modules and the modules they import by relative URL, vendored libraries, images)
stays under the same prefix, so one hash in the page versions all of it without a build step or an
import map (docs/frontend.md says why). Under the current digest a file is served
``Cache-Control: public, max-age=31536000, immutable``; under an unhashed ``/static/<path>`` (or an
old digest, from a page opened before a release) it is served ``no-cache`` with an ETag, so a
browser revalidates it.

Responses are whole bytes, never a file stream: Flask-Compress compresses them (br or gzip, as the
browser asks), and keeps each compressed file in ``StaticCache`` so that a thousand phones cost one
compression per file. Dynamic pages are compressed on every request and never cached.
"""
from __future__ import annotations

import hashlib
import mimetypes
import os
from functools import lru_cache
from pathlib import Path

from flask import Flask, Response, abort, current_app, g, request
from werkzeug.routing import BaseConverter
from werkzeug.security import safe_join

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
DIGEST_LENGTH = 12
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml",
         ".json": "application/json"}
# Scripts and stylesheets are never shown as a page, so the headers that guard pages (framing,
# referrer) say nothing on them and are left off; nosniff stays.
NEVER_A_DOCUMENT = {"text/javascript", "text/css"}


class DigestConverter(BaseConverter):
    regex = f"[0-9a-f]{{{DIGEST_LENGTH}}}"


def _files(folder: Path):
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames.sort()
        for name in sorted(filenames):
            yield Path(dirpath, name)


def digest_of(folder: Path) -> str:
    """One hash of every file's path and bytes: the same on every worker serving the same files."""
    h = hashlib.sha256()
    for path in _files(folder):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:DIGEST_LENGTH]


def _fingerprint(folder: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in _files(folder))


@lru_cache(maxsize=8)
def _digest_for(folder: Path, fingerprint: tuple) -> str:
    return digest_of(folder)


class StaticFiles:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._digest = _digest_for(self.folder, _fingerprint(self.folder))

    def digest(self) -> str:
        """The current digest; in debug mode it follows files edited while the server runs."""
        if current_app.debug:
            self._digest = _digest_for(self.folder, _fingerprint(self.folder))
        return self._digest

    def serve(self, filename: str, version: str | None = None):
        path = safe_join(str(self.folder), filename)
        if path is None or not os.path.isfile(path):
            abort(404)
        data = Path(path).read_bytes()
        etag = hashlib.sha256(data).hexdigest()[:16]
        g.static_etag = etag
        suffix = Path(path).suffix.lower()
        mimetype = TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
        # Modules are UTF-8 whatever the header says: no charset on them (bytes on every response)
        response = Response(data, content_type=mimetype) if suffix in (".js", ".mjs") else Response(data, mimetype=mimetype)
        if version == self.digest():
            response.headers["Cache-Control"] = IMMUTABLE  # never asked again: no ETag to compare
            return response
        response.set_etag(etag)
        response.headers["Cache-Control"] = REVALIDATE
        return response.make_conditional(request)


class StaticCache:
    """Flask-Compress's cache backend: keeps compressed static files only (keys from cache_key).
    (Keeping them at brotli's best level instead, 8 % smaller, was tried: at 20 times the CPU it made
    a fresh server's first page take seconds on a busy machine.)"""

    LIMIT = 2000

    def __init__(self):
        self.data: dict[str, bytes] = {}

    def get(self, key: str) -> bytes | None:
        return self.data.get(key) if _cacheable(key) else None

    def set(self, key: str, value: bytes) -> None:
        if _cacheable(key) and key not in self.data:
            if len(self.data) >= self.LIMIT:
                self.data.clear()
            self.data[key] = value


UNCACHED = "uncached"
CACHED_ENDPOINTS = {"static", "static_plain", "catalogue", "catalogue_module"}  # the same bytes for everybody


def _cacheable(key: str) -> bool:  # Flask-Compress asks with "<algorithm>;<cache_key(request)>"
    return not key.endswith(";" + UNCACHED)


def cache_key(req) -> str:
    """A static file's compressed bytes are keyed by its path and content; anything else is not kept."""
    etag = g.get("static_etag")
    if req.endpoint in CACHED_ENDPOINTS and etag:
        return f"{req.path}|{etag}"
    return UNCACHED


def init_app(app: Flask, folder: Path) -> StaticFiles:
    files = StaticFiles(folder)
    app.url_map.converters["digest"] = DigestConverter
    app.add_url_rule("/static/<digest:version>/<path:filename>", endpoint="static",
                     view_func=lambda version, filename: files.serve(filename, version))
    app.add_url_rule("/static/<path:filename>", endpoint="static_plain", view_func=files.serve)

    @app.url_defaults
    def static_digest(endpoint, values):
        if endpoint == "static" and "version" not in values:
            values["version"] = files.digest()

    app.extensions["facilitator_static"] = files
    return files
