"""Exports: the action plan and full report in Word, the complete record as JSON, and CSV sheets.

:func:`export` makes one file in memory; :func:`save_copy` keeps a copy in the exports folder
(config ``EXPORTS_DIR``). The CLI (``facilitator export``) and the organiser's download page both
go through these two.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from facilitator.domain import conferences

FORMATS = ("docx", "json", "csv")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class ExportFile:
    filename: str
    mimetype: str
    content: bytes


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", (text or "").lower()).strip("-")
    return s[:40] or "conference"


def export(db, conference_id: int, fmt: str, kind: str = "plan", *, names: bool = True) -> ExportFile:
    """One export of the conference: ``docx`` (kind plan or report), ``json`` (backup) or ``csv`` (zip)."""
    conference = conferences.get(db, conference_id)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M")
    base = f"{slug(conference['title'])}-{conference_id}"
    if fmt == "docx":
        from facilitator.export import docx_report

        if kind not in docx_report.KINDS:
            raise ValueError(f"kind must be one of {', '.join(docx_report.KINDS)}")
        return ExportFile(f"{base}-{kind}-{stamp}.docx", DOCX, docx_report.render(db, conference_id, kind, names=names))
    if fmt == "json":
        from facilitator.export import backup

        text = backup.dumps(backup.export_backup(db, conference_id))
        return ExportFile(f"{base}-backup-{stamp}.json", "application/json", text.encode("utf-8"))
    if fmt == "csv":
        from facilitator.export import csv_export

        return ExportFile(f"{base}-csv-{stamp}.zip", "application/zip", csv_export.zip_bytes(db, conference_id))
    raise ValueError(f"format must be one of {', '.join(FORMATS)}")


def save_copy(exports_dir: str | Path, item: ExportFile) -> Path:
    """Keep a copy in the exports folder; returns its path."""
    folder = Path(exports_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / item.filename
    path.write_bytes(item.content)
    return path
