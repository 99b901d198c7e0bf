"""A physiotherapist's dosage of the routine, carried to the patient by a link.

Pure: standard library only. The routine page reads a prescription from its link's query string
(`from_query`), the clinicians' builder writes one (`to_query`, `routine_link`) and sums it up
in a sentence (`dosage_summary`); lowback.plan turns one into the plan the pages and the handout
show.

Bounds are `lowback.routine.Routine`'s own: a prescription is valid only if the Routine it
describes is, so the two can never disagree. On top of those, the plan: `times_per_day` is 1, 2
or 3, `days_per_week` 1 to 7 and `weeks` 1 to 26 (each None: the series' plan, lowback.plan);
`region` picks the emergency number and service (lowback.regions; None: the page asks); `by` and
`contact` name the physiotherapist and a way to reach them (at most 60 characters each), and
`note` is at most 200 characters; all text plain.

Plain text, for the note: letters, digits, punctuation, symbols and spaces, on one line. Refused:
control characters (line breaks, tabs, escape...), invisible formatting characters (zero-width
spaces and joiners, right-to-left overrides, which can make text read differently from what it
is), line and paragraph separators, surrogates, private-use and unassigned code points. A note is
always shown as text, never as markup: "<b>" is printed as the three characters typed.

Reading a link treats it as hostile: a query longer than MAX_QUERY_CHARS is refused before it is
parsed, and an unknown name, a name given twice, a value that cannot be read or one out of
bounds raises `SettingError` (a ValueError) whose message starts with the setting's name in the
link and says in plain words what it must be: "reps: must be a whole number of repetitions from
1 to 30". Nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

from lowback.pages import RENDER_ROUTE, ROUTINE
from lowback.regions import REGION_IDS
from lowback.routine import BOUNDS, MAX_REPS, Routine

__all__ = [
    "DEFAULT_PRESCRIPTION",
    "MAX_BASE_URL_CHARS",
    "MAX_DAYS_PER_WEEK",
    "MAX_LINK_CHARS",
    "MAX_NAME_CHARS",
    "MAX_NOTE_CHARS",
    "MAX_QUERY_CHARS",
    "MAX_TIMES_PER_DAY",
    "MAX_WEEKS",
    "QUERY_NAMES",
    "SETTING_RULES",
    "Prescription",
    "SettingError",
    "check_base_url",
    "check_link",
    "dosage_summary",
    "from_query",
    "is_plain_text",
    "routine_link",
    "seconds_text",
    "to_query",
]

MAX_TIMES_PER_DAY = 3
MAX_DAYS_PER_WEEK = 7
MAX_WEEKS = 26
MAX_NOTE_CHARS = 200
MAX_NAME_CHARS = 60
# The longest query a valid prescription gives is about 4,200 characters (a 200-character note
# and two 60-character names of 4-byte characters, each written %XX%XX%XX%XX, and the numbers);
# anything longer is not one of ours.
MAX_QUERY_CHARS = 6144
MAX_BASE_URL_CHARS = 500
# A base address, the routine page and the longest query, with room to spare.
MAX_LINK_CHARS = 4096

# The link's name for each field, in the order a link lists them.
_ATTRIBUTE_OF = {
    "side": "side",
    "reps": "reps",
    "hold": "hold_s",
    "rest": "rest_s",
    "lift": "lift_s",
    "lower": "lower_s",
    "lead": "lead_in_s",
    "lowering": "lowering",
    "cap": "final_hold_max_s",
    "times": "times_per_day",
    "days": "days_per_week",
    "weeks": "weeks",
    "region": "region",
    "by": "by",
    "contact": "contact",
    "note": "note",
}
QUERY_NAMES: tuple[str, ...] = tuple(_ATTRIBUTE_OF)
_NAME_OF = {attribute: name for name, attribute in _ATTRIBUTE_OF.items()}
_ROUTINE_FIELDS = (
    "side",
    "reps",
    "hold_s",
    "rest_s",
    "lift_s",
    "lower_s",
    "lead_in_s",
    "lowering",
    "final_hold_max_s",
)
# Whole numbers a link may carry, with their bounds (None: the series' plan).
_PLAN_FIELDS = {
    "times_per_day": (1, MAX_TIMES_PER_DAY),
    "days_per_week": (1, MAX_DAYS_PER_WEEK),
    "weeks": (1, MAX_WEEKS),
}
_TEXT_FIELDS = {"by": MAX_NAME_CHARS, "contact": MAX_NAME_CHARS, "note": MAX_NOTE_CHARS}


def _seconds_rule(what: str, attribute: str) -> str:
    low, high = BOUNDS[attribute]
    return f"must be the seconds {what}, a number from {low:g} to {high:g}"


def _text_rule(limit: int) -> str:
    return (
        f"must be plain text on one line, at most {limit} characters, without invisible or "
        "control characters"
    )


#: What each setting must be, in plain words, by its name in the link.
SETTING_RULES = {
    "side": 'must be "left" or "right": the sore side, which goes on top',
    "reps": f"must be a whole number of repetitions from 1 to {MAX_REPS}",
    "hold": _seconds_rule("to hold each lift", "hold_s"),
    "rest": _seconds_rule("to rest", "rest_s"),
    "lift": _seconds_rule("to lift the leg", "lift_s"),
    "lower": _seconds_rule("to lower the leg", "lower_s"),
    "lead": _seconds_rule("to get ready", "lead_in_s"),
    "lowering": (
        'must be "gentle" (the leg comes down onto the other leg) or "tip" (the knee to the '
        "floor in front of the other leg)"
    ),
    "cap": _seconds_rule("the last hold may last at most", "final_hold_max_s"),
    "times": f"must be how many times a day at most: 1, 2 or {MAX_TIMES_PER_DAY}",
    "days": f"must be how many days a week: a whole number from 1 to {MAX_DAYS_PER_WEEK}",
    "weeks": f"must be for how many weeks: a whole number from 1 to {MAX_WEEKS}",
    "region": "must be one of " + ", ".join(REGION_IDS) + ": where the patient calls for help",
    "by": _text_rule(MAX_NAME_CHARS) + ": the physiotherapist's name",
    "contact": _text_rule(MAX_NAME_CHARS) + ": how to reach the physiotherapist",
    "note": _text_rule(MAX_NOTE_CHARS),
}


class SettingError(ValueError):
    """A setting that cannot be used. `name` is its name in a link ("reps"), or "link" for the
    whole query, or "address" for a base URL; the message starts with it."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


