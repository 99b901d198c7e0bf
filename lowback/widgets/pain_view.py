"""The pain panel of the routine page, for its player: the traffic light after a session, the
question about stop symptoms, and the next visit's "Was the pain back to usual this morning?".

No rule lives here, and none in the page's words: `pain_plan` gathers lowback.pain's rule
(`browser_rule`, which the page's mirror, js/pain_light.js, follows) and the questions, and says
which panel style each colour takes. The page (js/pain_panel.js) asks, keeps the answers in the
reader's session record in their browser (`stop_symptoms`, `settled_next_morning`:
lowback.progress), and shows the light; which record the next visit asks about is
lowback.progress.session_to_ask_about, mirrored in js/progress.js.
"""

from __future__ import annotations

from lowback.pain import (
    MORNING_QUESTION,
    MORNING_QUESTION_LATER,
    STOP_SYMPTOMS_QUESTION,
    browser_rule,
)

__all__ = ["PAIN_TONES", "PAIN_WORDS", "pain_plan"]

#: Each colour's panel (lowback.widgets.style): red and amber never look alike, and the headline
#: says it in words too, so colour is never the only sign.
PAIN_TONES = {"red": "emergency", "amber": "urgent", "green": "routine_may_help"}
PAIN_WORDS = {
    "stop_question": STOP_SYMPTOMS_QUESTION,
    "morning_question": MORNING_QUESTION,
    "morning_question_later": MORNING_QUESTION_LATER,
    "yes": "Yes",
    "no": "No",
}


def pain_plan() -> dict:
    """What the page needs for the pain panel, sent with the routine's plan."""
    return {"rule": browser_rule(), "tones": dict(PAIN_TONES), "words": dict(PAIN_WORDS)}
