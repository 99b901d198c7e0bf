"""Every view's helper: it says so when the kernel is gone, in words that agree with the Voila
page's own notice, and hands links to other notebooks to JupyterLab (lowback.widgets.view_helper).

The browser module runs under Node against a small stand-in for the page, the widget manager
and its kernel; the real thing is driven in JupyterLab by tests/browser/test_jupyterlab.py.
"""

from __future__ import annotations

import json
import re
import subprocess

import ipywidgets as widgets
import pytest

from lowback.pages import PAGE_LOST
from lowback.paths import REPO_ROOT
from lowback.site.page_scripts import words
from lowback.widgets import (
    AnatomyExplorer,
    KnowledgeCheck,
    PrescriptionBuilder,
    PsisQuestion,
    RoutineTimer,
    ScreeningQuiz,
)
from lowback.widgets.view_helper import KERNEL_GONE, ViewHelper, view_helper_esm
from tests.support.node_runner import node

VOILA_PAGE = REPO_ROOT / "lowback" / "site" / "templates" / "voila_page" / "index.html.j2"
LOST_SCRIPT = VOILA_PAGE.parent / "static" / "lost-connection.js"
VIEWS = (
    AnatomyExplorer,
    KnowledgeCheck,
    PrescriptionBuilder,
    PsisQuestion,
    RoutineTimer,
    ScreeningQuiz,
)

