"""The plan a reader follows, built once as plain data: what the routine page, the clinicians'
page and the printed handout each only render.

Pure: standard library and the core only. `build_plan(p, origin=..., link=..., today=...)` turns
a prescription into a `Plan`: whose settings they are (the three states of
lowback.signed_link), who set them and how to reach them, the date, the dosage as rows, the
steps with the frame each one shows, how often and for how long, how to make it harder or
easier, what to expect, the stop rules, and the emergency and same-day advice with the region's
own numbers (lowback.regions). Every sentence a reader sees is here; a renderer adds layout, never
words of its own, so the page and the handout cannot disagree (`plan_texts` lists every sentence,
for a test to find in both).

Numbers, and where they come from (CONTENT.md, "Doing the exercise safely" and "A plan"):
- the tip gives 10 lifts, the 2 s hold and about 30 s of rest, and "as needed";
- at most 2 to 3 times a day, most days of the week, 6 to 8 weeks, up to about 15 lifts before a
  light weight or band, "no better after 4 to 6 weeks: see a physiotherapist", and the 6 to 8
  weeks strength takes: the series' choice, said so in the words (`SERIES_CHOICE`), as no source
  the series has checked gives them;
- pain up to 5 out of 10 that settles by the next morning: the pain-monitoring model
  (Silbernagel et al. 2007);
- staying active, and bed rest making it worse: NICE NG59 and Foster et al. 2018;
- pain in the outer hip or groin as a stop rule: Grimaldi and Fearon 2015.
A number the prescription sets (times a day, days a week, weeks) is the plan's own and carries
no such mark: the origin heading says whose it is.

The words aim at a reading age of 9 to 11 (tests/core/test_plan.py holds them at a
Flesch-Kincaid grade of 8 or less). Text from a link (`by`, `contact`, `note`) stays plain text:
a renderer must escape it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from types import MappingProxyType

from lowback.prescription import Prescription, check_link, seconds_text
from lowback.regions import region as find_region
from lowback.screening import safety_net
from lowback.signed_link import ORIGIN_WORDS

__all__ = [
    "FOOTER",
    "INTRO",
    "LOWER_FRAMES",
    "SERIES_CHOICE",
    "SOURCES",
    "TITLE",
    "Plan",
    "Row",
    "Section",
    "Step",
    "build_plan",
    "date_text",
    "plan_texts",
]

TITLE = "Your side-lying routine"
INTRO = (
    "For pain at a thumb-sized spot just beside the bony bump at the back of the pelvis (the "
    "PSIS), above the tailbone. This is education, not a diagnosis: it cannot examine you."
)
FOOTER = (
    'Education, not a diagnosis. From the series "Pain beside the bony bump above your '
    'buttock" (CC BY 4.0).'
)
#: How a number the series chose, with no source to cite, is marked where it is said.
SERIES_CHOICE = "(the series' choice)"
#: Where the plan's claims come from, short, for the end of the plan.
SOURCES: tuple[str, ...] = (
    "Pain during and after exercise: Silbernagel KG et al. 2007, Am J Sports Med 35:897-906.",
    "Staying active: NICE guideline NG59 (2016, updated 2020); Foster NE et al. 2018, Lancet "
    "391:2368-83.",
    "Outer hip or groin pain: Grimaldi A, Fearon A 2015, J Orthop Sports Phys Ther 45:910-22.",
    "Emergency signs: GIRFT national suspected cauda equina syndrome pathway, 2023.",
)
#: The frame that shows each lowering, by its name in lowback.drawing.catalogue.FRAMES (the
#: core cannot import the drawings: tests/handout checks this is catalogue.LOWER_FRAMES).
LOWER_FRAMES: Mapping[str, str] = MappingProxyType({"gentle": "lower", "tip": "lower_tip"})

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Row:
    """A label and its value: "Hold", "2 s"."""

    label: str
    value: str


@dataclass(frozen=True)
class Step:
    """One step of the routine, with the frame it shows (a name in
    lowback.drawing.catalogue.FRAMES), or None for a step told in words only."""

    title: str
    text: str
    frame: str | None


@dataclass(frozen=True)
class Section:
    """A heading, an optional sentence under it, a list, and an optional sentence after it."""

    heading: str
    items: tuple[str, ...] = ()
    lead: str = ""
    after: str = ""


@dataclass(frozen=True)
class Plan:
    """Everything a reader is told about their routine, as plain text in order."""

    title: str
    intro: str
    #: Whose settings these are: "physio", "link" or "own" (lowback.signed_link).
    origin: str
    #: The same words as the routine page's banner: "From your physiotherapist"...
    origin_heading: str
    #: Who set the plan and how to reach them, labelled by whose it is; empty rows left out.
    people: tuple[Row, ...]
    made_on: date | None
    #: "Made on 7 December 2026", or "" without a date.
    made_on_text: str
    dosage: tuple[Row, ...]
    #: What the note is called ("Note from your physiotherapist"...), or "" without a note.
    note_heading: str
    note: str
    #: The stop rules in one sentence, for the top of the plan.
    stop_summary: str
    steps_heading: str
    steps: tuple[Step, ...]
    how_often: Section
    expect: Section
    progress: Section
    easier: Section
    stop: Section
    emergency: Section
    same_day: Section
    #: The numbers to offer as tap-to-call links: the region's, or the common ones.
    emergency_numbers: tuple[str, ...]
    timer: Section
    link: str | None
    sources_heading: str
    sources: tuple[str, ...]
    footer: str


def date_text(day: date) -> str:
    """A date as the handout prints it, the same in every locale: "7 December 2026"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _other_side(side: str) -> str:
    return "left" if side == "right" else "right"


