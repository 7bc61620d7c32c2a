"""The conference days as an iCalendar file (RFC 5545, made with ``icalendar``): one event per day,
from its first session's start to its last session's end (local time, as the programme gives it), or
a whole day when the day has no sessions yet."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from icalendar import Calendar, Event

from facilitator.db import rows


def conference_days(db, conference: dict, *, url: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Facilitator//Future Search conference//EN")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    days = rows(db, "select d.id, d.date, d.title, min(s.start) first, max(s.end) last from days d "
                    "left join sessions s on s.day_id = d.id and s.phase <> 'follow_up' "
                    "where d.conference_id = ? group by d.id order by d.date, d.position", [conference["id"]])
    for n, d in enumerate(days, start=1):
        day = date.fromisoformat(d["date"])
        event = Event()
        event.add("uid", f"conference-{conference['id']}-day-{d['id']}@facilitator")
        event.add("summary", f"{conference['title']}" + (f" ({d['title']})" if d["title"] else f" ({n}/{len(days)})"))
        if d["first"] and d["last"]:
            start = datetime.combine(day, datetime.strptime(d["first"], "%H:%M").time())
            end = datetime.combine(day, datetime.strptime(d["last"], "%H:%M").time())
            event.add("dtstart", start)
            event.add("dtend", end if end > start else start + timedelta(hours=1))
        else:
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
        event.add("dtstamp", datetime.now(timezone.utc))
        if url:
            event.add("url", url)
            event.add("description", url)
        cal.add_component(event)
    return cal.to_ical()
