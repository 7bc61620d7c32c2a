"""CSV sheets for spreadsheets, one file each, zipped together. UTF-8 with a byte-order mark, so
Excel reads accents right. The sheets are the activities' (the registry's ``sheets``: a function in
the activity's domain module returns the columns and rows); this module makes the cells safe.

Anonymous activities stay anonymous: a note carries its author only when its session was not
anonymous, a statement answer only when the statement was not anonymous, dots never; every sheet
carries the stakeholder group. A participant who asked for it (hide_name) is never named.
docs/export-formats.md lists the columns.
"""
from __future__ import annotations

import csv
import io
import zipfile

from facilitator.domain import activities
from facilitator.domain.validate import CONTROL

# A cell a spreadsheet would read as a formula (=, +, -, @; also after a tab or carriage return):
# shown as text, with a leading apostrophe, so that a note cannot run a formula in an organiser's Excel.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value as a CSV cell may hold it: control characters removed, a would-be formula made text."""
    if not isinstance(value, str):
        return value
    value = CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_START) else value


def registered() -> dict:
    """File name -> sheet function, from the activity registry (its ``sheets``), in its order."""
    return {filename: a.function(ref) for a in activities.REGISTRY for filename, ref in a.sheets.items()}


SHEETS = registered()


def sheets(db, conference_id: int) -> dict[str, str]:
    """File name -> CSV text, one per sheet of the registry."""
    out = {}
    for filename, fn in SHEETS.items():
        columns, data = fn(db, conference_id)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([safe_cell(x) for x in r] for r in data)
        out[filename] = "\ufeff" + buf.getvalue()
    return out


def zip_bytes(db, conference_id: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for filename, text in sheets(db, conference_id).items():
            z.writestr(filename, text.encode("utf-8"))
    return buf.getvalue()
