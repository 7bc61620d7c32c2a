"""Images a mail carries itself (nothing loaded from the internet): the QR code of a link, as PNG."""
from __future__ import annotations

import io

import segno


def qr_png(url: str, scale: int = 6) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2, dark="#111111", light="#ffffff")
    return out.getvalue()