def _people(p: Prescription, origin: str) -> tuple[Row, ...]:
    # Only a signed, unedited link speaks as the physiotherapist: a name and a number in any
    # other link are what the link says, never "your physiotherapist" (issue 26, item 5).
    if origin == "physio":
        labels = ("Your physiotherapist", "How to reach them")
    else:
        labels = ("Name in the link", "Contact in the link")
    return tuple(
        Row(label, value) for label, value in zip(labels, (p.by, p.contact), strict=True) if value
    )


def _lowering_words(p: Prescription) -> tuple[str, str]:
    """The lowering as a dosage row's value and as a step's sentence."""
    down = seconds_text(p.lower_s)
    if p.lowering == "tip":
        return (
            f"over {down}, knee to the floor in front of the other leg",
            f"Lower it slowly, over about {down}. Aim your knee at the floor a few centimetres "
            "in front of the bottom leg, as the tip does.",
        )
    return (
        f"over {down}, onto the other leg",
        f"Lower it slowly, over about {down}, onto the bottom leg, or onto a pillow between your "
        "knees. Do not take it across the bottom leg to the floor.",
    )


def _dosage(p: Prescription) -> tuple[Row, ...]:
    lowered, _ = _lowering_words(p)
    return (
        Row("Sore side, on top", p.side.capitalize()),
        Row("Lifts", str(p.reps)),
        Row("Lift", f"over {seconds_text(p.lift_s)}"),
        Row("Hold", seconds_text(p.hold_s)),
        Row("Lower", lowered),
        Row("Rest", seconds_text(p.rest_s)),
        Row("Last hold", f"until it feels hard, {seconds_text(p.final_hold_max_s)} at most"),
        Row("Get ready (timer)", seconds_text(p.lead_in_s)),
    )


def _steps(p: Prescription) -> tuple[Step, ...]:
    lifts = "1 lift" if p.reps == 1 else f"{p.reps} lifts"
    _, lower_text = _lowering_words(p)
    return (
        Step(
            "Get into position",
            f"Lie on your {_other_side(p.side)} side, sore {p.side} side on top, bottom knee "
            "bent, body rolled slightly forward. Press your thumb firmly, down and in, on the "
            "sore spot just outside the bony bump, and keep it there.",
            "start",
        ),
        Step(
            "Lift",
            f"Keep the top leg straight and take it back and up, over about "
            f"{seconds_text(p.lift_s)}, with your toes turned down toward the floor. Lift only as "
            "high as your body and low back stay still.",
            "lift",
        ),
        Step(
            "Hold",
            f"Hold the leg there for {seconds_text(p.hold_s)}. Keep breathing.",
            "hold",
        ),
        Step("Lower slowly", lower_text, LOWER_FRAMES[p.lowering]),
        Step(
            "Repeat, then rest",
            f"Do {lifts} in all. Then rest for {seconds_text(p.rest_s)}, still lying on your side.",
            None,
        ),
        Step(
            "One long hold",
            "Press the spot again and lift the leg up and back once more. Hold it until it "
            "feels hard (about 7 out of 10) or the leg starts to drop, "
            f"{seconds_text(p.final_hold_max_s)} at most. Keep breathing.",
            None,
        ),
        Step("Finish", "Lower the leg slowly, then stand up slowly.", None),
    )


def _how_often(p: Prescription) -> Section:
    times = p.times_per_day
    if times is None:
        per_day = (
            f"Do the routine when the pain comes back, at most 2 to 3 times a day {SERIES_CHOICE}."
        )
    elif times == 1:
        per_day = "Do the routine up to once a day."
    else:
        per_day = f"Do the routine up to {times} times a day."
    days = p.days_per_week
    if days is None:
        per_week = f"Do it on most days of the week {SERIES_CHOICE}."
    elif days == 7:
        per_week = "Do it every day of the week."
    else:
        per_week = f"Do it on {days} day{'s' if days > 1 else ''} a week."
    weeks = p.weeks
    if weeks is None:
        how_long = f"Keep going for 6 to 8 weeks {SERIES_CHOICE}."
    else:
        how_long = f"Keep going for {weeks} week{'s' if weeks > 1 else ''}."
    return Section("How often, and for how long", (per_day, per_week, how_long))


