"""For physiotherapists: set the routine's dosage, and get the patient's link, its QR code, a
one-line summary and a printable handout.

No rule lives here. The view reads its controls into a `lowback.prescription.Prescription`
(which checks every field with the routine's own bounds): the dosage, how the leg comes down and
the last hold's cap; the plan's times a day, days a week and weeks; the patient's region (for
the emergency number) and the physiotherapist's name and contact line. It asks `routine_link`
for the link, `dosage_summary` for the words, `lowback.plan.build_plan` for the plan the patient
will see (shown by lowback.widgets.plan_view, the same words as the handout) and
`lowback.handout` for the QR code and the PDF. A value that cannot be used shows one plain
sentence naming the setting, and changes nothing else: the link, the code, the plan and the
handout keep the last valid settings until it is put right.

The web address. A QR code and a printed link need the address the patient's phone will open,
which the kernel does not always know: it is taken from `base_url` if given, else the
LOWBACK_PUBLIC_URL environment variable (a deployment sets it to its public address), else the
page's own address as the physiotherapist's browser reports it (ViewHelper.page_url), when it is
a Voila page. Never from a request header: whoever asks for a page chooses its Host, and Voila
hands a pooled kernel the previous visitor's request (issue 26). Otherwise the clinician types it
in the last box; until then the page gives the link relative to this one, which a browser opens
from the same site (in Voila the routine page is /voila/render/03_routine_timer.ipynb).

The handout is made when the clinician asks for it (lowback.widgets.handout_link: a button,
then a link to save it), for the settings then shown; changing a setting takes the link away
until it is asked for again, so a saved handout always matches the link above it.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

import ipywidgets as widgets

from lowback.handout import qr_svg_data_uri
from lowback.handout.fonts import unprintable
from lowback.pages import CLINICIANS, RENDER_ROUTE, is_page_address, link_key, public_url
from lowback.plan import build_plan
from lowback.prescription import (
    DEFAULT_PRESCRIPTION,
    MAX_DAYS_PER_WEEK,
    MAX_NAME_CHARS,
    MAX_NOTE_CHARS,
    MAX_WEEKS,
    Prescription,
    SettingError,
    check_base_url,
    dosage_summary,
)
from lowback.regions import REGIONS
from lowback.signed_link import MIN_KEY_BYTES, signed_routine_link
from lowback.widgets.failsafe import FailSafe
from lowback.widgets.handout_link import (
    DOWNLOAD_TEXT,
    MAKE_TEXT,
    HandoutMaker,
    make_handout_button,
)
from lowback.widgets.placeholder import Placeholder, ShownWhenRun
from lowback.widgets.plan_view import plan_html
from lowback.widgets.style import series_style, stacked
from lowback.widgets.view_helper import ViewHelper

__all__ = [
    "COPIED_TEXT",
    "COPY_TEXT",
    "DOWNLOAD_TEXT",
    "LABELS",
    "MAKE_TEXT",
    "SHOW_QR_TEXT",
    "PrescriptionBuilder",
    "base_url_from_environment",
    "base_url_from_page",
    "link_key_from_environment",
]

#: What each control is called on screen (its accessible name), by its name in a link.
LABELS = {
    "side": "Sore side (it goes on top)",
    "reps": "Repetitions",
    "hold": "Hold, seconds",
    "rest": "Rest, seconds",
    "lift": "Lift, seconds",
    "lower": "Lower, seconds",
    "lead": "Get ready, seconds",
    "lowering": "How the leg comes down",
    "cap": "Last hold, at most, seconds",
    "times": "Times a day, at most",
    "days": "Days a week",
    "weeks": "For how many weeks",
    "region": "Where the patient lives (for the emergency number)",
    "by": f"Your name, as the patient will see it (up to {MAX_NAME_CHARS} characters)",
    "contact": f"How the patient can reach you (up to {MAX_NAME_CHARS} characters)",
    "note": f"Note for the patient (up to {MAX_NOTE_CHARS} characters)",
    "address": "Web address of the series, for the QR code",
}
SIDE_OPTIONS = (
    ("Right (lies on the left side)", "right"),
    ("Left (lies on the right side)", "left"),
)
# ipywidgets shows a value of None as an empty box: "not set" is an empty string instead.
NOT_SET = ""
TIMES_OPTIONS = (
    ("Not set: as needed, at most 2 to 3", NOT_SET),
    ("Once", 1),
    ("Twice", 2),
    ("3 times", 3),
)
LOWERING_OPTIONS = (
    ("Gently onto the other leg (the series' choice)", "gentle"),
    ("The tip's: knee to the floor in front", "tip"),
)
DAYS_OPTIONS = (
    ("Not set: most days", NOT_SET),
    *((f"{days} day{'s' if days > 1 else ''}", days) for days in range(1, MAX_DAYS_PER_WEEK)),
    (f"{MAX_DAYS_PER_WEEK} (every day)", MAX_DAYS_PER_WEEK),
)
WEEKS_OPTIONS = (
    ("Not set: 6 to 8 weeks", NOT_SET),
    *((f"{weeks} week{'s' if weeks > 1 else ''}", weeks) for weeks in range(1, MAX_WEEKS + 1)),
)
REGION_OPTIONS = (
    ("Not set: the patient's page asks", NOT_SET),
    *(
        (
            f"{r.name} ({r.emergency_number})"
            if r.emergency_number
            else f"{r.name} (lists the common numbers)",
            r.id,
        )
        for r in REGIONS.values()
    ),
)
ADDRESS_PLACEHOLDER = f"https://clinic.example.org/{RENDER_ROUTE}/"
#: The button that copies the link to send, and what it says once it has (js/view_helper.js).
COPY_TEXT = "Copy the link"
COPIED_TEXT = "Copied"
#: The name of the button that shows the QR code at the width of the screen (the page's figure
#: viewer makes it, lowback/site/templates/voila_page/static/figure-viewer.js).
SHOW_QR_TEXT = "Show the QR code full size"
# Where the handout's text comes from, for a message about characters it cannot print.
_PRINTED = (("note", "the note"), ("by", "your name"), ("contact", "the contact line"))
_SECONDS = {"hold": "hold_s", "rest": "rest_s", "lift": "lift_s", "lower": "lower_s"}
_SECONDS["lead"] = "lead_in_s"
_SECONDS["cap"] = "final_hold_max_s"
# Settings chosen from a list, each with its options and its field; NOT_SET is None.
_CHOICES = {
    "lowering": (LOWERING_OPTIONS, "lowering"),
    "times": (TIMES_OPTIONS, "times_per_day"),
    "days": (DAYS_OPTIONS, "days_per_week"),
    "weeks": (WEEKS_OPTIONS, "weeks"),
    "region": (REGION_OPTIONS, "region"),
}
_TEXTS = {"by": "by", "contact": "contact"}
# The controls in three groups, each under its own heading.
_GROUPS = (
    (
        "The dosage",
        ("side", "reps", "hold", "rest", "lift", "lower", "lead", "lowering", "cap"),
        "",
    ),
    (
        "The plan: how often, and for how long",
        ("times", "days", "weeks"),
        "<p>Left unset, the patient is given the series' plan: when the pain comes back, at most "
        "2 to 3 times a day, on most days, for 6 to 8 weeks. The plan the patient sees also says "
        "how to make the routine harder (more lifts up to about 15, then a light ankle weight "
        "or band) or easier (a bent knee, a smaller lift, the clam), and to see a "
        "physiotherapist if there is no change after 4 to 6 weeks.</p>",
    ),
    (
        "For the patient's page and sheet",
        ("region", "by", "contact"),
        "<p>The region picks the emergency number and service the patient is told to call; "
        "unset, the patient's page asks, and the sheet lists the common numbers. Your name and "
        "contact line print as plain text on the handout, and go in the link: write no detail "
        "that identifies the patient.</p>",
    ),
)

PRESCRIPTION_CSS = """
.lowback-prescription .lowback-rx-grid { display: grid;
  grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.25rem 1rem; }
