"""Indicators per neighbourhood (for example the multiple-deprivation index, MDI, and its domains) and
the neighbourhoods' boundaries.

Indicator values come from a CSV file in one of two forms (docs/indicators.md):

- long: ``neighbourhood,indicator,year,value`` and optionally ``unit``, one value per line;
- wide: ``neighbourhood,year`` and one column per indicator.

A neighbourhood is named by its name or its code (tags.codes). The whole file is checked first: every
unknown neighbourhood, value that is not a number and duplicate row is reported with its line number
(``ImportProblems``), and nothing is imported. Without ``replace`` the file's values are added to those
already stored (a value for the same neighbourhood, indicator and year is overwritten); with ``replace``
the stored values are removed first.

Boundaries: a GeoJSON FeatureCollection whose features are matched to neighbourhoods by a property
holding the name or the code. What is kept is a FeatureCollection of the matched (Multi)Polygons with
one property, ``neighbourhood``.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re

from facilitator.db import now, row, rows, transaction
from facilitator.domain import tags
from facilitator.domain.errors import N_, DomainError, ValidationError

MAX_BYTES = 5_000_000
MAX_ROWS = 100_000
MAX_NAME = 100
MAX_UNIT = 30
MAX_PROBLEMS = 20
YEARS = (1900, 2200)

COLUMNS = {  # what a header may say (English or Dutch) -> the column
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "wijk": "neighbourhood",
    "buurt": "neighbourhood",
    "indicator": "indicator", "year": "year", "jaar": "year", "value": "value", "waarde": "value",
    "unit": "unit", "eenheid": "unit",
}


class ImportProblems(DomainError):
    """The file has problems: each one a ValidationError naming its line. Nothing was imported."""

    def __init__(self, problems: list[DomainError], more: int = 0):
        super().__init__("invalid_file", N_("The file was not imported. Problems found: %(count)d."),
                         count=len(problems) + more)
        self.problems = problems
        self.more = more

    def messages(self, translate=lambda s: s) -> list[str]:
        return [p.as_dict(translate)["message"] for p in self.problems]


def _problem(line: int, message: str, **params) -> ValidationError:
    return ValidationError(f"line {line}", message, line=line, **params)


# --- matching neighbourhoods ---------------------------------------------------------------

def matcher(db, conference_id: int):
    """A function: a name or code as written in a file -> the neighbourhood's name, or None.
    Case and surrounding spaces do not matter."""
    known = {}
    for name, code in tags.codes(db, conference_id).items():
        known[code.strip().lower()] = name
    for name in tags.names(db, conference_id, "neighbourhoods"):
        known[name.strip().lower()] = name
    return lambda text: known.get(str(text).strip().lower()) if text is not None else None


# --- reading a CSV --------------------------------------------------------------------------

def number(text: str, decimal_comma: bool) -> float | None:
    """A value as a number: 12.5, -3, 1e3; with semicolon files also 12,5. None when it is not one."""
    text = text.strip().replace("\u2212", "-")
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def _year(text: str) -> int | None:
    text = text.strip()
    if not re.fullmatch(r"\d{4}", text):
        return None
    year = int(text)
    return year if YEARS[0] <= year <= YEARS[1] else None


def _decode(data: bytes | str) -> str:
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ValidationError("file", N_("The file is too large (at most %(max)d MB)."), max=MAX_BYTES // 1_000_000)
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("file", N_("The file is not UTF-8 text. Save it as CSV (UTF-8) and try again.")) from None
    return data[1:] if data.startswith("\ufeff") else data


def parse_csv(db, conference_id: int, data: bytes | str) -> list[dict]:
    """Check a whole indicator file; returns its values, or raises ImportProblems (or ValidationError
    when the file as a whole is unreadable). Each value: neighbourhood, indicator, year, value, unit, line."""
    text = _decode(data)
    if not text.strip():
        raise ValidationError("file", N_("The file is empty."))
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if first.count("\t") > first.count(",") else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    names = [h.strip() for h in header]
    columns = [COLUMNS.get(h.lower()) for h in names]
    if "neighbourhood" not in columns or "year" not in columns:
        raise ValidationError("file", N_("The first line must name the columns: neighbourhood, indicator, year, value "
                                         "(long form) or neighbourhood, year and one column per indicator (wide form)."))
    long_form = "indicator" in columns or "value" in columns
    if long_form and not ("indicator" in columns and "value" in columns):
        raise ValidationError("file", N_("A file in long form needs the columns neighbourhood, indicator, year and value."))
    seen_cols = set()
    for name, col in zip(names, columns):
        key = col or name.lower()
        if not name:
            if long_form:
                continue
            raise ValidationError("file", N_("Line 1: a column has no name."))
        if key in seen_cols:
            raise ValidationError("file", N_("Line 1: the column %(column)s appears twice."), column=name)
        seen_cols.add(key)
    if long_form:
        extra = [n for n, c in zip(names, columns) if c is None and n]
        if extra:
            raise ValidationError("file", N_("Line 1: unknown column %(column)s."), column=extra[0])
    indicator_columns = [(i, n) for i, (n, c) in enumerate(zip(names, columns)) if c is None and n] if not long_form else []
    if not long_form and not indicator_columns:
        raise ValidationError("file", N_("A file in wide form needs at least one indicator column next to neighbourhood "
                                         "and year."))
    for _i, n in indicator_columns:
        if len(n) > MAX_NAME:
            raise ValidationError("file", N_("Line 1: the indicator name %(column)s is too long."), column=n[:40])
    index = {c: i for i, c in enumerate(columns) if c}
    find = matcher(db, conference_id)
    decimal_comma = delimiter == ";"
    values, problems, more, seen = [], [], 0, {}

    def problem(err):
        nonlocal more
        if len(problems) < MAX_PROBLEMS:
            problems.append(err)
        else:
            more += 1

    count = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ValidationError("file", N_("Line %(line)d: %(error)s"), line=reader.line_num, error=str(exc)) from None
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise ValidationError("file", N_("The file has too many lines (at most %(max)d)."), max=MAX_ROWS)
        if len(cells) > len(names) and any(c.strip() for c in cells[len(names):]):
            problem(_problem(line, N_("Line %(line)d has more cells than the first line has columns.")))
            continue
        cells = cells + [""] * (len(names) - len(cells))
        cell = lambda col: cells[index[col]].strip() if col in index else ""  # noqa: E731
        written = cell("neighbourhood")
        neighbourhood = find(written)
        if not written:
            problem(_problem(line, N_("Line %(line)d: the neighbourhood is missing.")))
        elif neighbourhood is None:
            problem(_problem(line, N_("Line %(line)d: unknown neighbourhood %(value)s."), value=written[:MAX_NAME]))
        year = _year(cell("year"))
        if year is None:
            problem(_problem(line, N_("Line %(line)d: the year %(value)s is not a year (four digits, %(min)d to %(max)d)."),
                             value=cell("year")[:20], min=YEARS[0], max=YEARS[1]))
        if long_form:
            items = [(cell("indicator"), cell("value"), cell("unit"))]
        else:
            items = [(n, cells[i].strip(), "") for i, n in indicator_columns if cells[i].strip()]
        for indicator, raw, unit in items:
            if not indicator:
                problem(_problem(line, N_("Line %(line)d: the indicator is missing.")))
                continue
            if len(indicator) > MAX_NAME:
                problem(_problem(line, N_("Line %(line)d: the indicator name is too long (at most %(max)d characters)."),
                                 max=MAX_NAME))
                continue
            if len(unit) > MAX_UNIT:
                problem(_problem(line, N_("Line %(line)d: the unit is too long (at most %(max)d characters)."),
                                 max=MAX_UNIT))
                continue
            value = number(raw, decimal_comma)
            if value is None:
                if raw:
                    problem(_problem(line, N_("Line %(line)d: the value %(value)s for %(indicator)s is not a number."),
                                     value=raw[:30], indicator=indicator))
                else:
                    problem(_problem(line, N_("Line %(line)d: the value for %(indicator)s is missing."),
                                     indicator=indicator))
                continue
            if neighbourhood is None or year is None:
                continue
            key = (neighbourhood, indicator.lower(), year)
            if key in seen:
                problem(_problem(line, N_("Line %(line)d repeats %(indicator)s for %(neighbourhood)s in %(year)d "
                                          "(first on line %(first)d)."),
                                 indicator=indicator, neighbourhood=neighbourhood, year=year, first=seen[key]))
                continue
            seen[key] = line
            values.append({"neighbourhood": neighbourhood, "indicator": indicator, "year": year, "value": value,
                           "unit": unit, "line": line})
    if problems:
        raise ImportProblems(problems, more)
    if not values:
        raise ValidationError("file", N_("The file holds no values."))
    return values


def import_csv(db, conference_id: int, data: bytes | str, *, replace: bool = False) -> dict:
    """Check the whole file, then store its values in one transaction. Returns counts."""
    values = parse_csv(db, conference_id, data)
    with transaction(db):
        removed = 0
        if replace:
            removed = db.execute("delete from indicator_values where conference_id = ?", [conference_id]).rowcount
        # one spelling per indicator: the one already stored wins, so "MDI" and "mdi" stay one indicator
        spelling = {r["indicator"].lower(): r["indicator"] for r in rows(
            db, "select distinct indicator from indicator_values where conference_id = ?", [conference_id])}
        units = {r["indicator"]: r["unit"] for r in rows(
            db, "select indicator, max(unit) unit from indicator_values where conference_id = ? group by indicator",
            [conference_id])}
        for val in values:
            name = spelling.setdefault(val["indicator"].lower(), val["indicator"])
            unit = val["unit"] or units.get(name, "")
            db.execute(
                "insert into indicator_values (conference_id, neighbourhood, indicator, year, value, unit) "
                "values (?, ?, ?, ?, ?, ?) on conflict(conference_id, neighbourhood, indicator, year) "
                "do update set value = excluded.value, unit = excluded.unit",
                [conference_id, val["neighbourhood"], name, val["year"], val["value"], unit])
        given = {}  # a unit given for an indicator holds for all its values
        for v_ in values:
            if v_["unit"]:
                given.setdefault(spelling[v_["indicator"].lower()], v_["unit"])
        for name, unit in given.items():
            db.execute("update indicator_values set unit = ? where conference_id = ? and indicator = ?",
                       [unit, conference_id, name])
    return {"values": len(values), "removed": removed,
            "neighbourhoods": len({v_["neighbourhood"] for v_ in values}),
            "indicators": len({v_["indicator"].lower() for v_ in values})}


def clear(db, conference_id: int) -> int:
    with transaction(db):
        return db.execute("delete from indicator_values where conference_id = ?", [conference_id]).rowcount


# --- reading --------------------------------------------------------------------------------

def all_values(db, conference_id: int) -> list[dict]:
    """Every stored value, in the conference's neighbourhood order, then indicator and year."""
    order = {n: i for i, n in enumerate(tags.names(db, conference_id, "neighbourhoods"))}
    out = rows(db, "select neighbourhood, indicator, year, value, unit from indicator_values where conference_id = ? "
                   "order by indicator collate nocase, year", [conference_id])
    return sorted(out, key=lambda r: order.get(r["neighbourhood"], len(order)))


