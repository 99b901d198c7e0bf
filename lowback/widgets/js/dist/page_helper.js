// Built by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) from these
// files of lowback/widgets/js/: edit them and build again, not this file.
// source page_helper.js sha256=33e7982ae37417d0f3c81d6c081cba17344027acc7dd478cc6248fc95b1aa5f5
// source quiz_record.js sha256=48813e3ec88ff345c37692d39d19b10a6b3ba4e1e3520b86e58eec525d1e6fa9
// source region_memory.js sha256=a7b5971be247ff11133b2a073ec4481113155ccee4ead351f7e6e65fc8179b8b
// quiz_record.js
function localIsoDate(when) {
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(when.getFullYear(), 4)}-${pad(when.getMonth() + 1, 2)}-${pad(when.getDate(), 2)}`;
}
function makeQuizRecord(outcome, date, settings) {
  return { outcome, date, rules: settings.rules };
}
function keepQuizRecord(settings, outcome) {
  const record = makeQuizRecord(outcome, localIsoDate(/* @__PURE__ */ new Date()), settings);
  try {
    window.localStorage.setItem(settings.key, JSON.stringify(record));
    return true;
  } catch (error) {
    return false;
  }
}
function forgetQuizRecord(settings) {
  try {
    window.localStorage.removeItem(settings.key);
  } catch (error) {
  }
}

// region_memory.js
function readRegion(settings) {
  let text = null;
  try {
    text = window.localStorage.getItem(settings.key);
  } catch (error) {
    return null;
  }
  return typeof text === "string" && settings.ids.includes(text) ? text : null;
}
function keepRegion(settings, id) {
  if (!settings.ids.includes(id)) return false;
  try {
    window.localStorage.setItem(settings.key, id);
    return true;
  } catch (error) {
    return false;
  }
}
function forgetRegion(settings) {
  try {
    window.localStorage.removeItem(settings.key);
  } catch (error) {
  }
}

// page_helper.js
var HIDDEN_MARK = "data-lowback-hidden-link";
function showLinksTo(target) {
  const cells = document.getElementById("rendered_cells");
  if (cells === null) return;
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
function scrollerOf(element) {
  for (let box = element.parentElement; box !== null; box = box.parentElement) {
    const overflow = getComputedStyle(box).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && box.scrollHeight > box.clientHeight) {
      return box;
    }
  }
  return document.scrollingElement || document.documentElement;
}
var KEEP_MS = 4e3;
var keeping = null;
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
var listening = false;
function listenOnce() {
  if (listening) return;
  listening = true;
  document.addEventListener("change", keepInPlace, { capture: true });
  for (const name of ["wheel", "touchmove", "keydown", "pointerdown"]) {
    window.addEventListener(name, letGo, { capture: true, passive: true });
  }
}
var KEEP_FOCUS_MS = 5e3;
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
var page_helper_default = {
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
        if (tries < 200) window.setTimeout(look, 50);
      };
      window.setTimeout(look, 30);
    });
  }
};
export {
  page_helper_default as default
};