_EXPECT = Section(
    "What to expect",
    (
        "A mild ache in the muscle the next day is normal.",
        "Pain up to 5 out of 10 during the routine is all right if it settles by the next "
        "morning. If it goes above 5, or is still worse than usual the next morning, do less "
        "next time.",
        f"Muscles take about 6 to 8 weeks to get stronger {SERIES_CHOICE}.",
        f"No better after 4 to 6 weeks of the routine? See a physiotherapist {SERIES_CHOICE}.",
        "Keep moving. Staying active helps back pain, and bed rest makes it worse.",
    ),
)
_PROGRESS = Section(
    f"Making it harder {SERIES_CHOICE}",
    (
        "When the lifts feel easy, add 1 or 2 lifts at a time, up to about 15.",
        "After that, add a light weight around your ankle, or a light exercise band around both "
        "legs just above the knees.",
        "Change one thing at a time, and only when the pain settles by the next morning.",
    ),
)
_EASIER = Section(
    "Making it easier",
    (
        "Bend the top knee a little: a bent leg is lighter to lift.",
        "Lift the leg less high, or hold it for less time.",
        "Or do the clam instead. Lie on your side with both knees bent and your feet together. "
        "Lift the top knee, keeping your feet together, then lower it slowly.",
    ),
)
_STOP = Section(
    "Stop at once if:",
    (
        "pain shoots down your leg;",
        "your leg or foot tingles or goes numb;",
        "the pain gets worse;",
        "you feel pain in the outer hip or the groin (lowering the leg can squeeze the hip's "
        "tendons).",
    ),
    after="Then see a GP or physiotherapist before you try the routine again.",
)
STOP_SUMMARY = (
    "Stop at once if pain shoots down your leg, your leg tingles or goes numb, the pain gets "
    "worse, or you feel pain in the outer hip or groin."
)
_EMERGENCY_WHY = (
    "Most of these can mean squeezed nerves at the base of the spine (cauda equina syndrome)."
)


def _timer(p: Prescription, link: str | None) -> Section:
    ready = f"It gives you {seconds_text(p.lead_in_s)} to get ready before the first lift."
    if link is not None:
        return Section(
            "The guided timer",
            lead=(
                "Scan the code with your phone's camera, or type the link. The timer opens with "
                f"these settings, and shows and sounds each step. {ready}"
            ),
        )
    return Section(
        "The guided timer",
        lead=(
            "Open the routine page of the series and set these numbers in the timer's settings "
            f"before you press Start. {ready}"
        ),
    )


def build_plan(
    p: Prescription, *, origin: str, link: str | None = None, today: date | None = None
) -> Plan:
    """The plan for `p`, as `origin` says whose it is ("physio", "link" or "own"), with the
    link that opens it (an absolute http(s) address, checked: SettingError if not) and the
    date it was made (None: no date). ValueError for an unknown origin, TypeError for a
    prescription or date of the wrong kind."""
    if not isinstance(p, Prescription):
        raise TypeError("build_plan needs a Prescription")
    if origin not in ORIGIN_WORDS:
        raise ValueError(f"origin: {origin!r} is not one of {', '.join(ORIGIN_WORDS)}")
    if today is not None and not isinstance(today, date):
        raise TypeError("today must be a date, or None")
    if link is not None:
        link = check_link(link)
    words = ORIGIN_WORDS[origin]
    where = find_region(p.region)
    net = safety_net("routine_may_help", p.region)
    assert net is not None  # only an emergency has none
    return Plan(
        title=TITLE,
        intro=INTRO,
        origin=origin,
        origin_heading=words.banner,
        people=_people(p, origin),
        made_on=today,
        made_on_text=f"Made on {date_text(today)}" if today is not None else "",
        dosage=_dosage(p),
        note_heading=words.note if p.note else "",
        note=p.note,
        stop_summary=STOP_SUMMARY,
        steps_heading="The steps",
        steps=_steps(p),
        how_often=_how_often(p),
        expect=_EXPECT,
        progress=_PROGRESS,
        easier=_EASIER,
        stop=_STOP,
        emergency=Section(net.emergency_lead, net.emergency_signs, after=_EMERGENCY_WHY),
        same_day=Section(net.same_day_lead, net.same_day_signs),
        emergency_numbers=where.tel_numbers,
        timer=_timer(p, link),
        link=link,
        sources_heading="Where this comes from",
        sources=SOURCES,
        footer=FOOTER,
    )


def _section_texts(section: Section) -> tuple[str, ...]:
    return tuple(t for t in (section.heading, section.lead, *section.items, section.after) if t)


def plan_texts(plan: Plan, *, parts: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Every sentence of `plan` a reader sees, in order (only the fields named in `parts`, if
    given): what a renderer must show, and what a test looks for in each rendering."""
    found: list[str] = []
    for item in fields(plan):
        if parts is not None and item.name not in parts:
            continue
        value = getattr(plan, item.name)
        if item.name in ("origin", "made_on", "emergency_numbers", "link"):
            continue  # data for the renderer, said in words elsewhere
        if isinstance(value, str):
            found += [value] if value else []
        elif isinstance(value, Section):
            found += _section_texts(value)
        elif isinstance(value, tuple):
            for entry in value:
                if isinstance(entry, Row):
                    found += [entry.label, entry.value]
                elif isinstance(entry, Step):
                    found += [entry.title, entry.text]
                else:
                    found.append(entry)
    return tuple(found)
