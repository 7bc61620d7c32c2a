"""The pictures of the monitoring pages as server-drawn SVG (the pages do not update live): one small
trend chart per neighbourhood on a shared scale (small multiples) and the need-and-action bars.
Each picture sits next to a table with the same figures (the text alternative); the SVG itself is
hidden from screen readers. The map is drawn in the browser (static/js/places_map.js, d3-geo)."""
from __future__ import annotations

from markupsafe import Markup, escape

from facilitator.domain.indicators import format_number
from facilitator.domain.monitor import STATUS_COLOURS
W, H, PAD = 160, 84, 14


def _scale(lo: float, hi: float, a: float, b: float):
    if hi == lo:
        return lambda x: (a + b) / 2
    return lambda x: a + (x - lo) * (b - a) / (hi - lo)


def trend_svg(points: list[tuple[int, float]], years: list[int], lo: float, hi: float) -> Markup:
    """One neighbourhood's trend: a line over the years, first and last value written; the scale is
    shared by all neighbourhoods (years[0]..years[-1], lo..hi) so the panels compare."""
    x = _scale(years[0], years[-1], PAD + 4, W - PAD - 4)
    y = _scale(lo, hi, H - PAD, PAD)
    coords = [(round(x(yr), 1), round(y(val), 1)) for yr, val in points]
    parts = [f'<svg class="trend" viewBox="0 0 {W} {H}" width="100%" aria-hidden="true" focusable="false" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" class="axis"/>']
    if len(coords) > 1:
        parts.append('<polyline class="line" points="' + " ".join(f"{a},{b}" for a, b in coords) + '"/>')
    for a, b in coords:
        parts.append(f'<circle class="dot" cx="{a}" cy="{b}" r="3"/>')
    (fy, fv), (ly, lv) = points[0], points[-1]
    parts.append(f'<text class="label" x="{coords[0][0]}" y="{max(10, coords[0][1] - 6)}" text-anchor="start">'
                 f'{escape(format_number(fv))}</text>')
    if len(coords) > 1:
        parts.append(f'<text class="label" x="{coords[-1][0]}" y="{max(10, coords[-1][1] - 6)}" text-anchor="end">'
                     f'{escape(format_number(lv))}</text>')
    parts.append(f'<text class="year" x="{PAD}" y="{H - 2}">{years[0]}</text>')
    if years[-1] != years[0]:
        parts.append(f'<text class="year" x="{W - PAD}" y="{H - 2}" text-anchor="end">{years[-1]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def need_rows(ranking: list[dict], statuses: tuple) -> list[dict]:
    """The need-and-action bars as widths in per cent: need relative to the highest value, actions
    (by status) relative to the most actions in one neighbourhood."""
    top_value = max((abs(r["value"]) for r in ranking if r["value"] is not None), default=0) or 1
    top_count = max((sum(r["counts"][s] for s in statuses) for r in ranking), default=0) or 1
    out = []
    for r in ranking:
        segments = [{"status": s, "n": r["counts"][s], "width": round(100 * r["counts"][s] / top_count, 1),
                     "colour": STATUS_COLOURS[s]} for s in statuses if r["counts"][s]]
        out.append({**r, "need_width": round(100 * abs(r["value"]) / top_value, 1) if r["value"] is not None else 0,
                    "segments": segments})
    return out
