"""The plan (lowback.plan.build_plan) as HTML, for the routine page before Start and for the
clinicians' page: the same words as the printed handout, in the same order, laid out for a
390 px phone first.

No words of its own: every sentence comes from the Plan, so the page and the handout cannot
disagree (tests/widgets/test_plan_view.py finds the plan's sentences in both). Everything is
escaped: a name, a contact line and a note come from a link, which anyone can write, and show
as the characters typed, never as markup.

Phone first: text at 1rem (16 px) or more, one column, long words and links wrapped rather than
scrolled, tap-to-call links at least 48 px tall. The steps and the sources are folded under
their headings (details/summary), since the routine page shows the steps with the timer.
"""

from __future__ import annotations

from html import escape

from lowback.plan import Plan, Row, Section

__all__ = ["PLAN_CSS", "SHOWN", "plan_html"]

#: The parts of the Plan a page shows (lowback.plan.plan_texts(plan, parts=SHOWN)): all but the
#: title, the introduction and the footer, which the page says in its own cells, and the
#: handout's timer, which tells how to scan the printed code.
SHOWN = (
    "origin_heading",
    "people",
    "made_on_text",
    "dosage",
    "note_heading",
    "note",
    "stop_summary",
    "steps_heading",
    "steps",
    "how_often",
    "expect",
    "progress",
    "easier",
    "stop",
    "emergency",
    "same_day",
    "sources_heading",
    "sources",
)

PLAN_CSS = """
.lowback-plan { font-size: 1rem; line-height: 1.5; max-width: 48rem; overflow-wrap: anywhere; }
.lowback-plan h4 { font-size: 1.1rem; margin: 1rem 0 0.35rem; }
.lowback-plan h4.lowback-plan-origin { font-size: 1.2rem; margin-top: 0.25rem; }
.lowback-plan p, .lowback-plan li, .lowback-plan dd, .lowback-plan dt { font-size: 1rem; }
.lowback-plan ul, .lowback-plan ol { margin: 0.25rem 0 0.5rem; padding-left: 1.4rem; }
.lowback-plan li { margin: 0.2rem 0; }
/* A phone keeps a full line for each item, even inside a folded panel. */
@media (max-width: 480px) {
  .lowback-plan ul, .lowback-plan ol { padding-left: 1.1rem; }
  .lowback-plan ul ul, .lowback-plan ol ul { padding-left: 0.9rem; }
  .lowback-plan .lowback-panel { padding: 0.5rem; }
  .lowback-plan .lowback-panel ul { padding-left: 0; list-style-position: inside; }
}
.lowback-plan dl { margin: 0.25rem 0; }
.lowback-plan .lowback-plan-row { display: flex; flex-wrap: wrap; column-gap: 0.4rem;
  margin: 0.15rem 0; }
.lowback-plan dt { font-weight: 700; margin: 0; }
.lowback-plan dd { margin: 0; }
.lowback-plan details { margin: 0.5rem 0; }
.lowback-plan summary { font-weight: 700; font-size: 1.1rem; min-height: 44px;
  padding: 0.5rem 0; box-sizing: border-box; cursor: pointer; }
.lowback-plan summary:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.lowback-plan .lowback-plan-sources { font-size: 1rem; color: #444444; }
.lowback-plan .lowback-call { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0; }
.lowback-plan a.lowback-call-link { display: inline-flex; align-items: center; min-height: 48px;
  padding: 0.25rem 1rem; border-radius: 0.4rem; background: #ffffff; color: #8a2b00;
  font-weight: 700; font-size: 1.1rem; text-decoration: underline; border: 2px solid #8a2b00; }
.lowback-plan a.lowback-call-link:focus-visible { outline: 3px solid #0072B2;
  outline-offset: 2px; }
"""


def _rows(rows: tuple[Row, ...]) -> str:
    if not rows:
        return ""
    items = "".join(
        f'<div class="lowback-plan-row"><dt>{escape(row.label)}:</dt> '
        f"<dd>{escape(row.value)}</dd></div>"
        for row in rows
    )
    return f"<dl>{items}</dl>"


def _list(items: tuple[str, ...]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _section(section: Section, *, tone: str = "") -> str:
    body = (
        f"<h4>{escape(section.heading)}</h4>"
        + (f"<p>{escape(section.lead)}</p>" if section.lead else "")
        + _list(section.items)
        + (f"<p>{escape(section.after)}</p>" if section.after else "")
    )
    if tone:
        return f'<div class="lowback-panel lowback-panel--{tone}">{body}</div>'
    return body


def _call_links(plan: Plan) -> str:
    links = "".join(
        f'<a class="lowback-call-link" href="tel:{escape(number, quote=True)}">'
        f"Call {escape(number)}</a>"
        for number in plan.emergency_numbers
        if number.isdigit()
    )
    if not links:
        return ""
    label = escape(plan.emergency.heading, quote=True)
    return f'<div class="lowback-call" role="group" aria-label="{label}">{links}</div>'


def plan_html(plan: Plan) -> str:
    """The whole plan as one HTML fragment (with its own small stylesheet), every text escaped:
    whose plan it is and who set it, the date, the dosage, the note, the stop rules, how often
    and for how long, what to expect, how to make it harder or easier, the steps, when to get
    help with the region's numbers, and the sources."""
    whose = (
        f'<h4 class="lowback-plan-origin">{escape(plan.origin_heading)}</h4>'
        + _rows(plan.people)
        + (f"<p><strong>{escape(plan.made_on_text)}</strong></p>" if plan.made_on_text else "")
        + _rows(plan.dosage)
    )
    note = (
        f'<h4>{escape(plan.note_heading)}</h4><p class="lowback-plan-note">{escape(plan.note)}</p>'
        if plan.note
        else ""
    )
    steps = "".join(
        f"<li><strong>{escape(step.title)}.</strong> {escape(step.text)}</li>"
        for step in plan.steps
    )
    emergency = _section(plan.emergency) + _call_links(plan)
    sources = "".join(f"<li>{escape(source)}</li>" for source in plan.sources)
    return (
        f"<style>{PLAN_CSS}</style>"
        f'<section class="lowback-plan" aria-label="{escape(plan.title, quote=True)}">'
        f'<div class="lowback-panel lowback-panel--see_clinician">{whose}{note}</div>'
        f'<p class="lowback-note">{escape(plan.stop_summary)}</p>'
        + _section(plan.how_often)
        + _section(plan.expect)
        + _section(plan.progress)
        + _section(plan.easier)
        + f"<details><summary>{escape(plan.steps_heading)}</summary><ol>{steps}</ol></details>"
        + _section(plan.stop, tone="emergency")
        + f'<div class="lowback-panel lowback-panel--emergency">{emergency}</div>'
        + _section(plan.same_day, tone="urgent")
        + f'<details class="lowback-plan-sources"><summary>{escape(plan.sources_heading)}'
        f"</summary><ul>{sources}</ul></details>" + "</section>"
    )
