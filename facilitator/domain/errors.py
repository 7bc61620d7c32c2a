"""Errors the domain raises when input breaks a rule.

A DomainError carries a stable ``code`` for programs, an English ``message``
(a format string, translated by the web and live layers) and, where one
field is to blame, its name or path in ``field``.
"""


def N_(message: str) -> str:
    """Mark a string for translation without translating it here (see babel.cfg)."""
    return message


# What people call the fields that messages name with %(name)s, so that a form says "Future year
# must be a whole number", not "future_year ...". Paths into an imported file (``sessions[2].start``)
# are shown as they are: whoever edits the file needs them.
FIELD_LABELS = {
    "text": N_("Text"), "name": N_("Name"), "title": N_("Title"), "subtitle": N_("Subtitle"),
    "email": N_("E-mail"), "contact_email": N_("Contact e-mail"), "password": N_("Password"),
    "colour": N_("Colour"), "organisation": N_("Organisation"), "role": N_("Role"),
    "date": N_("Date"), "when_date": N_("Date"), "start_date": N_("First day"), "start": N_("Start"),
    "end": N_("End"), "year": N_("Year"), "decade": N_("Decade"), "by_when": N_("By when"),
    "central_question": N_("Central question"), "language": N_("Language"), "mode": N_("Mode"),
    "phase": N_("Phase"), "activity": N_("Activity"), "kind": N_("Kind"), "status": N_("Status"),
    "prompt": N_("Prompt for participants"), "track": N_("Track or room"), "url": N_("Link"),
    "timeline_start_year": N_("Start year"), "future_year": N_("Future year"),
    "free_places": N_("Free places"), "table_size": N_("People per table"), "dots": N_("Dots"),
    "seconds": N_("Seconds"), "minutes": N_("Minutes"), "message": N_("Message"),
    "reason": N_("Reason"), "description": N_("Description"), "lens": N_("Lens"), "what": N_("What"),
}


def field_label(field, translate=lambda s: s) -> str:
    label = FIELD_LABELS.get(field) if isinstance(field, str) else None
    return translate(label) if label else str(field)


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, field: str | None = None, **params):
        super().__init__(message % _joined(params, str) if params else message)
        self.code = code
        self.message = message
        self.field = field
        self.params = params

    def as_dict(self, translate=lambda s: s) -> dict:
        text = translate(self.message)
        if self.params:
            params = _joined(self.params, translate)
            if "name" in params:
                params["name"] = field_label(params["name"], translate)
            text = text % params
        out = {"code": self.code, "message": text}
        if self.field:
            out["field"] = self.field
        return out


def _joined(params: dict, translate) -> dict:
    """A tuple parameter is a list of messages (N_): each is translated, then they are joined."""
    return {k: ", ".join(translate(x) for x in value) if isinstance(value, tuple) else value
            for k, value in params.items()}


class NotFound(DomainError):
    status = 404

    def __init__(self, what: str = "item"):
        super().__init__("not_found", N_("Not found: %(what)s."), what=what)


class Forbidden(DomainError):
    status = 403

    def __init__(self, message: str = N_("You may not do this.")):
        super().__init__("forbidden", message)


class ValidationError(DomainError):
    def __init__(self, field: str, message: str, **params):
        super().__init__("invalid", message, field=field, **params)
