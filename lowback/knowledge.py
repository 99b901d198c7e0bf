"""The anatomy notebook's knowledge check: questions with feedback on every option, as data.

Every option says why it is right or wrong, so a wrong pick still teaches something.
Facts and sources (CONTENT.md): Kenhub (PSIS); Gray's Anatomy (the posterior gluteal line);
Travell & Simons 1992; Cooper et al. 2016; Fortin & Falco 1997; Murakami et al. 2008.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class CheckQuestion:
    id: str
    text: str
    options: tuple[Option, ...]


KNOWLEDGE_CHECK: tuple[CheckQuestion, ...] = (
    CheckQuestion(
        "where_psis",
        "Where is the PSIS?",
        (
            Option(
                "beside_sacrum",
                "At the back of the pelvis, about 2 to 3 finger widths from the middle of the "
                "spine, under a skin dimple",
                True,
                "Right. The PSIS is the back end of the iliac crest, beside the sacrum, about "
                "4 cm from the midline at the level of the second sacral segment (S2), several "
                "centimetres above the tailbone. A dimple in the skin above the buttock often "
                "marks it.",
            ),
            Option(
                "top_of_hip",
                "On the top of the hip bone, at the side of the waist",
                False,
                "Not quite. That is the iliac crest, the rim you rest your hands on. The PSIS "
                "is where that rim ends at the back, beside the sacrum.",
            ),
            Option(
                "side_of_hip",
                "The bony point on the outside of the hip, at the top of the thigh",
                False,
                "Not quite. That point is the greater trochanter of the thigh bone, where "
                "gluteus medius attaches, not the PSIS.",
            ),
            Option(
                "middle_of_spine",
                "The bumps in the middle of the back, on the spine itself",
                False,
                "Not quite. Those are the spinous processes of the vertebrae, on the midline. "
                "The PSIS sits a few centimetres out to each side.",
            ),
        ),
    ),
    CheckQuestion(
        "under_the_spot",
        "What lies right under the thumb-sized spot beside the PSIS?",
        (
            Option(
                "maximus_and_si_joint",
                "The start of gluteus maximus, the ligaments at the back of the sacroiliac "
                "(SI) joint, and the joint itself",
                True,
                "Right. Under the spot lie the origin of gluteus maximus, the ligaments at the "
                "back of the sacroiliac (SI) joint and the joint itself. Gluteus medius starts "
                "about 5 cm further out along the iliac crest, at the posterior gluteal line.",
            ),
            Option(
                "medius",
                "Gluteus medius, the muscle the tip blames",
                False,
                "Not quite. Gluteus medius starts at the posterior gluteal line, about 5 cm out "
                "from the PSIS along the iliac crest, so it is not under your thumb. The tip "
                "links it to this spot through referred pain: its trigger points can send pain "
                "to the low back, the sacrum and the buttock.",
            ),
            Option(
                "tailbone",
                "The tailbone (coccyx)",
                False,
                "Not quite. The tailbone is the bottom end of the spine, several centimetres "
                "below the PSIS. The PSIS sits beside the sacrum, level with its second "
                "segment (S2).",
            ),
        ),
    ),
    CheckQuestion(
        "one_leg_stance",
        "What does gluteus medius do when you stand on one leg?",
        (
            Option(
                "keeps_level",
                "It stops the pelvis dropping on the side of the lifted leg",
                True,
                "Right. With gluteus minimus, the muscle on the standing side holds the pelvis "
                "level. When it is weak the other side drops: the Trendelenburg sign.",
            ),
            Option(
                "bends_knee",
                "It bends the knee of the lifted leg",
                False,
                "Not quite. Gluteus medius crosses the hip, not the knee; the muscles at the "
                "back of the thigh (hamstrings) bend the knee.",
            ),
            Option(
                "nothing",
                "Nothing: it only works when you lift a leg out to the side",
                False,
                "Not quite. Lifting the leg out to the side (abduction) is one of its jobs, "
                "but in standing it works hardest on the standing side, to steady the pelvis.",
            ),
            Option(
                "straightens_spine",
                "It pulls the spine straight",
                False,
                "Not quite. It runs from the hip bone to the thigh bone, so it moves and steadies "
                "the hip and pelvis rather than the spine.",
            ),
        ),
    ),
    CheckQuestion(
        "nerve",
        "Which nerve supplies gluteus medius?",
        (
            Option(
                "superior_gluteal",
                "The superior gluteal nerve (from L4 to S1)",
                True,
                "Right. The superior gluteal nerve also supplies gluteus minimus and tensor "
                "fasciae latae, its neighbours.",
            ),
            Option(
                "inferior_gluteal",
                "The inferior gluteal nerve",
                False,
                "Not quite. The inferior gluteal nerve (L5 to S2) supplies gluteus maximus, "
                "the big muscle on top.",
            ),
            Option(
                "sciatic",
                "The sciatic nerve",
                False,
                "Not quite. The sciatic nerve runs under gluteus maximus, below the piriformis "
                "muscle, on its way to the back of the thigh and the leg. It does not supply "
                "gluteus medius.",
            ),
            Option(
                "femoral",
                "The femoral nerve",
                False,
                "Not quite. The femoral nerve supplies the muscles at the front of the thigh.",
            ),
        ),
    ),
    CheckQuestion(
        "other_causes",
        "Pain right beside the PSIS: which of these can cause it too?",
        (
            Option(
                "si_joint",
                "The sacroiliac (SI) joint, which lies under the PSIS",
                True,
                "Right. People with SI joint pain often point to the PSIS or a spot within 1 "
                "to 2 cm of it, so the same place can hurt for more than one reason. Other "
                "candidates include the gluteus maximus origin, multifidus, quadratus "
                "lumborum and piriformis.",
            ),
            Option(
                "only_medius",
                "Only gluteus medius: nothing else lies there",
                False,
                "Not quite. Gluteus medius is not even under the spot: it starts about 5 cm "
                "further out. Several structures meet at the PSIS, including the SI joint, "
                "its ligaments, multifidus and the origin of gluteus maximus. That is why the "
                "series says the routine may help, not that it will.",
            ),
            Option(
                "knee",
                "The knee joint",
                False,
                "Not quite. The knee is too far away to cause pain at this spot; pain beside "
                "the PSIS comes from structures nearby.",
            ),
        ),
    ),
)


def check_question(question_id: str) -> CheckQuestion:
    for check in KNOWLEDGE_CHECK:
        if check.id == question_id:
            return check
    raise ValueError(f"{question_id!r} is not a knowledge-check question")


def feedback(question_id: str, value: str) -> Option:
    """The option chosen, carrying whether it is right and what it teaches."""
    for option in check_question(question_id).options:
        if option.value == value:
            return option
    raise ValueError(f"{question_id}: {value!r} is not one of its options")