def _refuse(attribute: str) -> SettingError:
    name = _NAME_OF[attribute]
    return SettingError(name, SETTING_RULES[name])


_NOT_PLAIN = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# Letters and symbols that draw nothing (fillers), and spaces other than the plain one: they
# pass as ordinary text by category, yet make a note look empty, or hide words apart.
_BLANK_LOOKING = frozenset(
    {
        "\u115f",  # Hangul choseong filler
        "\u1160",  # Hangul jungseong filler
        "\u17b4",  # Khmer vowel inherent aq
        "\u17b5",  # Khmer vowel inherent aa
        "\u180e",  # Mongolian vowel separator
        "\u2800",  # Braille pattern blank
        "\u3164",  # Hangul filler
        "\uffa0",  # halfwidth Hangul filler
    }
)


def is_plain_text(text: str) -> bool:
    """True if every character of `text` is plain text as this module means it (see above):
    no control, format, private or unassigned characters, no line or paragraph separators, no
    filler that draws nothing, and no space but the plain one."""
    return all(
        unicodedata.category(ch) not in _NOT_PLAIN
        and ch not in _BLANK_LOOKING
        and (ch == " " or unicodedata.category(ch) != "Zs")
        for ch in text
    )


#: Parameters that apps and newsletters add to a shared link; ignored, never an error.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "igshid", "yclid"})
TRACKING_PREFIXES = ("utm_", "mc_")


def is_tracking_parameter(name: str) -> bool:
    """Whether a link's parameter was added by an app, not by the physiotherapist."""
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def ignored_parameters(query: str) -> tuple[str, ...]:
    """The tracking parameters a link carries, which from_query ignores (for a note)."""
    if not isinstance(query, str) or len(query) > MAX_QUERY_CHARS:
        return ()
    names = (part.partition("=")[0] for part in query.removeprefix("?").split("&") if part)
    return tuple(dict.fromkeys(n for n in names if is_tracking_parameter(n)))


