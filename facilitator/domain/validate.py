"""Small checks shared by the domain modules; each raises ValidationError naming the field."""
import re

from facilitator.domain.errors import N_, ValidationError

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def text(value, field: str, *, max_len: int = 200, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, N_("%(name)s must be text."), name=field)
    value = value.strip()
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
        raise ValidationError(field, N_("%(name)s is not a valid e-mail address."), name=field)
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