def indicator_names(db, conference_id: int) -> list[str]:
    return [r["indicator"] for r in rows(db, "select distinct indicator from indicator_values where conference_id = ? "
                                             "order by indicator collate nocase", [conference_id])]


def units(db, conference_id: int) -> dict[str, str]:
    return {r["indicator"]: r["unit"] for r in rows(
        db, "select indicator, max(unit) unit from indicator_values where conference_id = ? group by indicator",
        [conference_id])}


def series(db, conference_id: int) -> dict[str, dict[str, list[tuple[int, float]]]]:
    """neighbourhood -> indicator -> [(year, value), ...] in year order."""
    out: dict = {}
    for r in all_values(db, conference_id):
        out.setdefault(r["neighbourhood"], {}).setdefault(r["indicator"], []).append((r["year"], r["value"]))
    return out


def export_csv(db, conference_id: int) -> str:
    """All values in long form, ready to import again."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["neighbourhood", "indicator", "year", "value", "unit"])
    for r in all_values(db, conference_id):
        writer.writerow([r["neighbourhood"], r["indicator"], r["year"], format_number(r["value"]), r["unit"]])
    return out.getvalue()


def format_number(value: float) -> str:
    """12.0 -> 12, 12.5 -> 12.5 (no float noise)."""
    if value is None:
        return ""
    text = f"{value:.6g}" if abs(value) < 1e15 else repr(value)
    if "e" in text:
        return repr(value)
    return text


# --- boundaries ------------------------------------------------------------------------------

def _ring_ok(ring) -> bool:
    return (isinstance(ring, list) and len(ring) >= 4 and all(
        isinstance(p, list) and len(p) >= 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                     and math.isfinite(x) for x in p[:2]) for p in ring))


def _geometry_ok(geometry) -> bool:
    if not isinstance(geometry, dict):
        return False
    coords = geometry.get("coordinates")
    if geometry.get("type") == "Polygon":
        return isinstance(coords, list) and bool(coords) and all(_ring_ok(r) for r in coords)
    if geometry.get("type") == "MultiPolygon":
        return isinstance(coords, list) and bool(coords) and all(
            isinstance(poly, list) and poly and all(_ring_ok(r) for r in poly) for poly in coords)
    return False


def _signed_area(ring) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1])) / 2


def _polygon(rings: list) -> list:
    """Outer ring clockwise, holes anticlockwise (as d3-geo reads a polygon on the sphere; files that
    follow RFC 7946 have it the other way round, and d3 would then fill the rest of the world)."""
    out = []
    for i, ring in enumerate(rings):
        ring = [[round(p[0], 6), round(p[1], 6)] for p in ring]
        clockwise = _signed_area(ring) < 0
        if clockwise != (i == 0):
            ring = ring[::-1]
        out.append(ring)
    return out


def _round(geometry: dict) -> dict:
    """The geometry with coordinates rounded (to about 10 cm) and its rings wound for d3-geo."""
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": _polygon(geometry["coordinates"])}
    return {"type": "MultiPolygon", "coordinates": [_polygon(p) for p in geometry["coordinates"]]}


def parse_boundaries(db, conference_id: int, data: bytes | str, property_name: str = "") -> dict:
    """Check a GeoJSON file of the neighbourhoods; returns the FeatureCollection to keep.

    Each feature is matched by ``property_name`` if given, else by the first property whose value is
    a neighbourhood's name or code. Every feature must match a different neighbourhood and be a
    (Multi)Polygon in longitude/latitude; otherwise the problems are raised (by feature number) and
    nothing is kept."""
    text = _decode(data)
    try:
        gj = json.loads(text)
    except ValueError as exc:
        raise ValidationError("file", N_("The file is not valid JSON: %(error)s"), error=str(exc)) from None
    if not isinstance(gj, dict) or gj.get("type") != "FeatureCollection" or not isinstance(gj.get("features"), list):
        raise ValidationError("file", N_("The file must be a GeoJSON FeatureCollection."))
    if not gj["features"]:
        raise ValidationError("file", N_("The file has no features."))
    find = matcher(db, conference_id)
    problems, kept, seen = [], [], {}
    for i, f in enumerate(gj["features"], start=1):
        props = f.get("properties") if isinstance(f, dict) else None
        props = props if isinstance(props, dict) else {}
        if property_name:
            name = find(props.get(property_name)) if props.get(property_name) is not None else None
        else:
            name = next((find(val) for val in props.values() if isinstance(val, (str, int)) and find(val)), None)
        label = str(props.get(property_name) if property_name else next(iter(props.values()), ""))[:60]
        if name is None:
            problems.append(ValidationError(f"feature {i}", N_("Feature %(number)d (%(label)s) matches no neighbourhood "
                                                               "by name or code."), number=i, label=label))
            continue
        if not isinstance(f, dict) or not _geometry_ok(f.get("geometry")):
            problems.append(ValidationError(f"feature {i}", N_("Feature %(number)d (%(label)s) is not a Polygon or "
                                                               "MultiPolygon."), number=i, label=name))
            continue
        if name in seen:
            problems.append(ValidationError(f"feature {i}", N_("Feature %(number)d is %(neighbourhood)s again (first "
                                                               "feature %(first)d)."), number=i, neighbourhood=name,
                                            first=seen[name]))
            continue
        lon_lat = all(-180 <= p[0] <= 180 and -90 <= p[1] <= 90 for p in _points(f["geometry"]))
        if not lon_lat:
            problems.append(ValidationError(f"feature {i}", N_("Feature %(number)d (%(label)s) is not in longitude and "
                                                               "latitude (WGS 84)."), number=i, label=name))
            continue
        seen[name] = i
        kept.append({"type": "Feature", "properties": {"neighbourhood": name}, "geometry": _round(f["geometry"])})
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise ImportProblems(problems[:MAX_PROBLEMS], max(0, len(problems) - MAX_PROBLEMS))
    return {"type": "FeatureCollection", "features": kept}


def _points(geometry: dict):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for poly in polys:
        for ring in poly:
            yield from ring


def import_boundaries(db, conference_id: int, data: bytes | str, property_name: str = "") -> dict:
    collection = parse_boundaries(db, conference_id, data, property_name)
    with transaction(db):
        db.execute("insert into neighbourhood_boundaries (conference_id, geojson, uploaded_at) values (?, ?, ?) "
                   "on conflict(conference_id) do update set geojson = excluded.geojson, uploaded_at = excluded.uploaded_at",
                   [conference_id, json.dumps(collection, ensure_ascii=False), now()])
    return {"features": len(collection["features"])}


def boundaries(db, conference_id: int) -> dict | None:
    r = row(db, "select geojson from neighbourhood_boundaries where conference_id = ?", [conference_id])
    return json.loads(r["geojson"]) if r else None


def remove_boundaries(db, conference_id: int) -> None:
    with transaction(db):
        db.execute("delete from neighbourhood_boundaries where conference_id = ?", [conference_id])
