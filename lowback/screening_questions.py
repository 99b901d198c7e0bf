"""The screening questions as data (screening rules version 3, docs/design.md).

Each yes/no question has two wordings: `text`, a question a reader can answer on its own (shown
where one question stands alone, and in "not answered yet" lists), and `statement`, the same
sign as a line of a checklist ("Tick each one that applies"). lowback.screening decides what the
answers mean; nothing here decides anything.

Plain words for a phone: each stem is one idea of at most about 25 words, optionally followed by
a short list ("- " lines of at most about 12 words each); each option label and checklist line is
short. tests/policy/test_reading_level.py holds them to it.

Every sign is taken from the project's content brief (CONTENT.md), which names its source.
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
    # A checklist section asks its yes/no questions together: "tick each one that applies, or
    # None of these".
    checklist_prompt: str = ""
    none_label: str = ""  # the checklist's own "None of these" box, named apart from the others
    # Asked only when this yes/no question is answered yes (NICE NG65's criteria follow
    # "began before 45 and lasted over 3 months"); otherwise neither asked nor missing.
    asked_if: str = ""

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
    "Do you have any of these now? Tick each one that applies, or tick None of these.",
    "None of these leg signs",
)
_AT_ONCE = Section(
    "Signs that need help at once",
    "These are rare, but each one needs a doctor straight away.",
    "Since this back pain began, have you had any of these? Tick each one that applies, or "
    "tick None of these.",
    "None of these emergency signs",
)
_ACCIDENT = Section(
    "An accident or fall",
    "A hard knock can break a bone in the spine, which a doctor should check first.",
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
_LONG = Section(
    "Back pain that began young",
    "Long-lasting back pain that began young is sometimes an inflammation of the spine's "
    "joints, which a doctor can test for and treat.",
)
_SPA = Section(
    "Signs of inflammation in the joints",
    "These are the signs NICE asks doctors to look for (NICE guideline NG65).",
    "Do any of these apply to you? Tick each one that applies, or tick None of these.",
    "None of these inflammation signs",
    asked_if="long_young_onset",
)
_ABOUT = Section(
    "About you",
    "Back pain in children, and at some ages, deserves a check before you treat it yourself.",
)
SECTION_LIST: tuple[Section, ...] = (
    _WHERE,
    _LEG,
    _AT_ONCE,
    _ACCIDENT,
    _TODAY,
    _CHECK,
    _LONG,
    _SPA,
    _ABOUT,
)
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
            ("beside_psis", "A thumb-sized spot beside the bony bump low on your back"),
            ("spine_midline", "In the middle of the low back, on the spine"),
            ("higher_back", "Higher up, in the middle of the back, above the waist"),
            ("buttock_or_hip", "Deep in the buttock, or around the side of the hip"),
            ("elsewhere", "Somewhere else, or spread over a wide area"),
        ),
        why="The routine was made for pain at one spot: beside the bony bump at the back of the "
        "pelvis (the PSIS), beside the flat bone at the base of the spine (the sacrum).",
        section=_WHERE.title,
    ),
    Question(
        "press_reproduces",
        "If you press firmly on that spot, does it bring on your usual pain?",
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
        "Do you have numbness, or pins and needles, in a leg or foot?",
        "Numbness, or pins and needles, in a leg or foot",
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
        "Do your toes catch or your foot slap as you walk, or is a leg getting weaker?",
        "Your toes catch or your foot slaps, or a leg is getting weaker",
        "Weakness that is getting worse means a nerve is under more pressure: a doctor should see "
        "you the same day.",
        _LEG,
    ),
    _sign(
        "unsteady_walking",
        "Is walking newly clumsy or unsteady, or do your legs feel heavy?",
        "New clumsy or unsteady walking, or legs that feel heavy",
        "New unsteady walking can mean pressure on the spinal cord, which a doctor should check "
        "the same day.",
        _LEG,
    ),
    _sign(
        "bladder_bowel",
        "Since this pain began, have you had any of these?\n"
        "- new trouble starting or stopping your pee\n"
        "- a changed feeling when you pee or poo\n"
        "- not knowing when your bladder is full\n"
        "- leaking pee, or losing control of your bowels",
        "New bladder or bowel trouble: a changed feeling, leaking, or not feeling full",
        "New bladder or bowel trouble can mean the nerves at the base of the spine are being "
        "squeezed.",
        _AT_ONCE,
    ),
    _sign(
        "saddle_numbness",
        "Is there numbness around your genitals, your bottom or inner thighs, or a changed "
        "feeling when you wipe after the toilet?",
        "Numbness around your genitals, bottom or inner thighs, or when you wipe",
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
        "Since this pain began, have you had NEW pain down both legs, or new or worse numbness or "
        "weakness in both legs?",
        "NEW pain, numbness or weakness in both legs",
        "New trouble in both legs at once can mean pressure on many nerves together.",
        _AT_ONCE,
    ),
    _sign(
        "sudden_severe_faint",
        "Did sudden, severe pain in your back or belly come with feeling faint, sweaty or "
        "collapsing?",
        "Sudden severe pain in the back or belly, with feeling faint",
        "Rarely, this is a leak from the main blood vessel in the belly (the aorta), above all "
        "after 60, and it needs an ambulance.",
        _AT_ONCE,
    ),
    Question(
        "major_trauma",
        "Did this pain start after a serious accident or fall, such as a road crash, a fall from "
        "a height or down stairs?",
        "choice",
        options=(
            ("no", "No, or a doctor has checked it"),
            ("last_7_days", "Yes, in the last 7 days, not checked by a doctor"),
            ("earlier", "Yes, over 7 days ago, not checked by a doctor"),
        ),
        why="A serious accident or fall can break a bone in the spine; a doctor should check it "
        "first.",
        section=_ACCIDENT.title,
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
        "Weight loss without trying",
        "Losing weight for no reason can be a sign of an illness that needs a doctor.",
        _TODAY,
    ),
    _sign(
        "fever_unwell",
        "Do you have a fever, feel hot and shivery, or feel ill all over?",
        "A fever, feeling hot and shivery, or feeling ill all over",
        "Fever with back pain can mean an infection in or near the spine.",
        _TODAY,
    ),
    _sign(
        "immune_or_drugs",
        "Is your immunity weak (for example from chemotherapy, transplant medicines or HIV), or do "
        "you inject drugs?",
        "Weak immunity (chemotherapy, transplant medicines, HIV), or injecting drugs",
        "Both make an infection of the spine more likely.",
        _TODAY,
    ),
    _sign(
        "night_pain",
        "Is the pain there at night whatever position you lie in?",
        "Pain at night that no position eases",
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
        "Steroid tablets for months, or thin bones (osteoporosis)",
        "Thin bones can crack after only a small strain, so a clinician should check your back "
        "first.",
        _CHECK,
    ),
    _sign(
        "sudden_central_pain",
        "Did sudden, severe pain start in the middle of your back, easing when you lie still?",
        "Sudden severe pain in the middle of the back, eased by lying still",
        "This can be a small crack in a bone of the spine, above all with thin bones or at 65 or "
        "over.",
        _CHECK,
    ),
    _sign(
        "recent_spinal_procedure",
        "In the last 3 months, have you had a spinal injection, an epidural or a back operation?",
        "A spinal injection, epidural or back operation in the last 3 months",
        "These make an infection of the spine a little more likely.",
        _CHECK,
    ),
    _sign(
        "recent_infection",
        "In the last 3 months, have you had an infection elsewhere, such as of the urine, skin, "
        "chest or blood?",
        "An infection (urine, skin, chest or blood) in the last 3 months",
        "An infection elsewhere can, rarely, spread to the spine.",
        _CHECK,
    ),
    _sign(
        "pregnant_or_postpartum",
        "Are you pregnant, or did you give birth in the last 6 months?",
        "Pregnant, or gave birth in the last 6 months",
        "Pain from the pelvic joints in and after pregnancy sits on this very spot, and needs "
        "its own advice.",
        _CHECK,
    ),
    _sign(
        "hip_surgery",
        "Have you had a hip replacement or another hip operation, on either side?",
        "A hip replacement or other hip operation, either side",
        "The tip's lowering position (hip bent, knee across and turned in) is one that people "
        "are often told to avoid after hip surgery.",
        _CHECK,
    ),
    _sign(
        "outer_hip_pain",
        "Do you have pain on the outside of the hip, or pain lying on that side at night?",
        "Pain on the outside of the hip, or lying on that side",
        "This can be pain from the tendons on the side of the hip, which lowering the leg across "
        "the other can make worse.",
        _CHECK,
    ),
    Question(
        "long_young_onset",
        "Did your back pain begin before you were 45, and has it lasted more than 3 months?",
        "yes_no",
        why="If so, a few more questions check for inflammation of the spine's joints (axial "
        "spondyloarthritis).",
        section=_LONG.title,
    ),
    _sign(
        "spa_onset_before_35",
        "Did your back pain begin before you were 35?",
        "The back pain began before you were 35",
        "Inflammatory back pain usually begins young.",
        _SPA,
    ),
    _sign(
        "spa_wakes_late_night",
        "Does the back pain wake you in the second half of the night?",
        "The pain wakes you in the second half of the night",
        "Inflammation tends to hurt most after a long rest.",
        _SPA,
    ),
    _sign(
        "spa_buttock_pain",
        "Do you have pain in your buttocks?",
        "Pain in your buttocks",
        "Inflammation of the joints at the back of the pelvis is felt in the buttocks.",
        _SPA,
    ),
    _sign(
        "spa_better_moving",
        "Does the back pain get better when you move, and not when you rest?",
        "The pain gets better when you move, not when you rest",
        "Movement eases inflammatory back pain; rest eases a strain.",
        _SPA,
    ),
    _sign(
        "spa_better_nsaids",
        "Does the pain get better within 48 hours of anti-inflammatory tablets, such as ibuprofen?",
        "Better within 48 hours of anti-inflammatory tablets (ibuprofen)",
        "Inflammatory back pain often eases quickly with these tablets.",
        _SPA,
    ),
    _sign(
        "spa_family",
        "Does a parent, brother, sister or child have spondyloarthritis?",
        "A parent, brother, sister or child has spondyloarthritis",
        "Spondyloarthritis runs in families.",
        _SPA,
    ),
    _sign(
        "spa_arthritis",
        "Do you have arthritis now, or have you had it in the past?",
        "Arthritis, now or in the past",
        "Spondyloarthritis often affects other joints too.",
        _SPA,
    ),
    _sign(
        "spa_enthesitis",
        "Have you had pain and swelling where a tendon meets a bone, such as at the heel?",
        "Pain and swelling where a tendon meets a bone, such as the heel",
        "Inflamed tendon attachments (enthesitis) are part of spondyloarthritis.",
        _SPA,
    ),
    _sign(
        "spa_psoriasis",
        "Do you have psoriasis, now or in the past?",
        "Psoriasis, now or in the past",
        "Psoriasis and spondyloarthritis often go together.",
        _SPA,
    ),
    Question(
        "age",
        f"How old are you, in whole years ({AGE_MIN_YEARS} to {AGE_MAX_YEARS})?",
        "number",
        why="This series is written for adults, and back pain under 20 or over 50 is more often "
        "something other than a sore muscle.",
        section=_ABOUT.title,
    ),
)
