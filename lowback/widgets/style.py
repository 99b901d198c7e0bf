"""The series' look for widgets, shared by every view so they read as one product.

ipywidgets draws a description as a fixed-width, single-line label; our questions are sentences,
so the views put each label above its control and let it wrap. Colours are Okabe-Ito, and
every colour also has words next to it: nothing is said by colour alone.
"""

from __future__ import annotations

import ipywidgets as widgets

OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "black": "#000000",
}

SERIES_CSS = """
/* The theme tells links from text by colour alone (axe: link-in-text-block); underline them. */
.jp-RenderedHTMLCommon a[href], .lowback-view a[href] { text-decoration: underline; }
.lowback-view a[href] { color: #0550ae; }
.lowback-view a.lowback-next-step { font-size: 1.15rem; font-weight: 700; }
.lowback-view { max-width: 48rem; font-size: 1rem; line-height: 1.5; }
.lowback-view .widget-html-content { line-height: 1.5; }
.lowback-view .widget-label {
  white-space: normal; width: auto; max-width: 100%; overflow: visible;
  line-height: 1.4; height: auto; color: #1a1a1a; text-align: left;
}
.lowback-view .lowback-stacked {
  flex-direction: column; align-items: flex-start; height: auto; margin-top: 0.75rem;
}
.lowback-view .lowback-stacked .widget-label { margin-bottom: 0.35rem; font-weight: 600; }
.lowback-view .lowback-stacked select,
.lowback-view .lowback-stacked input[type="text"],
.lowback-view .lowback-stacked input[type="number"] {
  flex: 0 0 auto; width: 20rem; max-width: 100%; font-size: 1rem; height: auto;
  min-height: 44px; box-sizing: border-box;
}
/* Every control a thumb can hit, its whole label visible (no "See ..." or "Start ..."). */
.lowback-view .jupyter-button { min-height: 44px; height: auto; white-space: normal;
  overflow: visible; text-overflow: clip; }
.lowback-view .widget-radio-box label { min-height: 44px; }
.lowback-view .widget-checkbox { height: auto; min-height: 44px; overflow: visible; }
.lowback-view .widget-checkbox label.widget-label-basic { display: flex; align-items: center;
  gap: 0.6rem; min-height: 44px; height: auto; white-space: normal; font-size: 1rem;
  cursor: pointer; }
.lowback-view .widget-checkbox input[type="checkbox"] { width: 1.35rem; height: 1.35rem;
  flex: 0 0 auto; margin: 0; }
.lowback-view .widget-radio-box { margin-bottom: 0; }
.lowback-view .widget-radio-box label {
  height: auto; line-height: 1.4; font-size: 1rem; margin: 0.3rem 0; white-space: normal;
  display: flex; flex-direction: row-reverse; justify-content: flex-end; align-items: flex-start;
}
.lowback-view .widget-radio-box input { height: 1.2rem; margin: 0.1rem 0.6rem 0 0; float: none; }
.lowback-view .jupyter-button { font-size: 1rem; padding: 0.4rem 1rem; font-family: inherit; }
/* One focus ring for every control, link and box, the buttons' own: 3 px of Okabe-Ito blue
   (5.2:1 on white), 2 px clear of the control (WCAG 2.4.7). Kept to the lowest specificity, so a
   view's own ring (the player's, the emergency links') still wins. ipywidgets takes the outline
   off its selects and text boxes with !important and leaves a 1 px light-blue border (2:1), and
   gives its buttons a 1 px ring of that blue on :focus, so those take the ring with !important. */
.lowback-view :where(button, select, input, textarea, summary, a[href]):focus-visible,
body[data-voila] :where(.jp-RenderedHTMLCommon) a[href]:focus-visible {
  outline: 3px solid #0072B2; outline-offset: 2px; }
.lowback-view .jupyter-button:focus-visible,
.lowback-view .jupyter-widgets > :is(select, input, textarea):focus-visible {
  outline: 3px solid #0072B2 !important; outline-offset: 2px; }
/* Room for the ring on a narrow or zoomed screen: ipywidgets' boxes clip what runs past them
   (overflow: auto), and a full-width control's ring lies 5 px outside it. A view of ipywidgets
   keeps 5 px inside its edge and its boxes let the ring show (the player, which draws its own
   controls, keeps its width); a control scrolled into view brings its ring with it. */
.lowback-view.widget-box:not(:has(.lowback-player)) { padding: 5px; }
.lowback-view.widget-box:not(:has(.lowback-player)) .widget-box { overflow: visible; }
.lowback-view :where(button, select, input, textarea, summary, a[href]) { scroll-margin: 8px; }
/* Checklists: one tap per line, the whole sentence visible and tappable. */
.lowback-view .lowback-checklist {
  border: 1px solid #c8c8c8; border-radius: 0.4rem; padding: 0.25rem 0.75rem; margin: 0.5rem 0;
}
.lowback-view .lowback-prompt { font-weight: 600; margin: 0.5rem 0 0.25rem 0; }
.lowback-view .lowback-check { height: auto; min-height: 44px; margin: 0; overflow: visible; }
.lowback-view .lowback-check label.widget-label-basic {
  display: flex; align-items: flex-start; gap: 0.65rem; width: 100%; height: auto;
  min-height: 44px; padding: 0.55rem 0; box-sizing: border-box; white-space: normal;
  line-height: 1.4; font-size: 1rem; cursor: pointer; overflow: visible;
}
.lowback-view .lowback-check label.widget-label-basic span {
  white-space: normal; overflow: visible; text-overflow: clip;
}
.lowback-view .lowback-check input[type="checkbox"] {
  width: 1.35rem; height: 1.35rem; flex: 0 0 auto; margin: 0.05rem 0 0 0;
}
.lowback-view .lowback-check input[type="checkbox"]:focus-visible {
  outline: 3px solid #0072B2; outline-offset: 2px;
}
.lowback-view .lowback-none { border-top: 1px solid #ddd; margin-top: 0.25rem; }
.lowback-view .lowback-none label.widget-label-basic { font-weight: 600; }
.lowback-safety-net { border-top: 1px solid #bbb; padding-top: 0.5rem; }
/* The quiz's buttons wrap on a narrow screen; what the browser keeps is said beside them. */
.lowback-view .lowback-quiz-buttons { flex-wrap: wrap; gap: 0.5rem; margin-top: 1rem; }
.lowback-view .lowback-quiz-buttons .jupyter-button { margin: 0; }
.lowback-view .lowback-kept { margin: 0.5rem 0 0; }
.lowback-view .lowback-kept-note { font-weight: 600; margin: 0.25rem 0 0; }
.lowback-note { color: #8a3a00; font-weight: 600; }
.lowback-panel {
  border-left: 0.5rem solid #555; background: #f4f4f4; padding: 0.75rem 1rem;
  margin: 0.75rem 0; color: #1a1a1a;
}
.lowback-panel h3, .lowback-panel h4 { margin-top: 0.2rem; }
.lowback-panel--emergency { border-color: #D55E00; background: #fbe9df; }
/* The emergency result cannot be mistaken for any other: large, dark, white text. */
.lowback-alarm .lowback-panel--emergency, .lowback-result .lowback-panel--emergency {
  background: #8a2b00; border-color: #000000; color: #ffffff; font-size: 1.15rem; }
.lowback-alarm .lowback-panel--emergency h3, .lowback-result .lowback-panel--emergency h3 {
  font-size: 1.6rem; color: #ffffff; }
.lowback-panel--emergency .lowback-call { display: flex; flex-wrap: wrap; gap: 0.5rem;
  margin: 0.75rem 0 0.25rem; }
.lowback-view .lowback-panel--emergency a.lowback-call-link { display: inline-flex;
  align-items: center; min-height: 48px; padding: 0.25rem 1rem; border-radius: 0.4rem;
  background: #ffffff; color: #8a2b00; font-weight: 700; font-size: 1.15rem;
  text-decoration: none; border: 2px solid #ffffff; }
.lowback-view .lowback-panel--emergency a.lowback-call-link:focus-visible,
.lowback-alarm .lowback-panel--emergency :where(a[href], button):focus-visible,
.lowback-result .lowback-panel--emergency :where(a[href], button):focus-visible {
  outline: 3px solid #F0E442; outline-offset: 2px; }
.lowback-result:focus, .lowback-alarm:focus { outline: none; }
/* A view whose kernel is gone says so in words (lowback.widgets.view_helper): ipywidgets' own
   broken-chain icon on every control would only push the view about. */
.lowback-view.jupyter-widgets-disconnected::before,
.lowback-view .jupyter-widgets-disconnected::before { content: none; display: none; }
.lowback-panel--urgent { border-color: #E69F00; background: #fdf3dc; }
.lowback-panel--see_clinician { border-color: #0072B2; background: #e3eff8; }
.lowback-panel--routine_may_help { border-color: #009E73; background: #e0f3ed; }
.lowback-panel--not_a_match { border-color: #555555; background: #f0f0f0; }
.lowback-panel--incomplete { border-color: #CC79A7; background: #f8ecf3; }
.lowback-panel--correct { border-color: #009E73; background: #e0f3ed; }
.lowback-panel--try_again { border-color: #E69F00; background: #fdf3dc; }

/* Pages first for a 390 px phone. Voila's lab template keeps wide margins around the page
   (show_margins) and small type: on a narrow screen the words get the whole width, text is
   at least 16 px, and nothing runs off the right edge. Scoped to Voila's page, so JupyterLab's
   own layout is left alone. */
body[data-voila] .jp-RenderedHTMLCommon { font-size: 1rem; line-height: 1.55; }
body[data-voila] .jp-RenderedHTMLCommon img { max-width: 100%; height: auto; }
body[data-voila] .jupyter-widgets { --jp-widgets-font-size: 16px; }
/* Tables, the Contents list and the navigation lines (as the series' page template says). */
body[data-voila] .jp-RenderedHTMLCommon :is(table, th, td) { font-size: 1rem; line-height: 1.45; }
body[data-voila] .jp-RenderedHTMLCommon :is(th, td) { padding: 0.6rem 0.75rem; }
body[data-voila] :is(.celltag_nav-top, .celltag_nav-bottom) p { display: flex; flex-wrap: wrap;
  align-items: center; column-gap: 0.5rem; }
body[data-voila] :is(.celltag_nav-top, .celltag_nav-bottom) a[href]:not([hidden]) { display: flex;
  align-items: center; min-height: 44px; }
body[data-voila] .celltag_contents a[href],
body[data-voila] .jp-RenderedHTMLCommon td a[href] { padding: 0.8rem 0; }
@media (max-width: 760px) {
  body[data-voila] #rendered_cells { padding: 0 !important; }
  body[data-voila] #rendered_cells > div { padding: 0.75rem 0.85rem 3rem !important;
    border-radius: 0; box-shadow: none; }
  body[data-voila] .jp-Cell { padding: 0 !important; }
  body[data-voila] .jp-RenderedHTMLCommon { padding-left: 0 !important;
    padding-right: 0 !important; overflow-wrap: break-word; }
  body[data-voila] .jp-OutputArea-output { margin-left: 0 !important; }
  body[data-voila] .jp-RenderedHTMLCommon table { display: block; overflow-x: auto; }
  body[data-voila] .jp-RenderedHTMLCommon pre { white-space: pre-wrap; }
  body[data-voila] .jp-RenderedHTMLCommon blockquote { margin: 1rem 0; padding: 0.5rem 0.6rem; }
  .lowback-view .lowback-stacked select,
  .lowback-view .lowback-stacked input[type="text"],
  .lowback-view .lowback-stacked input[type="number"] { width: 100%; }
  /* A panel's words keep a phone's full line (the view's own margin for focus rings and the
     panel's border already take some of it). */
  .lowback-panel { padding: 0.6rem 0.6rem; border-left-width: 0.375rem; }
}
/* Printing a page from the browser gives its whole text and figures, without the controls:
   Voila's page scrolls inside a box the height of the screen, which would print one screen. */
@media print {
  html, body, body[data-voila] .jp-LabShell, body[data-voila] .lm-Panel,
  body[data-voila] .lm-BoxPanel-child, body[data-voila] #rendered_cells {
    position: static !important; height: auto !important; min-height: 0 !important;
    overflow: visible !important; width: auto !important; contain: none !important; }
  body[data-voila] #rendered_cells > div { box-shadow: none !important; padding: 0 !important; }
  .lowback-view button, .lowback-view select, .lowback-view input,
  .lowback-view .widget-checkbox, .lowback-view .widget-radio-box,
  .lowback-player .lowback-buttons, .lowback-player .lowback-mute,
  .lowback-player .lowback-field, .lowback-history-actions, .lowback-lost,
  .lowback-view .jupyter-widgets.widget-dropdown, .lowback-view .widget-text,
  .lowback-view .lowback-call { display: none !important; }
  figure, img, svg, .lowback-panel { break-inside: avoid; }
}
"""


def series_style() -> widgets.HTML:
    """A widget carrying the series' CSS; each view puts one first among its children."""
    return widgets.HTML(f"<style>{SERIES_CSS}</style>")


def stacked(control: widgets.Widget) -> widgets.Widget:
    """Show a control's description above it, wrapping, at the full width of the view."""
    control.add_class("lowback-stacked")
    control.layout.width = "100%"
    control.style.description_width = "initial"
    return control
