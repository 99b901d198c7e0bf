"""The screening questions as data (screening rules version 2, DESIGN.md).

Each yes/no question has two wordings: `text`, a question a reader can answer on its own (shown
where one question stands alone, and in "not answered yet" lists), and `statement`, the same
sign as a line of a checklist ("Tick all that apply"). lowback.screening decides what the
answers mean; nothing here decides anything.

Every sign is taken from ../shared/CONTENT.md, which names its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QuestionKind = Literal["yes_no", "choice", "number"]


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    kind: QuestionKind
    options: tuple[tuple[str, str], ...] = ()  # (value, label) pairs, for choices only
    why: str = ""
    section: str = ""
    statement: str = ""  # the sign as a checklist line, for yes/no questions in a checklist


@dataclass(frozen=True)
class Section:
    title: str
    why: str
    # A checklist section asks its yes/no questions together: "tick all that apply, or none".
    checklist_prompt: str = ""
    none_label: str = ""  # the checklist's own "None of these" box, named apart from the others

    @property
    def is_checklist(self) -> bool:
        return bool(self.checklist_prompt)


_WHERE = Section(
    "Where is the pain",
    "The routine is meant for one small sore spot, so first we find yours.",
)
_LEG = Section(
    "Down the leg",
    "Pain, numbness or weakness down the leg points to a nerve, not a muscle.",
    "Do you have any of these? Tick each one that applies, or tick None of these.",
    "None of these leg signs",
)
_AT_ONCE = Section(
    "Signs that need help at once",
    "These are rare, but each one needs a doctor straight away.",
    "Since this back pain began, have you had any of these? Tick each one that applies, or "
    "tick None of these.",
    "None of these emergency signs",
)
_TODAY = Section(
    "Signs a doctor should check today",
    "These usually turn out to be nothing serious, but a doctor should rule out an infection, "
    "a cracked bone or cancer first.",
    "Do any of these apply to you? Tick each one that applies, or tick None of these.",
    "None of these same-day signs",
)
_CHECK = Section(
    "Other reasons for a check first",
    "None of these is an emergency, but each is a reason to see a clinician before you try the "
    "routine.",
    "Do any of these apply to you? Tick each one that applies, or tick None of these.",
    "None of these other reasons",
)
_ABOUT = Section(
    "About you",
    "Back pain at some ages deserves a check before you treat it yourself.",
)
SECTION_LIST: tuple[Section, ...] = (_WHERE, _LEG, _AT_ONCE, _TODAY, _CHECK, _ABOUT)
# (title, why) pairs in the order the quiz asks them.
SECTIONS: tuple[tuple[str, str], ...] = tuple((s.title, s.why) for s in SECTION_LIST)

AGE_MIN_YEARS = 1
AGE_MAX_YEARS = 120


def _sign(question_id: str, text: str, statement: str, why: str, section: Section) -> Question:
    return Question(
        question_id, text, "yes_no", why=why, section=section.title, statement=statement
    )


QUESTIONS: tuple[Question, ...] = (
    Question(
        "pain_spot",
        "Where do you feel the pain most?",
        "choice",
        options=(
            (
                "beside_psis",
                "A small spot, about the size of your thumb tip, right beside one of the two bony "
                "bumps low on your back, just above the buttock, beside the flat bone at the base "
                "of the spine (the sacrum) and above the tailbone (beside the PSIS)",
            ),
            ("spine_midline", "In the middle of the back, right on the bones of the spine"),
            ("higher_back", "Higher up, in the middle of the back, above the waist"),
            ("buttock_or_hip", "Deep in the buttock, or around the side of the hip"),
            ("elsewhere", "Somewhere else, or spread over a wide area"),
        ),
        why="The routine was made for pain at one spot beside the PSIS, not for back pain in "
        "general.",
        section=_WHERE.title,
    ),
    Question(
        "press_reproduces",
        "If you press firmly on that spot, does it bring on the same pain you usually feel?",
        "yes_no",
        why="If pressing the spot sets off your usual pain, the sore tissue is probably right "
        "there.",
        section=_WHERE.title,
    ),
    _sign(
        "pain_below_knee",
        "Does the pain run down your leg to below the knee?",
        "Pain that runs down a leg to below the knee",
        "Pain that travels below the knee often comes from a squeezed nerve in the back.",
        _LEG,
    ),
    _sign(
        "leg_numbness",
        "Do you have numbness, or pins and needles (tingling), in a leg or foot?",
        "Numbness, or pins and needles (tingling), in a leg or foot",
        "Numbness or tingling means a nerve may be involved, which a muscle routine will not fix.",
        _LEG,
    ),
    _sign(
        "leg_weakness",
        "Does one leg feel weak, or give way under you?",
        "One leg feels weak, or gives way under you",
        "A weak leg can mean a nerve is not passing on its messages properly.",
        _LEG,
    ),
    _sign(
        "weakness_worsening",
        "Do your toes catch or your foot slap the floor as you walk (foot drop), or is weakness "
        "in a leg getting worse?",
        "Your toes catch or your foot slaps the floor as you walk (foot drop), or weakness in a "
        "leg is getting worse",
        "Weakness that is marked or getting worse means a nerve is under more pressure: a doctor "
        "should see you the same day.",
        _LEG,
    ),
    _sign(
        "bladder_bowel",
        "Since this pain began, have you had new trouble passing urine (peeing), a changed "
        "feeling when you pass it, not known when your bladder is full, leaked urine, or lost "
        "control of your bowels?",
        "New trouble passing urine (peeing), a changed feeling when you pass it, not knowing when "
        "your bladder is full, leaking urine, or losing control of your bowels",
        "New bladder or bowel trouble can mean the nerves at the base of the spine are being "
        "squeezed.",
        _AT_ONCE,
    ),
    _sign(
        "saddle_numbness",
        "Is there numbness or a dull, strange feeling around your genitals, your bottom (anus) "
        "or the inside of your thighs (the 'saddle' area)?",
        "Numbness or a dull, strange feeling around your genitals, your bottom (anus) or the "
        "inside of your thighs (the 'saddle' area)",
        "The skin where you sit on a saddle is fed by the nerves at the very base of the spine.",
        _AT_ONCE,
    ),
    _sign(
        "sexual_dysfunction",
        "Since this pain began, have you newly lost feeling or function during sex?",
        "New loss of feeling or function during sex",
        "The same nerves at the base of the spine also control sexual function.",
        _AT_ONCE,
    ),
    _sign(
        "both_legs",
        "Since this pain began, have you had NEW pain down both legs, or new or worsening "
        "numbness or weakness in both legs?",
        "NEW pain down both legs, or new or worsening numbness or weakness in both legs (not a "
        "long-standing problem from another cause)",
        "New trouble in both legs at once can mean pressure on many nerves together.",
        _AT_ONCE,
    ),
    _sign(
        "major_trauma",
        "Did this pain start after a serious accident or fall in the last few days, and has no "
        "doctor checked it yet?",
        "The pain started after a serious accident or fall in the last few days, and no doctor "
        "has checked it yet",
        "A big knock can break a bone in the spine, which needs checking first.",
        _AT_ONCE,
    ),
    _sign(
        "sudden_severe_faint",
        "Did sudden, severe pain in your back or belly come with feeling faint, sweaty or "
        "collapsing?",
        "Sudden, severe pain in your back or belly, with feeling faint, sweaty or collapsing",
        "Rarely, this is a leak from the main blood vessel in the belly (the aorta), above all "
        "after 60, and it needs an ambulance.",
        _AT_ONCE,
    ),
    _sign(
        "cancer_history",
        "Have you ever had cancer?",
        "You have had cancer",
        "Rarely, cancer can spread to the bones of the back.",
        _TODAY,
    ),
    _sign(
        "weight_loss",
        "Have you lost weight lately without trying to?",
        "You have lost weight lately without trying to",
        "Losing weight for no reason can be a sign of an illness that needs a doctor.",
        _TODAY,
    ),
    _sign(
        "fever_unwell",
        "Do you have a fever (a high temperature), or do you feel ill all over?",
        "A fever (a high temperature), or feeling ill all over",
        "Fever with back pain can mean an infection in or near the spine.",
        _TODAY,
    ),
    _sign(
        "immune_or_drugs",
        "Is your body weaker than usual at fighting germs (low immunity, for example from HIV, "
        "chemotherapy or transplant medicines), or do you inject drugs?",
        "Low immunity (for example from HIV, chemotherapy or transplant medicines), or you "
        "inject drugs",
        "Both make an infection of the spine more likely.",
        _TODAY,
    ),
    _sign(
        "night_pain",
        "Is the pain there all the time, not eased by rest or by changing position, and worse "
        "at night?",
        "Pain that is there all the time, not eased by rest or by changing position, and worse "
        "at night",
        "A sore muscle usually eases when you rest or shift; pain that never lets up needs a "
        "doctor.",
        _TODAY,
    ),
    _sign(
        "minor_trauma",
        "Did this pain begin after a minor fall, a lift, a cough or a sneeze?",
        "The pain began after a minor fall, a lift, a cough or a sneeze",
        "In someone with thin bones, on steroid tablets or aged 65 or over, a small strain can "
        "crack a bone in the spine.",
        _CHECK,
    ),
    _sign(
        "steroids_osteoporosis",
        "Have you taken steroid tablets for months, or been told your bones are thin "
        "(osteoporosis)?",
        "You have taken steroid tablets for months, or been told your bones are thin "
        "(osteoporosis)",
        "Thin bones can crack after only a small strain, so a clinician should check your back "
        "first.",
        _CHECK,
    ),
    _sign(
        "recent_infection_or_procedure",
        "In the last 3 months, have you had an infection (for example of the urine, chest or "
        "skin), or an injection or operation on your spine?",
        "In the last 3 months: an infection (for example of the urine, chest or skin), or an "
        "injection or operation on your spine",
        "Both make an infection of the spine a little more likely.",
        _CHECK,
    ),
    _sign(
        "inflammatory_pattern",
        "Did your back pain begin before you were 45 and last more than 3 months, and does it "
        "make you stiff for over 30 minutes in the morning, wake you in the second half of the "
        "night, or ease when you move rather than when you rest?",
        "Back pain that began before you were 45 and has lasted more than 3 months, and that "
        "makes you stiff for over 30 minutes in the morning, wakes you in the second half of the "
        "night, or eases when you move rather than when you rest",
        "This pattern can mean inflammation of the spine's joints (axial spondyloarthritis), "
        "which a doctor can test for and treat.",
        _CHECK,
    ),
    _sign(
        "pregnant_or_postpartum",
        "Are you pregnant, or did you give birth in the last 6 months?",
        "You are pregnant, or gave birth in the last 6 months",
        "Pain from the pelvic joints in and after pregnancy sits on this very spot, and needs "
        "its own advice.",
        _CHECK,
    ),
    _sign(
        "hip_surgery",
        "Have you had a hip replacement or another hip operation, on either side?",
        "You have had a hip replacement or another hip operation, on either side",
        "The routine's lowering position (hip bent, knee across and turned in) is one that "
        "people are often told to avoid after hip surgery.",
        _CHECK,
    ),
    Question(
        "age",
        f"How old are you, in whole years ({AGE_MIN_YEARS} to {AGE_MAX_YEARS})?",
        "number",
        why="Back pain in people under 20 or over 50 is more often something other than a sore "
        "muscle.",
        section=_ABOUT.title,
    ),
)
