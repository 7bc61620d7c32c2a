"""Small checks shared by the domain modules; each raises ValidationError naming the field."""
import re

from facilitator.domain.errors import N_, ValidationError

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Characters no one types and that only do harm when stored: C0 controls but tab and newline (NUL,
# BEL, ESC ...), DEL, C1 controls, and the bidirectional embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069) that make text display in another order than it is written.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a UTF-16 pair: not text, cannot be stored as UTF-8
# Fields that are one line (a name, a title): a newline or tab typed or pasted there becomes a space.
SINGLE_LINE = {"name", "title", "subtitle", "key", "email", "organisation", "role", "track", "label"}


def clean(value: str, field: str, *, multiline: bool = True) -> str:
    """Free text as it may be stored: line ends as ``\n``, control and bidi-override characters
    removed (tab and newline kept where several lines are allowed); a lone surrogate is refused."""
    if LONE_SURROGATE.search(value):
        raise ValidationError(field, N_("%(name)s holds a character that is not valid text."), name=field)
    value = CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    if not multiline:
        value = re.sub(r"[\t\n]+", " ", value)
    return value


def _single_line(field: str) -> bool:
    return re.split(r"[.\[]", field.rsplit(".", 1)[-1])[0] in SINGLE_LINE


def text(value, field: str, *, max_len: int = 200, required: bool = True, multiline: bool | None = None) -> str:
    """Free text: cleaned (:func:`clean`; one line for names and titles unless ``multiline``), stripped,
    required unless told, at most ``max_len`` characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, N_("%(name)s must be text."), name=field)
    value = clean(value, field, multiline=not _single_line(field) if multiline is None else multiline).strip()
    if required and not value:
        raise ValidationError(field, N_("%(name)s is required."), name=field)
    if len(value) > max_len:
        raise ValidationError(
            field, N_("%(name)s is too long (at most %(max)d characters)."), name=field, max=max_len
        )
    return value


def integer(value, field: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    if isinstance(value, bool):
        raise ValidationError(field, N_("%(name)s must be a whole number."), name=field)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if not isinstance(value, int):
        raise ValidationError(field, N_("%(name)s must be a whole number."), name=field)
    if minimum is not None and value < minimum:
        raise ValidationError(field, N_("%(name)s must be at least %(min)d."), name=field, min=minimum)
    if maximum is not None and value > maximum:
        raise ValidationError(field, N_("%(name)s must be at most %(max)d."), name=field, max=maximum)
    return value


def choice(value, field: str, allowed) -> str:
    """``value`` when it is one of ``allowed``; else an error that names what was refused."""
    if value not in allowed:
        if value is None or value == "":
            raise ValidationError(field, N_("%(name)s must be one of: %(allowed)s."), name=field,
                                  allowed=", ".join(allowed))
        shown = value if isinstance(value, str) else repr(value)
        raise ValidationError(
            field,
            N_("%(name)s must be one of: %(allowed)s (not \"%(value)s\")."),
            name=field,
            allowed=", ".join(allowed),
            value=shown[:60],
        )
    return value


def colour(value, field: str) -> str:
    if not isinstance(value, str) or not COLOUR.match(value):
        raise ValidationError(field, N_("%(name)s must be a colour like #1b6ca8."), name=field)
    return value.lower()


def time_of_day(value, field: str) -> str:
    if not isinstance(value, str) or not TIME.match(value):
        raise ValidationError(field, N_("%(name)s must be a time like 09:30."), name=field)
    return value


def date(value, field: str) -> str:
    from datetime import date as _date

    if isinstance(value, str) and DATE.match(value):
        try:
            _date.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise ValidationError(field, N_("%(name)s must be a date like 2021-02-24."), name=field)


def email(value, field: str, *, required: bool = False) -> str:
    value = text(value, field, max_len=200, required=required)
    if value and not EMAIL.match(value):
        # The message names the address itself, so that in a list of 75 the person sees which one.
        raise ValidationError(field, N_("%(name)s: “%(address)s” is not a valid e-mail address."), name=field,
                              address=value[:100])
    return value


def string_list(value, field: str, *, max_items: int = 200, max_len: int = 200) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(field, N_("%(name)s must be a list."), name=field)
    if len(value) > max_items:
        raise ValidationError(field, N_("%(name)s has too many items (at most %(max)d)."), name=field, max=max_items)
    return [text(v, f"{field}[{i}]", max_len=max_len) for i, v in enumerate(value)]


def url(value, field: str) -> str:
    value = text(value, field, max_len=1000)
    if not re.match(r"^https?://\S+$", value):
        raise ValidationError(field, N_("%(name)s must be a web address starting with http:// or https://."), name=field)
    return value
