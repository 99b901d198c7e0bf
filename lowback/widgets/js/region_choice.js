// Where the reader is, before Start: "Where are you?", asked once when neither the link nor this
// browser says, one tap among lowback.regions' regions, remembered in this browser
// (region_memory.js, under the key the plan hands over).
//
// The region only words the advice (the emergency number and services); it never decides
// whether the reader may do the routine, so Start never waits for it, and until it is known the
// advice lists the common numbers. What counts, first to last: the reader's tap on this page,
// the link's region (`from_link`, read by the kernel from the link), this browser's memory.
// `settings()` is the plan's `region` part (lowback.widgets.routine_plan.region_plan): every
// word comes from there.

import { el } from "./dom.js";
import { keepRegion, readRegion } from "./region_memory.js";

export function regionChoice(settings, uid, onChange) {
  const first = settings();
  const words = first.words;
  let tapped = null;
  let asking = false; // "Change where I am" opened the question again
  const question = el("p", { class: "lowback-region-question", id: `lowback-region-q-${uid}`, text: words.question });
  const why = el("p", { class: "lowback-region-why", text: words.why });
  const choices = el("div", { class: "lowback-region-choices", role: "group", "aria-labelledby": question.id });
  for (const [id, name] of first.choices) {
    const button = el("button", { type: "button", class: "lowback-button lowback-region-choice", text: name });
    button.addEventListener("click", () => {
      tapped = id;
      asking = false;
      keepRegion(settings().memory, id);
      draw();
      onChange(id);
    });
    choices.append(button);
  }
  const ask = el("div", { class: "lowback-region-ask" }, question, why, choices);
  const shown = el("p", { class: "lowback-region-shown" });
  const change = el("button", { type: "button", class: "lowback-button lowback-region-change", text: words.change });
  change.addEventListener("click", () => {
    asking = true;
    draw();
    choices.querySelector("button").focus();
  });
  const known = el("div", { class: "lowback-region-known" }, shown, change);
  const box = el("div", { class: "lowback-region" }, ask, known);

  // The region that words the advice now: a lowback.regions id, or null for none known.
  function current() {
    const now = settings();
    return tapped || now.from_link || readRegion(now.memory);
  }

  function draw() {
    const now = settings();
    const id = current();
    ask.hidden = id !== null && !asking;
    known.hidden = id === null || asking;
    if (id === null) return;
    const found = now.choices.find(([choice]) => choice === id);
    const said = !tapped && now.from_link === id ? now.words.from_link : now.words.shown;
    shown.textContent = said.replace("{name}", found ? found[1] : id);
  }

  draw();
  return { box, current, draw };
}
