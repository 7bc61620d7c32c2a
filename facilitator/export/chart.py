"""The dot-vote chart for the report: a horizontal stacked bar per trend, one colour per stakeholder
group, drawn with Pillow as a PNG (no plotting library needed)."""
from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

FONT_FILES = ("DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "LiberationSans-Regular.ttf",
              "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
SCALE = 2  # drawn at twice the size, for a sharp print


def _font(size: int):
    for name in FONT_FILES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _rgb(colour: str) -> tuple:
    colour = (colour or "#888888").lstrip("#")
    try:
        return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return (136, 136, 136)


def dot_vote_png(bars: list[tuple[str, list[tuple[str, int]]]], width: int = 900) -> bytes:
    """*bars*: [(trend text, [(group colour, dots), ...]), ...] in the order to draw (largest first)."""
    s = SCALE
    font = _font(16 * s)
    label_w, bar_h, gap, pad = 360 * s, 24 * s, 10 * s, 12 * s
    width *= s
    wrapped = [textwrap.wrap(text, 38)[:2] or [""] for text, _parts in bars]
    line_h = 19 * s
    heights = [max(bar_h, len(lines) * line_h) for lines in wrapped]
    height = pad * 2 + sum(heights) + gap * max(0, len(bars) - 1)
    img = Image.new("RGB", (width, max(height, 60 * s)), "white")
    draw = ImageDraw.Draw(img)
    top = max((sum(n for _c, n in parts) for _t, parts in bars), default=0) or 1
    span = width - label_w - pad * 3 - 40 * s
    y = pad
    for (text, parts), lines, h in zip(bars, wrapped, heights):
        for i, line in enumerate(lines):
            draw.text((pad, y + i * line_h + (h - len(lines) * line_h) // 2), line, fill=(30, 30, 30), font=font)
        x = pad + label_w
        by = y + (h - bar_h) // 2
        for colour, n in parts:
            if n <= 0:
                continue
            w = max(1, round(span * n / top))
            draw.rectangle([x, by, x + w - 1, by + bar_h], fill=_rgb(colour))
            x += w
        total = sum(n for _c, n in parts)
        draw.text((x + 6 * s, by + 2 * s), str(total), fill=(30, 30, 30), font=font)
        y += h + gap
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=6)
    return out.getvalue()