@dataclass(frozen=True)
class Prescription:
    """The routine's settings as a physiotherapist prescribes them, plus the plan (how often,
    for how long), where the patient calls for help, who prescribed it and a note.

    Checks itself on creation, with Routine's bounds; a bad field raises SettingError naming it.
    """

    side: str = "right"
    reps: int = 10
    hold_s: float = 2.0
    rest_s: float = 30.0
    lift_s: float = 2.0
    lower_s: float = 3.0
    lead_in_s: float = 5.0
    lowering: str = "gentle"
    final_hold_max_s: float = 60.0
    times_per_day: int | None = None
    days_per_week: int | None = None
    weeks: int | None = None
    region: str | None = None
    by: str = ""
    contact: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        for attribute in _ROUTINE_FIELDS:
            value = getattr(self, attribute)
            try:
                # Routine checks each field; one at a time, so we know which one failed.
                checked = getattr(Routine(**{attribute: value}), attribute)
            except ValueError:
                raise _refuse(attribute) from None
            # Routine stores durations as float: equal settings compare and print alike.
            object.__setattr__(self, attribute, checked)
        for attribute, (low, high) in _PLAN_FIELDS.items():
            value = getattr(self, attribute)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high
            ):
                raise _refuse(attribute)
        if self.region is not None and self.region not in REGION_IDS:
            raise _refuse("region")
        for attribute, limit in _TEXT_FIELDS.items():
            text = getattr(self, attribute)
            if not isinstance(text, str) or len(text) > limit or not is_plain_text(text):
                raise _refuse(attribute)

    def routine(self) -> Routine:
        """The Routine the timer runs for this prescription."""
        return Routine(**{attribute: getattr(self, attribute) for attribute in _ROUTINE_FIELDS})


DEFAULT_PRESCRIPTION = Prescription()


# --------------------------------------------------------------------------------------------
# Links
# --------------------------------------------------------------------------------------------


def _number_text(value: float) -> str:
    # "2", "2.5"; otherwise Python's shortest exact form ("0.30000000000000004", "1e-05"), so
    # that reading it back gives the very same float.
    return str(int(value)) if value.is_integer() else repr(value)


def to_query(p: Prescription) -> str:
    """The query string of a link to the routine with `p` (no leading "?"): only the settings
    that differ from the defaults, always in the order of QUERY_NAMES, percent-encoded."""
    parts = []
    for name, attribute in _ATTRIBUTE_OF.items():
        value = getattr(p, attribute)
        if value == getattr(DEFAULT_PRESCRIPTION, attribute):
            continue
        text = _number_text(value) if isinstance(value, float) else str(value)
        parts.append(f"{name}={quote(text, safe='')}")
    return "&".join(parts)


_WHOLE = re.compile(r"[0-9]{1,3}")
# Digits, a point and an exponent only: refuses "nan", "inf", "1_0", spaces and signs in front.
_NUMBER = re.compile(r"[0-9.][0-9.eE+-]{0,31}")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_SHOWABLE_NAME = re.compile(r"[A-Za-z_]{1,20}")


