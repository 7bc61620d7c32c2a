"""Responses compressed when the browser asks (Flask-Compress): brotli, else gzip.

- Whole responses only (``COMPRESS_STREAMS`` off): a streamed response (a file download, a generator)
  goes out as it is, never held back in a compressor. Static text files come compressed already, at
  brotli's and gzip's best, once per release (facilitator/static_files.py ``Precompressed``); the
  script catalogue's files are compressed here once and kept (``StaticCache``).
- Text types only (Flask-Compress's list: HTML, CSS, JavaScript, JSON, SVG...): Word files, images and
  anything with a ``Content-Encoding`` already are left alone, so nothing is compressed twice.
- The Socket.IO endpoint never reaches Flask (Flask-SocketIO's middleware answers it before the app),
  so Flask-Compress never sees it; engine.io compresses its own long-polling answers.
"""
from __future__ import annotations

from flask import Flask
from flask_compress import Compress

from facilitator import static_files

def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_STREAMS", False)
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)  # 7 % smaller than the default 4 for JavaScript, as fast
    app.config.setdefault("COMPRESS_CACHE_BACKEND", static_files.StaticCache)
    app.config.setdefault("COMPRESS_CACHE_KEY", static_files.cache_key)
    app.extensions["facilitator_compress"] = Compress(app)