.lowback-prescription .lowback-rx-grid .lowback-stacked { width: auto; }
.lowback-prescription .lowback-stacked select,
.lowback-prescription .lowback-stacked input,
.lowback-prescription .lowback-stacked textarea { width: 100%; max-width: 100%;
  min-height: 44px; font-size: 1rem; box-sizing: border-box; }
.lowback-prescription .lowback-stacked textarea { min-height: 5.5rem; line-height: 1.4;
  font-family: inherit; }
.lowback-prescription .widget-box { overflow: visible; }
.lowback-prescription .lowback-rx-link code { font-size: 0.95rem; overflow-wrap: anywhere;
  word-break: break-all; }
.lowback-prescription .lowback-rx-qr img { width: 14rem; max-width: 100%; height: auto;
  display: block; margin: 0.5rem 0; }
.lowback-prescription .lowback-rx-copy { display: flex; flex-wrap: wrap; align-items: center;
  gap: 0.5rem 1rem; }
.lowback-prescription button.lowback-copy { min-height: 44px; padding: 0.25rem 1.1rem;
  font: inherit; font-size: 1rem; font-weight: 600; color: #005a8c; background: #ffffff;
  border: 2px solid #0072B2; border-radius: 0.4rem; cursor: pointer; }
.lowback-prescription button.lowback-copy:hover { background: #e6f1f8; }
.lowback-prescription button.lowback-copy:focus-visible { outline: 3px solid #1a1a1a;
  outline-offset: 2px; }
/* The QR code shown full size by the figure viewer, which gives its picture only the alt text:
   as wide as the screen, and all of it in view on a wide one, for a phone to read it whole. */
.lowback-zoom-view img[alt^="QR code:"] {
  width: min(100%, 100vh - 9rem); width: min(100%, 100dvh - 9rem); max-width: 100%; }
@media print { .lowback-prescription .lowback-rx-copy { display: none; } }
.lowback-prescription a.lowback-download { display: inline-flex; align-items: center;
  min-height: 48px; padding: 0.25rem 1.1rem; border-radius: 0.4rem; background: #0072B2;
  color: #ffffff; font-size: 1.1rem; font-weight: 700; text-decoration: none; }
.lowback-prescription details.lowback-rx-plan-details { margin: 0; padding: 0; }
.lowback-prescription details.lowback-rx-plan-details > summary { min-height: 44px;
  padding: 0.5rem 0; box-sizing: border-box; cursor: pointer; font-weight: 600; }
.lowback-prescription a.lowback-download:focus-visible { outline: 3px solid #1a1a1a;
  outline-offset: 2px; }
"""


def base_url_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The address the series is served at, if the deployment says so (LOWBACK_PUBLIC_URL).
    Nothing a request carries is read: Voila's request URL comes from a header anyone can forge."""
    public = public_url(environ)
    if public:
        try:
            return check_base_url(public)
        except SettingError:
            return None
    return None


#: What the builder says about the links it makes, with and without a key.
SIGNED_TEXT = (
    "<p>Links from this page are signed: the patient's page and handout say the plan is from "
    "their physiotherapist, until they change a setting.</p>"
)
UNSIGNED_TEXT = (
    "<p>This server has no link key, so its links are not signed: the patient's page says "
    '"The plan in the link you opened", not "From your physiotherapist". A clinic that puts '
    "this page behind its own login can set LOWBACK_LINK_KEY to sign them.</p>"
)


def link_key_from_environment(environ: Mapping[str, str] | None = None) -> bytes | None:
    """The deployment's key for signing links (LOWBACK_LINK_KEY), or None: unset, or too short
    to be a key (lowback.signed_link.MIN_KEY_BYTES)."""
    key = link_key(environ)
    return key if len(key) >= MIN_KEY_BYTES else None


def base_url_from_page(page_url: str) -> str | None:
    """The folder of the series' pages, from the page's own address as the reader's browser
    reports it; only a Voila page (/voila/render/): in JupyterLab the address would open the
    notebook, not the page. None for anything else, however it was forged."""
    if not is_page_address(page_url):
        return None
    try:
        page = check_base_url(page_url)
    except SettingError:
        return None
    return page.rpartition("/")[0] + "/"  # the folder of the pages, not this page


def unprintable_html(p: Prescription) -> str:
    """Says, in words, which characters of the note, name or contact line the handout cannot
    print (lowback.handout.fonts: left out of the PDF, which is still made); "" if none."""
    found = {where: unprintable(getattr(p, attribute)) for attribute, where in _PRINTED}
    lacking = {where: characters for where, characters in found.items() if characters}
    if not lacking:
        return ""
    characters = "".join(dict.fromkeys("".join(lacking.values())))
    shown = " ".join(characters)
    *some, last = lacking
    places = f"{', '.join(some)} and {last}" if some else last
    them = "it" if len(characters) == 1 else "them"
    return (
        f'<p class="lowback-note" role="status">The handout cannot print {escape(shown)} '
        f"(in {escape(places)}): its typeface lacks {them}, so the PDF leaves {them} out. The "
        f"link and the patient's page show {them} as typed.</p>"
    )


def _number_box(kind, value, label: str) -> widgets.Widget:
    box = stacked(kind(value=value, description=label))
    box.layout.width = "auto"
    return box


class PrescriptionBuilder(ShownWhenRun, widgets.VBox):
    """Set a patient's dosage; see their link, its QR code, a summary; download the handout."""

    def __init__(
        self,
        prescription: Prescription = DEFAULT_PRESCRIPTION,
        *,
        base_url: str | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.prescription = prescription
        self.base_url = check_base_url(base_url) if base_url else base_url_from_environment(environ)
        self.link_key = link_key_from_environment(environ)
        p = prescription
        self.controls: dict[str, widgets.Widget] = {
            "side": stacked(
                widgets.Dropdown(options=SIDE_OPTIONS, value=p.side, description=LABELS["side"])
            ),
            "reps": _number_box(widgets.IntText, p.reps, LABELS["reps"]),
            **{
                name: _number_box(widgets.FloatText, getattr(p, attribute), LABELS[name])
                for name, attribute in _SECONDS.items()
            },
            **{
                name: stacked(
                    widgets.Dropdown(
                        options=options,
                        value=NOT_SET if getattr(p, attribute) is None else getattr(p, attribute),
                        description=LABELS[name],
                    )
                )
                for name, (options, attribute) in _CHOICES.items()
            },
            **{
                name: stacked(
                    widgets.Text(
                        value=getattr(p, attribute),
                        description=LABELS[name],
                        continuous_update=False,
                    )
                )
                for name, attribute in _TEXTS.items()
            },
        }
        for control in self.controls.values():
            control.layout.width = "auto"
        self.note = stacked(
            widgets.Textarea(
                value=p.note,
                description=LABELS["note"],
                placeholder="For example: after your walk, and gently at first",
                rows=3,
                continuous_update=False,
            )
        )
        self.address = stacked(
            widgets.Text(
                value=self.base_url or "",
                description=LABELS["address"],
                placeholder=ADDRESS_PLACEHOLDER,
                continuous_update=False,
            )
        )
        for box in (self.note, self.address):
            box.layout.width = "auto"  # 100% plus ipywidgets' margins would overflow a phone
        self.message = widgets.HTML("")
        self.summary = widgets.HTML("")
        self.link = widgets.HTML("")
        self.link.add_class("lowback-rx-link")
        self.qr = widgets.HTML("")
        self.qr.add_class("lowback-rx-qr")
        self.plan = widgets.HTML("")
        self.plan.add_class("lowback-rx-plan")
        self.handout_button = make_handout_button()
        self.unprintable = widgets.HTML("")
        self.download = widgets.HTML("")
        self.handouts = HandoutMaker(self.download)

        # Asked for only when the deployment does not say: the browser's own address.
        self.helper = ViewHelper(wants_page_url=self.base_url is None)
        self.failsafe = FailSafe("prescription builder")
        self.helper.observe(self.failsafe(self._on_page_url), names="page_url")
        for control in (*self.controls.values(), self.note, self.address):
            control.observe(self.failsafe(self._on_change), names="value")
        self.handout_button.on_click(self.failsafe(self._on_make_handout))
        groups: list[widgets.Widget] = []
        for heading, names, words in _GROUPS:
            grid = widgets.Box([self.controls[name] for name in names])
            grid.add_class("lowback-rx-grid")
            groups += [widgets.HTML(f"<h3>{escape(heading)}</h3>{words}"), grid]
        super().__init__(
            [
                series_style(),
                widgets.HTML(f"<style>{PRESCRIPTION_CSS}</style>"),
                self.helper,
                self.failsafe.notice,
                *groups,
                self.note,
                self.address,
                self.message,
                widgets.HTML("<h3>The patient's link</h3>"),
                widgets.HTML(SIGNED_TEXT if self.link_key else UNSIGNED_TEXT),
                self.summary,
                self.link,
                self.qr,
                widgets.HTML("<h3>The plan your patient will see</h3>"),
                self.plan,
                widgets.HTML("<h3>The handout</h3>"),
                widgets.HTML(
                    "<p>A printable A4 sheet, one or two pages, dated today: the steps with "
                    "their pictures, this plan and note, your name and contact line, when to "
                    "stop and when to get help, and the link with its QR code.</p>"
                ),
                self.unprintable,
                self.handout_button,
                self.download,
            ]
        )
        self.add_class("lowback-view")
        self.add_class("lowback-prescription")
        self._on_change()

    def _on_page_url(self, change: dict) -> None:
        """The browser said where this page is: fill the address box, unless it says already."""
        if str(self.address.value).strip():
            return
        found = base_url_from_page(change["new"])
        if found is not None:
            self.address.value = found  # _on_change makes the full link, QR code and handout

    def placeholder(self) -> Placeholder:
        return Placeholder(
            "Prescription builder",
            "use it",
            CLINICIANS,
            "It makes a patient's link, QR code and printable handout with your dosage.",
        )

    # -- reading the controls ------------------------------------------------------------------

    def read(self) -> tuple[Prescription, str | None]:
        """The prescription and base address the controls hold; SettingError if one cannot be
        used, naming it as the link does ("reps") or "address"."""
        values = {name: control.value for name, control in self.controls.items()}
        # A line break typed in the note box is a space: a note is one line of plain text.
        note = " ".join(str(self.note.value).splitlines())
        prescription = Prescription(
            side=values["side"],
            reps=values["reps"],
            note=note,
            **{attribute: values[name] for name, attribute in _SECONDS.items()},
            **{
                attribute: None if values[name] == NOT_SET else values[name]
                for name, (_options, attribute) in _CHOICES.items()
            },
            **{attribute: str(values[name]).strip() for name, attribute in _TEXTS.items()},
        )
        address = str(self.address.value).strip()
        return prescription, check_base_url(address) if address else None

    def _on_change(self, _change: dict | None = None) -> None:
        try:
            prescription, base_url = self.read()
            shown = self._render(prescription, base_url)
        except SettingError as error:
            label = LABELS.get(error.name, error.name)
            self.message.value = (
                f'<p class="lowback-note" role="alert">{escape(label)}: '
                f"{escape(error.problem)}. The link, QR code and handout below keep the last "
                "valid settings until this is put right.</p>"
            )
            return
        self.message.value = ""
        if (prescription, base_url) != (self.prescription, self.base_url):
            self.handouts.cancel()
            self.download.value = ""  # the handout made was for other settings
        self.prescription, self.base_url = prescription, base_url
        self._show(shown)

    # -- what it shows -------------------------------------------------------------------------

    @property
    def relative_link(self) -> str:
        return signed_routine_link(self.prescription, None, self.link_key)

    @property
    def absolute_link(self) -> str | None:
        if self.base_url is None:
            return None
        return signed_routine_link(self.prescription, self.base_url, self.link_key)

    @property
    def origin(self) -> str:
        """Whose settings the patient's page and handout will say these are."""
        return "physio" if self.link_key else "link"

    def _render(self, p: Prescription, base_url: str | None) -> tuple[str, str, str, str, str]:
        """The summary, link, QR code, plan and what the handout cannot print for `p`, as HTML;
        SettingError if the link cannot be made (too long for a QR code, say). Nothing is shown
        yet."""
        summary = dosage_summary(p)
        relative = signed_routine_link(p, None, self.link_key)
        absolute = None if base_url is None else signed_routine_link(p, base_url, self.link_key)
        summary_html = f'<p role="status"><strong>Dosage:</strong> {escape(summary)}.</p>'
        link_html = (
            f'<p><a href="{escape(relative)}" target="_blank" rel="noopener">Open the routine '
            "with these settings</a> (a new tab).</p>"
        )
        if absolute is not None:
            # The view helper (js/view_helper.js) copies it, or selects the text where the
            # browser allows no copying; the status beside the button says which.
            link_html += (
                '<div class="lowback-rx-send" data-lowback-copy-box>'
                f"<p><strong>Link to send:</strong> <code>{escape(absolute)}</code></p>"
                '<p class="lowback-rx-copy"><button type="button" class="lowback-copy" '
                f'data-lowback-copy="{escape(absolute)}">{COPY_TEXT}</button>'
                '<span role="status"></span></p></div>'
            )
            alt = f"QR code: opens the routine on a phone with these settings ({summary})"
            qr_html = (
                f'<img src="{qr_svg_data_uri(absolute)}" alt="{escape(alt)}" '
                f'data-lowback-zoom-name="{SHOW_QR_TEXT}">'
            )
        else:
            link_html += (
                f"<p><strong>Link from this site:</strong> <code>{escape(relative)}</code>. "
                "Type the web address of the series above for the full link and its QR code.</p>"
            )
            qr_html = ""
        plan = build_plan(p, origin=self.origin, link=absolute)
        plan_shown = (
            '<details class="lowback-rx-plan-details"><summary>Show the plan: the words the '
            "routine page and the handout give your patient</summary>"
            f"{plan_html(plan)}</details>"
        )
        return summary_html, link_html, qr_html, plan_shown, unprintable_html(p)

    def _show(self, shown: tuple[str, str, str, str, str]) -> None:
        (
            self.summary.value,
            self.link.value,
            self.qr.value,
            self.plan.value,
            self.unprintable.value,
        ) = shown

    def _on_make_handout(self, _button: widgets.Button | None = None) -> None:
        """The handout for the settings shown, as a link to save it."""
        p = self.prescription
        file_name = f"lowback-routine-{p.side}-{p.reps}.pdf"
        self.handouts.request(p, self.absolute_link, file_name, self.origin)