# A stand-in for what the helper touches: the document, the window, the view around it, the
# widget manager with its kernel (a Lumino-like signal), JupyterLab's URL resolver and link
# handler. Each scenario renders a helper and reports what the reader would see.
HARNESS = r"""
import helper from "./view_helper.mjs";

function signal() {
  const slots = new Set();
  return { connect: (f) => slots.add(f), disconnect: (f) => slots.delete(f),
           emit: (sender, v) => [...slots].forEach((f) => f(sender, v)), size: () => slots.size };
}
function node(tag) {
  const set = new Set();
  return {
    tag, className: "", attrs: {}, hidden: false, textContent: "", children: [], dataset: {},
    listeners: {}, scrolled: 0, top: 10,
    setAttribute(k, v) { this.attrs[k] = String(v); },
    getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; },
    append(c) { this.children.push(c); },
    classList: { add: (c) => set.add(c), contains: (c) => set.has(c) },
    getBoundingClientRect() { return { top: this.top, bottom: this.top + 40 }; },
    scrollIntoView() { this.scrolled += 1; },
    addEventListener(t, f) { (this.listeners[t] ||= []).push(f); },
    removeEventListener(t, f) {
      this.listeners[t] = (this.listeners[t] || []).filter((g) => g !== f);
    },
    fire(t) { (this.listeners[t] || []).forEach((f) => f({ type: t })); },
  };
}
function anchor(href) { const a = node("a"); a.attrs.href = href; return a; }

async function scenario({ voila = false, manager = true, links = [] }) {
  const windowListeners = {};
  globalThis.window = {
    innerHeight: 800,
    addEventListener: (t, f) => { (windowListeners[t] ||= []).push(f); },
    removeEventListener: (t, f) => {
      windowListeners[t] = (windowListeners[t] || []).filter((g) => g !== f);
    },
    setTimeout: () => 0, clearTimeout: () => {},
  };
  globalThis.document = {
    createElement: node,
    body: { hasAttribute: (name) => voila && name === "data-voila" },
  };
  const observed = [];
  globalThis.MutationObserver = class {
    constructor(f) { this.f = f; }
    observe(target) { observed.push(this); }
    disconnect() {}
  };
  const anchors = links.map(anchor);
  const view = node("div");
  view.querySelectorAll = () => anchors;
  const el = node("div");
  el.isConnected = true;
  el.closest = (selector) => (selector === ".lowback-view" ? view : null);
  const handlers = {};
  const kernel = { status: "idle", statusChanged: signal() };
  const handled = [];
  const model = {
    get: (k) => ({ words: { lab: "LAB WORDS", voila: "VOILA WORDS" } })[k],
    on: (name, f) => { handlers[name] = f; },
    widget_manager: manager ? {
      kernel,
      rendermime: {
        resolver: { resolveUrl: async (href) => `notebooks/${href}` },
        linkHandler: { handleLink: (a, path, id) => handled.push([a.attrs.href, path, id]) },
      },
    } : undefined,
  };
  const cleanup = helper.render({ model, el });
  const notice = el.children[0];
  await new Promise((resolve) => setTimeout(resolve, 0));
  const seen = () => ({
    hidden: notice.hidden, text: notice.textContent, role: notice.attrs.role ?? null,
  });
  return { el, view, notice, kernel, handlers, handled, cleanup, seen, anchors, windowListeners };
}

const out = {};
{
  const s = await scenario({});
  out.at_first = s.seen();
  for (const status of ["busy", "idle", "starting", "unknown"]) {
    s.kernel.statusChanged.emit(s.kernel, status);
  }
  out.while_it_works = s.seen();
  s.handlers.comm_live_update();
  out.after_ipywidgets_disconnects = s.seen();
}
for (const status of ["dead", "autorestarting", "restarting"]) {
  const s = await scenario({});
  s.kernel.statusChanged.emit(s.kernel, status);
  out[`lab_${status}`] = s.seen();
}
{
  const s = await scenario({ voila: true });
  s.kernel.statusChanged.emit(s.kernel, "dead");
  out.voila_dead = s.seen();
}
{
  const s = await scenario({ manager: false });
  s.handlers.comm_live_update();
  out.no_manager = s.seen();
}
{
  const s = await scenario({});
  s.view.fire("click");
  out.click_while_alive_scrolls = s.notice.scrolled;
  s.handlers.comm_live_update();
  s.notice.top = -500;  // the reader scrolled down the view
  s.view.fire("click");
  s.view.fire("change");
  out.clicks_when_gone_scroll = s.notice.scrolled;
}
{
  const s = await scenario({});
  s.cleanup();
  out.slots_after_cleanup = s.kernel.statusChanged.size();
  s.kernel.statusChanged.emit(s.kernel, "dead");
  out.after_cleanup = s.seen();
}
{
  const s = await scenario({});
  (s.windowListeners.pagehide || []).forEach((f) => f());
  s.kernel.statusChanged.emit(s.kernel, "dead");
  out.leaving_the_page = s.seen();
}
const links = ["03_routine_timer.ipynb", "03_routine_timer.ipynb?side=left",
               "https://example.org/a.ipynb", "../secret.ipynb", "data:text/plain,x", "#top"];
{
  const s = await scenario({ links });
  out.lab_links = s.handled;
  out.lab_marks = s.anchors.map((a) => a.dataset.lowbackLab || null);
}
{
  const s = await scenario({ links, voila: true });
  out.voila_links = s.handled;
}
console.log(JSON.stringify(out));
"""


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("view-helper")
    (folder / "view_helper.mjs").write_text(view_helper_esm(), encoding="utf-8")
    (folder / "run.mjs").write_text(HARNESS, encoding="utf-8")
    done = subprocess.run(
        [node(), str(folder / "run.mjs")], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_nothing_shows_while_the_kernel_answers(seen):
    assert seen["at_first"]["hidden"] is True and seen["at_first"]["text"] == ""
    assert seen["while_it_works"]["hidden"] is True


def test_a_kernel_restart_in_jupyterlab_makes_the_view_say_so_in_words(seen):
    # ipywidgets marks every model disconnected when the kernel restarts.
    assert seen["after_ipywidgets_disconnects"] == {
        "hidden": False,
        "text": "LAB WORDS",
        "role": "alert",
    }
    assert seen["no_manager"]["hidden"] is False


@pytest.mark.parametrize("status", ["dead", "autorestarting", "restarting"])
def test_a_kernel_that_died_was_shut_down_or_restarts_makes_the_view_say_so(seen, status):
    assert seen[f"lab_{status}"]["hidden"] is False
    assert seen[f"lab_{status}"]["text"] == "LAB WORDS"


def test_on_the_voila_page_the_view_says_what_the_page_notice_says(seen):
    # Shown in place, but not announced again: the page's own notice is the alert.
    assert seen["voila_dead"] == {"hidden": False, "text": "VOILA WORDS", "role": None}


def test_once_gone_a_click_in_the_view_brings_the_words_into_view(seen):
    assert seen["click_while_alive_scrolls"] == 0
    assert seen["clicks_when_gone_scroll"] == 2


def test_a_view_removed_or_a_page_being_left_says_nothing(seen):
    assert seen["slots_after_cleanup"] == 0
    assert seen["after_cleanup"]["hidden"] is True
    assert seen["leaving_the_page"]["hidden"] is True


def test_in_jupyterlab_only_a_link_to_a_notebook_beside_this_one_is_handed_to_jupyterlab(seen):
    assert seen["lab_links"] == [["03_routine_timer.ipynb", "notebooks/03_routine_timer.ipynb", ""]]
    assert seen["lab_marks"] == ["yes", None, None, None, None, None]


def test_on_the_voila_page_links_stay_plain_links(seen):
    assert seen["voila_links"] == []


def test_the_helper_never_polls_or_pings_the_kernel():
    code = view_helper_esm()
    assert "setInterval" not in code and "send(" not in code
    # Its one message: the page's address, once, at render, and only for a view that asks.
    assert code.count("save_changes") == 1
    assert re.search(r'if \(model\.get\("wants_page_url"\)\) try \{\s*model\.set\("page_url"', code)
    assert not ViewHelper().wants_page_url


def test_the_kernel_states_it_watches_are_the_voila_page_notices_own():
    page = LOST_SCRIPT.read_text(encoding="utf-8")
    page_states = set(re.findall(r"(\w+): true", re.search(r"var GONE = \{([^}]*)\}", page)[1]))
    # As the bundle writes `const GONE = new Set([...])`: `var GONE = /* @__PURE__ */ new Set(...`.
    view_gone = re.search(r"\bGONE = (?:/\* @__PURE__ \*/ )?new Set\(\[([^\]]*)", view_helper_esm())
    view_states = set(re.findall(r'"(\w+)"', view_gone[1]))
    assert view_states == page_states == {"dead", "restarting", "autorestarting"}


def test_the_words_on_the_voila_page_are_the_page_notices_words():
    # The page's notice takes its words from its tag, which the template fills from the page
    # contract: no copy of the sentence is kept in the script or the template.
    page = VOILA_PAGE.read_text(encoding="utf-8")
    assert "data-message=\"{{ 'page_lost' | lowback_words | e }}\"" in page
    script = LOST_SCRIPT.read_text(encoding="utf-8")
    assert "var MESSAGE = (script && script.dataset.message)" in script
    assert "reload" not in script.split("var MESSAGE", 1)[1].split(";", 1)[0]
    assert words("page_lost") == PAGE_LOST
    assert KERNEL_GONE.startswith("This part needs its Python kernel: run the notebook again")
    assert ViewHelper().words == {"lab": KERNEL_GONE, "voila": PAGE_LOST}


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: view.__name__)
def test_every_view_has_one_helper_before_anything_it_shows(view):
    children = view().children
    helpers = [i for i, child in enumerate(children) if isinstance(child, ViewHelper)]
    assert len(helpers) == 1
    before = children[: helpers[0]]
    # Only style sheets come before it, so its words are the first thing in the view.
    assert all(isinstance(c, widgets.HTML) and c.value.startswith("<style>") for c in before)
