// The whole plan before Start, and whether the plan the player holds is the one shown.
//
// The box shows the plan the kernel sent (lowback.widgets.routine_plan.player_plan: whose plan
// it is and the dosage rows, in the handout's words). The settings' boxes on the page are
// ipywidgets' models, here in the browser: they show a change the moment it is typed, before the
// kernel has made its plan. `behind()` says whether the plan held here is not yet the one the
// page shows: a box whose value is not the plan's `settings`, or a link the kernel has not read
// yet. Start waits meanwhile, and the box says "Updating the plan…" (after a while, a word about
// the connection). `redraw` is the player's: called when a box changes, or to say it is slow.

import { el } from "./dom.js";

const SLOW_S = 8;

function nowS() {
  return performance.now() / 1000;
}

export function planShown(model, words, uid, redraw) {
  const title = el("h4", { class: "lowback-plan-title", id: `lowback-plan-title-${uid}`, text: words.plan_title });
  const origin = el("p", { class: "lowback-plan-origin" });
  const rows = el("dl", { class: "lowback-plan-rows" });
  const check = el("p", { class: "lowback-plan-check", text: words.plan_check });
  const status = el("p", { class: "lowback-plan-status", role: "status" });
  const box = el("section", { class: "lowback-plan-box", "aria-labelledby": title.id }, title, origin, rows, check, status);
  // The page opened with a link: nothing starts before the kernel has read it.
  const sentQuery = Boolean(window.location.search);
  const boxes = {};
  const onBox = () => redraw();
  let drawn = null;
  let behindSince = null;
  let slowTimer = null;

  function watch() {
    const manager = model.widget_manager;
    for (const [name, id] of Object.entries(model.get("settings_ids") || {})) {
      if (name in boxes || !manager) continue;
      boxes[name] = null;
      Promise.resolve(manager.get_model(id))
        .then((found) => {
          if (!found) return;
          boxes[name] = found;
          found.on("change:value change:index", onBox);
          redraw();
        })
        .catch(() => {}); // (not on this page: nothing to wait for)
    }
  }

  function shownSetting(name, found) {
    return name === "side" ? (model.get("plan").side_options || [])[found.get("index")] : found.get("value");
  }

  function behind() {
    const held = model.get("plan");
    if (sentQuery && !held.link_read) return true;
    return Object.entries(boxes).some(
      ([name, found]) => found !== null && shownSetting(name, found) !== (held.settings || {})[name],
    );
  }

  function draw(running) {
    const held = model.get("plan");
    box.hidden = running;
    if (held !== drawn) {
      drawn = held;
      origin.textContent = held.shown.title;
      rows.replaceChildren(...held.shown.rows.map(([label, value]) => el(
        "div", { class: "lowback-plan-row" }, el("dt", { text: `${label}:` }), el("dd", { text: value }),
      )));
    }
    const late = behind();
    behindSince = late ? (behindSince === null ? nowS() : behindSince) : null;
    const slow = late && nowS() - behindSince >= SLOW_S;
    const said = late ? (slow ? held.words.plan_slow : held.words.plan_updating) : "";
    if (status.textContent !== said) status.textContent = said;
    if (late && !slow && slowTimer === null) {
      slowTimer = window.setTimeout(() => {
        slowTimer = null;
        redraw();
      }, SLOW_S * 1000 + 50);
    }
  }

  function dispose() {
    if (slowTimer !== null) window.clearTimeout(slowTimer);
    for (const found of Object.values(boxes)) if (found) found.off("change:value change:index", onBox);
  }

  model.on("change:settings_ids", watch);
  watch();
  return { box, behind, draw, dispose };
}
