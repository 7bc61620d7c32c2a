"""Errors the domain raises when input breaks a rule.

A DomainError carries a stable ``code`` for programs, an English ``message``
(a format string, translated by the web and live layers) and, where one
field is to blame, its name or path in ``field``.
"""


def N_(message: str) -> str:
    """Mark a string for translation without translating it here (see babel.cfg)."""
    return message


class DomainError(Exception):
    status = 400

    def __init__(self, code: str, message: str, field: str | None = None, **params):
        super().__init__(message % params if params else message)
        self.code = code
        self.message = message
        self.field = field
        self.params = params

    def as_dict(self, translate=lambda s: s) -> dict:
        text = translate(self.message)
        if self.params:
            text = text % self.params
        out = {"code": self.code, "message": text}
        if self.field:
            out["field"] = self.field
        return out


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
