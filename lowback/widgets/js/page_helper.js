// The page helper (lowback.widgets.page_helper.PageHelper): what a view asks of the page that
// ipywidgets cannot do. It shows nothing itself.
//
// - {id}: focus the element of that id (a screen reader reads it out) and scroll it into view,
//   waiting for it to be drawn;
// - {keep_quiz_result}: keep the quiz's latest outcome in this browser, dated here, with the
//   reader's own calendar (quiz_record.js);
// - {forget_quiz_result: true}: remove it;
// - {keep_region}: remember where the reader is (region_memory.js); {forget_region: true}:
//   forget it. On render, the region remembered here (if any) is told to the kernel through
//   the `remembered_region` trait.
// - `hide_links_to` (a page's file name, or ""): on a Voila page (#rendered_cells), the page's
//   own links to that page are hidden, with the " | " before a navigation link, until it is ""
//   again. The quiz hides "Next: the routine" this way under a result that is not "may help".
// - A tick box tapped in one of the page's checklists stays where it was under the finger while
//   the view grows above it (an emergency panel at the top of the quiz), for a moment after.

import { forgetQuizRecord, keepQuizRecord } from "./quiz_record.js";
import { forgetRegion, keepRegion, readRegion } from "./region_memory.js";

const HIDDEN_MARK = "data-lowback-hidden-link";

// The page's own links (outside every widget) to `target`, or to nothing when it is "".
function showLinksTo(target) {
  const cells = document.getElementById("rendered_cells");
  if (cells === null) return; // not a Voila page: JupyterLab keeps every link
  for (const hidden of cells.querySelectorAll(`[${HIDDEN_MARK}]`)) {
    hidden.hidden = false;
    hidden.removeAttribute(HIDDEN_MARK);
  }
  if (typeof target !== "string" || target === "") return;
  for (const link of cells.querySelectorAll("a[href]")) {
    if (link.closest(".jupyter-widgets")) continue;
    if ((link.getAttribute("href") || "").split("#")[0] !== target) continue;
    link.hidden = true;
    link.setAttribute(HIDDEN_MARK, "");
    const before = link.previousSibling;
    if (before !== null && before.nodeType === Node.TEXT_NODE && before.textContent === " | ") {
      const separator = document.createElement("span");
      separator.textContent = " | ";
      before.replaceWith(separator);
      separator.hidden = true;
      separator.setAttribute(HIDDEN_MARK, "");
    } else if (before !== null && before.nodeType === Node.ELEMENT_NODE && before.textContent === " | ") {
      before.hidden = true;
      before.setAttribute(HIDDEN_MARK, "");
    }
  }
}

// The nearest box that scrolls the element (Voila's lab page scrolls inside #rendered_cells,
// the light page as a whole).
function scrollerOf(element) {
  for (let box = element.parentElement; box !== null; box = box.parentElement) {
    const overflow = getComputedStyle(box).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && box.scrollHeight > box.clientHeight) {
      return box;
    }
  }
  return document.scrollingElement || document.documentElement;
}

// Long enough for a slow phone's round trip to the kernel and back.
const KEEP_MS = 4000;
let keeping = null;

// Where the element sits in what `scroller` scrolls: it changes when the layout above it
// changes, never when the reader (or the page) scrolls, which is theirs to do.
function placeIn(element, scroller) {
  const top = element.getBoundingClientRect().top;
  if (scroller === document.scrollingElement || scroller === document.documentElement) {
    return top + window.scrollY;
  }
  return top - scroller.getBoundingClientRect().top + scroller.scrollTop;
}

function keepInPlace(event) {
  const box = event.target;
  if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
  if (!box.closest(".lowback-checklist")) return;
  letGo();
  const scroller = scrollerOf(box);
  let place = placeIn(box, scroller);
  let onScreen = box.getBoundingClientRect().top;
  const until = Date.now() + KEEP_MS;
  const keep = () => {
    if (keeping === null) return;
    if (Date.now() > until || !box.isConnected) {
      letGo();
      return;
    }
    // Only when the layout above it changed; by what it moved on the screen, which is nothing
    // where the browser anchors the scroll itself (Chromium, Firefox; not Safari).
    if (Math.abs(placeIn(box, scroller) - place) >= 1) {
      const moved = box.getBoundingClientRect().top - onScreen;
      if (Math.abs(moved) >= 1) scroller.scrollTop += moved;
    }
    place = placeIn(box, scroller);
    onScreen = box.getBoundingClientRect().top;
  };
  keeping = { timer: window.setInterval(keep, 16), observer: null };
  if (typeof ResizeObserver === "function") {
    keeping.observer = new ResizeObserver(keep);
    keeping.observer.observe(box.closest(".lowback-view") || document.body);
  }
}

function letGo() {
  if (keeping === null) return;
  window.clearInterval(keeping.timer);
  if (keeping.observer !== null) keeping.observer.disconnect();
  keeping = null;
}

let listening = false;

function listenOnce() {
  if (listening) return;
  listening = true;
  document.addEventListener("change", keepInPlace, { capture: true });
  // The reader going on (scrolling, or another tap) is theirs to do.
  for (const name of ["wheel", "touchmove", "keydown", "pointerdown"]) {
    window.addEventListener(name, letGo, { capture: true, passive: true });
  }
}

// An answer that reaches the kernel just after "See my result" redraws the result a moment
// later, and the focused element goes with it: the focus would fall back to the page, and a
// screen reader would lose the result. For a few seconds, a redrawn result takes it back.
const KEEP_FOCUS_MS = 5000;
function keepFocus(id) {
  const until = Date.now() + KEEP_FOCUS_MS;
  const observer = new MutationObserver(() => {
    if (Date.now() > until) {
      observer.disconnect();
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const again = document.getElementById(id);
    if (again) again.focus({ preventScroll: true });
  });
  observer.observe(document.body, { subtree: true, childList: true });
  window.setTimeout(() => observer.disconnect(), KEEP_FOCUS_MS);
}

export default {
  render({ model, el }) {
    el.hidden = true;
    listenOnce();
    const hide = () => showLinksTo(model.get("hide_links_to"));
    hide();
    model.on("change:hide_links_to", hide);
    const remembered = readRegion(model.get("region_memory"));
    if (remembered !== null && model.get("remembered_region") !== remembered) {
      model.set("remembered_region", remembered);
      model.save_changes();
    }
    model.on("msg:custom", (msg) => {
      if (!msg || typeof msg !== "object") return;
      const settings = model.get("quiz_record");
      if (typeof msg.keep_quiz_result === "string") {
        // Dated here, with the reader's own calendar: the kernel's clock is not theirs.
        keepQuizRecord(settings, msg.keep_quiz_result);
        return;
      }
      if (msg.forget_quiz_result === true) {
        forgetQuizRecord(settings);
        return;
      }
      if (typeof msg.keep_region === "string") {
        keepRegion(model.get("region_memory"), msg.keep_region);
        return;
      }
      if (msg.forget_region === true) {
        forgetRegion(model.get("region_memory"));
        return;
      }
      if (typeof msg.id !== "string") return;
      let tries = 0;
      const look = () => {
        const target = document.getElementById(msg.id);
        if (target) {
          target.focus({ preventScroll: true });
          target.scrollIntoView({ block: "start" });
          keepFocus(msg.id);
          return;
        }
        tries += 1;
        // Up to 10 s: on a slow phone or a busy server the result is drawn a while after.
        if (tries < 200) window.setTimeout(look, 50);
      };
      window.setTimeout(look, 30);
    });
  },
};
