// A widget description's text, made safe to hand to innerHTML: it shows as the text itself.
//
// ipywidgets' views put a description through the widget manager's inline_sanitize when
// `description_allow_html` is on, and write what it returns as HTML. No view of the series sets
// that (tests/policy/test_no_html_descriptions.py), so the light front end's manager
// (manager.js) needs no HTML sanitizer: its inline_sanitize returns the description escaped,
// and a description is always text, as it is with `description_allow_html` off. The same
// characters as Python's html.escape (tests/js/test_escape_js.py checks them against it).
//
// It also stands in for the `sanitize-html` package, which ipywidgets' ManagerBase imports for
// its own inline_sanitize (replaced in manager.js); were that called, it would escape too.

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export default function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (character) => ENTITIES[character]);
}
