"""Static files under one content hash per release, cached for a year, compressed once at their best.

``url_for('static', filename='js/live.js')`` gives ``/static/<digest>/js/live.js``, where the
digest is a hash of every file under static/ (names and bytes). Everything a page loads from there
(stylesheets, ES modules and the modules they import by relative URL, vendored libraries, images)
stays under the same prefix, so one hash in the page versions all of it without a build step or an
import map (docs/frontend.md says why). Under the current digest a file is served
``Cache-Control: public, max-age=31536000, immutable``; under an unhashed ``/static/<path>`` (or an
old digest, from a page opened before a release) it is served ``no-cache`` with an ETag, so a
browser revalidates it.

Each file is read once per release (kept in memory; in debug mode read each time, edits show).
Text files (scripts, stylesheets, SVG, JSON) are sent as brotli at level 11 or gzip at level 9, as
the browser asks (``Precompressed``): made once per file's content, the first time a browser asks,
kept in memory and in a folder (``instance/compressed/`` unless ``STATIC_COMPRESSED_DIR`` says
otherwise), so the next process of the same release finds them made. In the server (gevent) the
compressing runs in a native thread in the background (brotli and zlib let go of the GIL), and until
a file is made it goes out as Flask-Compress makes it: no request waits for level 11.
Anything else (pages, the script catalogue) Flask-Compress compresses (facilitator/compression.py),
which leaves a response that has a ``Content-Encoding`` alone.
"""
from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import brotli

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
COMPRESSIBLE = {"text/javascript", "text/css", "image/svg+xml", "application/json"}


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


def _in_background(fn, *args) -> bool:
    """Start fn(*args) in a native thread when gevent patched threading (the server's loop goes on
    serving while brotli works: it lets go of the GIL); False, and nothing started, otherwise."""
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is a dependency
        return False
    if not monkey.is_module_patched("threading"):
        return False
    import gevent

    gevent.get_hub().threadpool.spawn(fn, *args)
    return True


class Precompressed:
    """Each text file's brotli (level 11) and gzip (level 9) bytes, made once per content.

    Level 11 makes JavaScript about 8 % smaller than Flask-Compress's level 5 (socket.io's client:
    11.7 kB against 12.6 kB) at about 20 times the CPU (80 ms for that file), so it is made once and
    kept: in memory, and as ``<sha256 of the file>.<br|gz>`` in ``folder`` (written to a temporary
    name and renamed, so processes sharing the folder never read half a file). A folder that cannot
    be written leaves the memory copy only. In the server (gevent) a file not made yet is made in the
    background and this time goes out as Flask-Compress makes it (level 5), so a fresh release's
    first phone waits for nothing; elsewhere (tests, scripts) it is made at once."""

    ENCODINGS = {"br": lambda data: brotli.compress(data, quality=11),
                 "gzip": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}
    SUFFIX = {"br": "br", "gzip": "gz"}

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.data: dict[tuple[str, str], bytes] = {}
        self.making: set[tuple[str, str]] = set()

    def get(self, key: str, data: bytes, encoding: str) -> bytes | None:
        """``data`` (whose sha256 is ``key``) in ``encoding``; None while it is being made."""
        kept = self.data.get((key, encoding))
        if kept is None and (key, encoding) not in self.making:
            kept = self._read(key, encoding)
            if kept is not None:
                self.data[(key, encoding)] = kept
            else:
                self.making.add((key, encoding))
                if not _in_background(self._make, key, data, encoding):
                    self._make(key, data, encoding)
                    kept = self.data.get((key, encoding))
        return kept

    def _make(self, key: str, data: bytes, encoding: str) -> None:
        try:
            made = self.ENCODINGS[encoding](data)
            self._write(key, encoding, made)
            self.data[(key, encoding)] = made
        finally:
            self.making.discard((key, encoding))

    def _path(self, key: str, encoding: str) -> Path | None:
        return self.folder / f"{key}.{self.SUFFIX[encoding]}" if self.folder else None

    def _read(self, key: str, encoding: str) -> bytes | None:
        path = self._path(key, encoding)
        try:
            return path.read_bytes() if path else None
        except OSError:
            return None

    def _write(self, key: str, encoding: str, data: bytes) -> None:
        path = self._path(key, encoding)
        if not path:
            return
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except OSError:  # a folder the server may not write: the memory copy serves
            if tmp:
                Path(tmp).unlink(missing_ok=True)


def chosen_encoding(req) -> str | None:
    """br if the browser takes it, else gzip, else None (Accept-Encoding's q=0 refuses)."""
    offered = req.accept_encodings
    for encoding in ("br", "gzip"):
        if offered[encoding] > 0 and encoding in {value for value, _q in offered}:
            return encoding
    return None


class StaticFiles:
    def __init__(self, folder: Path, compressed: Path | None = None):
        self.folder = Path(folder)
        self._digest = _digest_for(self.folder, _fingerprint(self.folder))
        self._files: dict[str, tuple[bytes, str, str, str]] = {}
        self.precompressed = Precompressed(compressed)

    def digest(self) -> str:
        """The current digest; in debug mode it follows files edited while the server runs."""
        if current_app.debug:
            self._digest = _digest_for(self.folder, _fingerprint(self.folder))
        return self._digest

    def _file(self, filename: str) -> tuple[bytes, str, str, str] | None:
        """(bytes, sha256, suffix, mimetype), read once per release (each time in debug mode)."""
        known = self._files.get(filename)
        if known is not None and not current_app.debug:
            return known
        path = safe_join(str(self.folder), filename)
        if path is None or not os.path.isfile(path):
            return None
        data = Path(path).read_bytes()
        suffix = Path(path).suffix.lower()
        mimetype = TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"
        self._files[filename] = known = (data, hashlib.sha256(data).hexdigest(), suffix, mimetype)
        return known

    def serve(self, filename: str, version: str | None = None):
        found = self._file(filename)
        if found is None:
            abort(404)
        data, key, suffix, mimetype = found
        etag = key[:16]
        g.static_etag = etag
        body, encoding = data, chosen_encoding(request) if mimetype in COMPRESSIBLE else None
        if encoding:
            packed = self.precompressed.get(key, data, encoding)
            if packed is not None and len(packed) < len(data):
                body = packed
            else:  # not made yet (Flask-Compress compresses it this time), or no smaller
                encoding = None
        # Modules are UTF-8 whatever the header says: no charset on them (bytes on every response)
        response = (Response(body, content_type=mimetype) if suffix in (".js", ".mjs")
                    else Response(body, mimetype=mimetype))
        if mimetype in COMPRESSIBLE:
            response.vary.add("Accept-Encoding")
        if encoding:
            response.headers["Content-Encoding"] = encoding  # Flask-Compress leaves it alone
        if version == self.digest():
            response.headers["Cache-Control"] = IMMUTABLE  # never asked again: no ETag to compare
            return response
        response.set_etag(f"{etag}:{encoding}" if encoding else etag)
        response.headers["Cache-Control"] = REVALIDATE
        return response.make_conditional(request)


class StaticCache:
    """Flask-Compress's cache backend: keeps what it compressed of the same bytes for everybody only
    (the script catalogue's files, a static file of a type not precompressed; keys from cache_key)."""

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


def init_app(app: Flask, folder: Path, compressed: Path | None = None) -> StaticFiles:
    """``compressed``: the folder that keeps precompressed files (None: memory only)."""
    files = StaticFiles(folder, compressed)
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
