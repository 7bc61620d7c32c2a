"""The pictures of "where the plan lands" for the Word documents, drawn with Pillow as PNG: the
need-and-action bars, the small multiples of one indicator's trend per neighbourhood, and the map of
the neighbourhoods (a Mercator projection of the stored boundaries, fitted to the picture)."""
from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw

from facilitator.domain.indicators import format_number
from facilitator.export.chart import SCALE, _font, _rgb

INK = (29, 35, 43)
MUTED = (91, 101, 112)
LINE = (29, 78, 137)
NEED = (91, 101, 112)
FLAG = (179, 38, 30)


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG", compress_level=6)
    return out.getvalue()


def _fit(draw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def need_action_png(rows: list[dict], status_colours: dict, statuses: tuple, titles: tuple = ("", ""),
                    width: int = 900) -> bytes:
    """*rows*: the ranking (name, rank, value, counts, flagged) in order. Left: the need value as a grey
    bar; right: the actions as bars stacked by status; a flagged row is marked in red."""
    s = SCALE
    font, small = _font(15 * s), _font(13 * s)
    pad, row_h, name_w = 12 * s, 28 * s, 250 * s
    width *= s
    half = (width - name_w - pad * 4) // 2
    height = pad * 3 + 20 * s + row_h * max(1, len(rows))
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    top_value = max((abs(r["value"]) for r in rows if r["value"] is not None), default=0) or 1
    top_count = max((sum(r["counts"][st] for st in statuses) for r in rows), default=0) or 1
    x_need, x_act = pad + name_w + pad, pad + name_w + pad * 2 + half
    for x, title in zip((x_need, x_act), titles):
        draw.text((x, pad), _fit(draw, title, small, half), fill=MUTED, font=small)
    y = pad * 2 + 20 * s
    for r in rows:
        label = (f"{r['rank']}. " if r["rank"] else "") + r["name"]
        colour = FLAG if r["flagged"] else INK
        draw.text((pad, y + 4 * s), _fit(draw, ("⚑ " if r["flagged"] else "") + label, font, name_w), fill=colour, font=font)
        bar_top, bar_bottom = y + 5 * s, y + row_h - 7 * s
        if r["value"] is not None:
            w = max(1, round((half - 60 * s) * abs(r["value"]) / top_value))
            draw.rectangle([x_need, bar_top, x_need + w, bar_bottom], fill=NEED)
            draw.text((x_need + w + 5 * s, y + 5 * s), format_number(r["value"]), fill=INK, font=small)
        x = x_act
        for st in statuses:
            n = r["counts"][st]
            if n:
                w = max(1, round((half - 40 * s) * n / top_count))
                draw.rectangle([x, bar_top, x + w - 1, bar_bottom], fill=_rgb(status_colours[st]))
                x += w
        draw.text((x + 5 * s, y + 5 * s), str(sum(r["counts"][st] for st in statuses)), fill=INK, font=small)
        y += row_h
    return _png(img)


def multiples_png(series: dict[str, list[tuple[int, float]]], years: list[int], lo: float, hi: float,
                  columns: int = 4, width: int = 900) -> bytes:
    """One small panel per neighbourhood with the same scale: a line over the years, first and last value."""
    s = SCALE
    font, small = _font(13 * s), _font(11 * s)
    width *= s
    pad = 10 * s
    cell_w = (width - pad * (columns + 1)) // columns
    cell_h = 110 * s
    n = max(1, len(series))
    rows_n = math.ceil(n / columns)
    img = Image.new("RGB", (width, pad + rows_n * (cell_h + pad)), "white")
    draw = ImageDraw.Draw(img)
    y0, y1 = years[0], years[-1]
    for i, (name, points) in enumerate(series.items()):
        cx = pad + (i % columns) * (cell_w + pad)
        cy = pad + (i // columns) * (cell_h + pad)
        draw.rectangle([cx, cy, cx + cell_w, cy + cell_h], outline=(217, 222, 228), width=s)
        draw.text((cx + 6 * s, cy + 4 * s), _fit(draw, name, font, cell_w - 12 * s), fill=INK, font=font)
        left, right = cx + 14 * s, cx + cell_w - 14 * s
        top, bottom = cy + 38 * s, cy + cell_h - 22 * s
        px = (lambda yr: (left + right) / 2) if y1 == y0 else (lambda yr: left + (yr - y0) * (right - left) / (y1 - y0))
        py = (lambda v: (top + bottom) / 2) if hi == lo else (lambda v: bottom - (v - lo) * (bottom - top) / (hi - lo))
        draw.line([left, bottom, right, bottom], fill=(154, 163, 173), width=s)
        coords = [(px(yr), py(v)) for yr, v in points]
        if len(coords) > 1:
            draw.line(coords, fill=LINE, width=2 * s)
        for x, y in coords:
            draw.ellipse([x - 3 * s, y - 3 * s, x + 3 * s, y + 3 * s], fill=LINE)
        draw.text((coords[0][0], coords[0][1] - 16 * s), format_number(points[0][1]), fill=INK, font=small)
        if len(coords) > 1:
            text = format_number(points[-1][1])
            draw.text((coords[-1][0] - draw.textlength(text, font=small), coords[-1][1] - 16 * s), text, fill=INK,
                      font=small)
        draw.text((left, bottom + 4 * s), str(y0), fill=MUTED, font=small)
        if y1 != y0:
            draw.text((right - draw.textlength(str(y1), font=small), bottom + 4 * s), str(y1), fill=MUTED, font=small)
    return _png(img)


def _mercator(lon: float, lat: float) -> tuple[float, float]:
    lat = max(-85.0, min(85.0, lat))
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _polygons(geometry: dict):
    return [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]


def map_png(features: list[dict], colours: dict, counts: dict, width: int = 900, height: int = 640) -> bytes:
    """The neighbourhoods filled with their class colour, the number of actions on each."""
    s = SCALE
    width, height, pad = width * s, height * s, 12 * s
    projected = []
    for f in features:
        polys = [[[_mercator(*p[:2]) for p in ring] for ring in poly] for poly in _polygons(f["geometry"])]
        projected.append((f["properties"]["neighbourhood"], polys))
    xs = [x for _n, polys in projected for poly in polys for ring in poly for x, _y in ring]
    ys = [y for _n, polys in projected for poly in polys for ring in poly for _x, y in ring]
    span = max(max(xs) - min(xs), 1e-12), max(max(ys) - min(ys), 1e-12)
    k = min((width - 2 * pad) / span[0], (height - 2 * pad) / span[1])
    ox = pad + ((width - 2 * pad) - k * span[0]) / 2
    oy = pad + ((height - 2 * pad) - k * span[1]) / 2
    to_px = lambda x, y: (ox + (x - min(xs)) * k, oy + (max(ys) - y) * k)  # noqa: E731
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font = _font(20 * s)
    for name, polys in projected:
        for poly in polys:
            outer = [to_px(x, y) for x, y in poly[0]]
            draw.polygon(outer, fill=_rgb(colours.get(name, "#d9d9d9")), outline=(255, 255, 255))
            for hole in poly[1:]:
                draw.polygon([to_px(x, y) for x, y in hole], fill=(255, 255, 255))
    for name, polys in projected:  # the counts on top, at the middle of the largest part
        ring = max((poly[0] for poly in polys), key=lambda r: abs(_area(r)))
        cx, cy = to_px(*_centroid(ring))
        r = 17 * s
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill="white", outline=INK, width=s)
        text = str(counts.get(name, 0))
        draw.text((cx - draw.textlength(text, font=font) / 2, cy - 12 * s), text, fill=INK, font=font)
    return _png(img)


def _area(ring) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1])) / 2


def _centroid(ring) -> tuple[float, float]:
    a = _area(ring)
    if abs(a) < 1e-18:
        return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)
    cx = sum((p[0] + q[0]) * (p[0] * q[1] - q[0] * p[1]) for p, q in zip(ring, ring[1:] + ring[:1])) / (6 * a)
    cy = sum((p[1] + q[1]) * (p[0] * q[1] - q[0] * p[1]) for p, q in zip(ring, ring[1:] + ring[:1])) / (6 * a)
    return cx, cy