def _decode(text: str, name: str) -> str:
    if _BAD_ESCAPE.search(text):
        raise SettingError(name, "cannot be read: the link has a broken %-code")
    try:
        return unquote(text.replace("+", " "), encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise SettingError(name, "cannot be read: the link has a broken %-code") from None


def _read_value(name: str, text: str) -> object:
    """The typed value of setting `name` from its text in a link; SettingError if unreadable."""
    if name in ("side", "lowering", "region", "by", "contact", "note"):
        return text
    if name in ("reps", "times", "days", "weeks"):
        if not _WHOLE.fullmatch(text):
            raise SettingError(name, SETTING_RULES[name])
        return int(text)
    if not _NUMBER.fullmatch(text):
        raise SettingError(name, SETTING_RULES[name])
    try:
        return float(text)
    except ValueError:
        raise SettingError(name, SETTING_RULES[name]) from None


def from_query(query: str) -> Prescription:
    """The prescription a link's query string carries (with or without its leading "?").

    Settings absent from the query keep their defaults; an empty query is the default
    prescription. Raises SettingError, naming the setting, for anything it cannot use.
    """
    if not isinstance(query, str):
        raise SettingError("link", "cannot be read: it is not text")
    if len(query) > MAX_QUERY_CHARS:
        raise SettingError(
            "link",
            f"is too long to be a prescription (at most {MAX_QUERY_CHARS} characters after the ?)",
        )
    query = query.removeprefix("?")
    values: dict[str, object] = {}
    for part in query.split("&"):
        if not part:
            continue  # "a=1&&b=2" and a trailing "&" are harmless
        raw_name, equals, raw_value = part.partition("=")
        if is_tracking_parameter(raw_name):
            continue  # added by the app the link was shared through (fbclid, utm_source...)
        shown = raw_name if _SHOWABLE_NAME.fullmatch(raw_name) else "a setting"
        name = _decode(raw_name, shown)
        if name not in _ATTRIBUTE_OF:
            shown = name if _SHOWABLE_NAME.fullmatch(name) else "a setting"
            raise SettingError(
                shown,
                "is not a setting this page knows; it knows " + ", ".join(QUERY_NAMES),
            )
        attribute = _ATTRIBUTE_OF[name]
        if attribute in values:
            raise SettingError(name, "is given more than once in the link")
        if not equals:
            raise SettingError(name, "has no value in the link; " + SETTING_RULES[name])
        values[attribute] = _read_value(name, _decode(raw_value, name))
    return Prescription(**values)


_ADDRESS_RULE = (
    "must be a web address starting with https:// (or http://), such as "
    f"https://clinic.example.org/{RENDER_ROUTE}/"
)


def _web_address(text: object, name: str, max_chars: int):
    """`text` split as an absolute http(s) address, or SettingError(name, ...)."""
    if (
        not isinstance(text, str)
        or len(text) > max_chars
        or any(ch.isspace() or not is_plain_text(ch) for ch in text)
    ):
        raise SettingError(name, _ADDRESS_RULE)
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (reading the port checks it)
    except ValueError:
        raise SettingError(name, _ADDRESS_RULE) from None
    # No user name or password in a link a patient is given.
    if parts.scheme not in ("http", "https") or not parts.hostname or "@" in parts.netloc:
        raise SettingError(name, _ADDRESS_RULE)
    return parts


def check_base_url(base_url: str) -> str:
    """`base_url` as an absolute http(s) address the series' pages are under, without query or
    fragment; SettingError("address", ...) if it is not one."""
    parts = _web_address(base_url, "address", MAX_BASE_URL_CHARS)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def check_link(link: str) -> str:
    """`link` unchanged if it is an absolute http(s) address a patient can be given (printed,
    or in a QR code); SettingError("link", ...) if not: no other scheme (javascript:, data:),
    no spaces or control characters, no user name, at most MAX_LINK_CHARS characters."""
    _web_address(link, "link", MAX_LINK_CHARS)
    return link


def routine_link(p: Prescription, base_url: str | None = None) -> str:
    """The link that opens the routine page with `p`: relative to the series' other pages
    ("03_routine_timer.ipynb?reps=12"), or absolute under `base_url`, the address of any page of
    the series or of the folder they are in (ending with "/")."""
    query = to_query(p)
    page = ROUTINE + (f"?{query}" if query else "")
    if base_url is None:
        return page
    return urljoin(check_base_url(base_url), page)


# --------------------------------------------------------------------------------------------
# In words
# --------------------------------------------------------------------------------------------


def seconds_text(value: float) -> str:
    """A duration in words as the series prints it: "2 s", "2.5 s", "1 min 30 s", "10 min"."""
    if value >= 0.01:
        value = round(value, 2)
    if value >= 60:
        minutes, rest = divmod(value, 60)
        return f"{int(minutes)} min" + (f" {seconds_text(rest)}" if rest else "")
    # Two decimals at most ("0.75 s"); only a tiny value keeps its first digits ("0.001 s").
    text = f"{value:.2f}".rstrip("0").rstrip(".") if value >= 0.01 else f"{value:.2g}"
    return f"{text} s"


def _how_often(p: Prescription) -> str:
    times = p.times_per_day
    if times is None:
        often = "when the pain comes back, at most 2 to 3 times a day"
    elif times == 1:
        often = "up to once a day"
    else:
        often = f"up to {times} times a day"
    if p.days_per_week is not None:
        days = p.days_per_week
        often += ", every day" if days == 7 else f", {days} day{'s' if days > 1 else ''} a week"
    if p.weeks is not None:
        often += f", for {p.weeks} week{'s' if p.weeks > 1 else ''}"
    return often


def dosage_summary(p: Prescription) -> str:
    """The dosage in one plain sentence: "10 lifts on the right side, hold 2 s, rest 30 s, then
    one long hold of at most 1 min; up to 2 times a day". The lift and lowering times are named
    only when they differ from the series' 2 s up and 3 s down, the lowering only when it is the
    tip's, and days a week and weeks only when set."""
    lifts = "1 lift" if p.reps == 1 else f"{p.reps} lifts"
    pace = ""
    if (p.lift_s, p.lower_s) != (DEFAULT_PRESCRIPTION.lift_s, DEFAULT_PRESCRIPTION.lower_s):
        pace = f" ({seconds_text(p.lift_s)} up, {seconds_text(p.lower_s)} down)"
    lowering = (
        ", lowering the knee to the floor in front as the tip does" if p.lowering == "tip" else ""
    )
    return (
        f"{lifts} on the {p.side} side{pace}, hold {seconds_text(p.hold_s)}{lowering}, "
        f"rest {seconds_text(p.rest_s)}, then one long hold of at most "
        f"{seconds_text(p.final_hold_max_s)}; {_how_often(p)}"
    )
