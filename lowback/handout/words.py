"""What the handout says, as plain text, for one prescription.

Every clinical sentence here comes from the series' content brief (the steps of the routine,
the stop rules, the emergency symptoms of cauda equina syndrome, how often, what is normal
afterwards), worded as notebook 03 and the safety box word them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lowback.prescription import Prescription, seconds_text

TITLE = "Your side-lying routine"
SUBTITLE = (
    "For pain at a thumb-sized spot just beside the bony bump at the back of the pelvis (the "
    "PSIS), above the tailbone. Education, not a diagnosis: this sheet cannot examine you."
)
STOP_SHORT = (
    "Stop at once if pain shoots down your leg, your leg tingles or goes numb, the pain gets "
    "worse, or you feel pain in the outer hip or groin. More on page 2."
)
STOP_TITLE = "Stop at once"
STOP_RULES = (
    "pain shoots down your leg;",
    "your leg or foot tingles or goes numb;",
    "the pain gets worse;",
    "you feel pain in the outer hip or the groin (the lowering position squeezes the tendons "
    "on the outside of the hip).",
)
STOP_THEN = "Then see a GP or physiotherapist before you try the routine again."
EMERGENCY_TITLE = "Call emergency services now"
EMERGENCY_INTRO = (
    "If back pain comes with any of these, call at once. They can mean the nerves at the base "
    "of the spine are squeezed (cauda equina syndrome), which needs an emergency scan:"
)
EMERGENCY_SIGNS = (
    "new trouble passing urine, a changed feeling when you pass it, not knowing when your "
    "bladder is full, or leaking urine;",
    "losing control of your bowels;",
    "numbness around your genitals, your bottom or the inside of your thighs;",
    "new loss of feeling or function during sex;",
    "new pain, numbness or weakness in both legs.",
)
AFTER_TITLE = "How often, and what is normal"
FOOTER = (
    'Education, not a diagnosis. From the series "Pain beside the bony bump above your '
    'buttock" (CC BY 4.0).'
)


def other_side(side: str) -> str:
    return "left" if side == "right" else "right"


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    frame: str | None  # a frame of lowback.drawing.catalogue.FRAMES, or None


def steps(p: Prescription) -> tuple[Step, ...]:
    """The routine step by step, with the prescription's numbers in it."""
    lifts = "1 lift" if p.reps == 1 else f"{p.reps} lifts"
    return (
        Step(
            "Get into position",
            f"Lie on your {other_side(p.side)} side, with your sore {p.side} side on top. "
            "Bend the bottom knee a little for balance and roll your body slightly forward. "
            "Press your thumb firmly, down and inwards, on the sore spot just outside the bony "
            "bump, and keep it there for every lift.",
            "start",
        ),
        Step(
            "Lift",
            f"Keep the top leg straight and take it back and up, over about "
            f"{seconds_text(p.lift_s)}, with your toes turned down toward the floor. Lift only as "
            "high as your body and low back stay still.",
            "lift",
        ),
        Step("Hold", f"Hold the leg there for {seconds_text(p.hold_s)}.", "hold"),
        Step(
            "Lower slowly",
            f"Lower it over about {seconds_text(p.lower_s)}, aiming your knee at the floor a few "
            "centimetres in front of the bottom leg.",
            "lower",
        ),
        Step(
            "Repeat, then rest",
            f"Do {lifts} in all, then rest for {seconds_text(p.rest_s)}, still lying on your side.",
            None,
        ),
        Step(
            "One long hold",
            "Press the spot again, lift the leg up and back once more, and hold it as long as "
            "you can, squeezing your buttock muscles. Keep breathing: do not hold your breath.",
            None,
        ),
        Step("Finish", "Lower the leg slowly, then stand up slowly.", None),
    )


def dosage_rows(p: Prescription) -> tuple[tuple[str, str], ...]:
    """The dosage as label and value pairs, two to a printed row."""
    return (
        ("Sore side, on top", f"{p.side.capitalize()} (lie on your {other_side(p.side)} side)"),
        ("How often", how_often(p.times_per_day)),
        ("Lifts", str(p.reps)),
        ("Hold", seconds_text(p.hold_s)),
        ("Lift", f"over {seconds_text(p.lift_s)}"),
        ("Lower", f"over {seconds_text(p.lower_s)}"),
        ("Rest", f"{seconds_text(p.rest_s)}, then one long hold"),
        ("Get ready (timer)", seconds_text(p.lead_in_s)),
    )


def how_often(times: int | None) -> str:
    if times is None:
        return "when the pain comes back, at most 2 to 3 times a day"
    if times == 1:
        return "at most once a day"
    return f"at most {times} times a day"


def after_lines(p: Prescription) -> tuple[str, ...]:
    """How often, and what to expect afterwards."""
    return (
        f"Do the routine {how_often(p.times_per_day)}.",
        "A mild ache in the muscle the next day is normal. Pain that lasts is not: stop, and "
        "see a GP or physiotherapist.",
        "Most low back pain gets better within a few weeks. Keep moving: staying active helps, "
        "and bed rest makes it worse. If you are no better in about 4 weeks, see a GP or "
        "physiotherapist.",
    )


def timer_text(p: Prescription, has_link: bool) -> str:
    ready = f"It gives you {seconds_text(p.lead_in_s)} to get ready before the first lift."
    if has_link:
        return (
            "Scan the code with your phone's camera, or type the link below. The guided timer "
            f"opens with these settings, and shows and sounds each step. {ready}"
        )
    return (
        "Open the routine page of the series and set these numbers in the timer's settings "
        f"before you press Start. {ready}"
    )
