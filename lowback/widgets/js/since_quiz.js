// The check before every Start: "Since your quiz, has anything new started?"
//
// A tick list of the emergency and same-day signs with "None of these", all in the words the
// kernel sent with the plan (lowback.widgets.timer_view.since_quiz_plan), decided by
// sinceQuizVerdict (quiz_record.js, the mirror of lowback.quiz_record.since_quiz_verdict).
// Start waits until "None of these" is ticked; a ticked sign shows its advice instead, in the
// words of the reader's region (`regionOf()`: a lowback.regions id, or null for none known,
// which lists the common numbers). The region changes only the words, never the verdict.

import { el } from "./dom.js";
import { sinceQuizVerdict } from "./quiz_record.js";

export function sinceQuizCheck(check, uid, onChange, regionOf = () => null) {
  const words = check.words;
  const adviceFor = () => (check.by_region || {})[regionOf() || ""] || {
    emergency: words.emergency, urgent: words.urgent, calls: check.calls,
  };
  const boxes = new Map();
  const row = (id, text, extraClass) => {
    const input = el("input", { type: "checkbox", id: `lowback-since-${id}-${uid}` });
    const label = el(
      "label", { class: `lowback-since-row${extraClass}`, for: input.id },
      input, el("span", { text }),
    );
    return { input, label };
  };
  const list = el("div", { class: "lowback-since-list" });
  for (const sign of check.signs) {
    const { input, label } = row(sign.id, sign.words, "");
    boxes.set(sign.id, input);
    list.append(label);
  }
  const none = row("none", words.none, " lowback-since-none");
  list.append(none.label);
  const legend = el("legend", { class: "lowback-since-title", text: words.title });
  const hint = el("p", { class: "lowback-since-hint", id: `lowback-since-hint-${uid}`, text: words.hint });
  const advice = el("div", { class: "lowback-since-advice", role: "alert" });
  const box = el(
    "fieldset", { class: "lowback-since", "aria-describedby": hint.id },
    legend, hint, list, advice,
  );

  function ticked() {
    return [...boxes].filter(([, input]) => input.checked).map(([id]) => id);
  }

  function verdict() {
    return sinceQuizVerdict(check.signs, ticked(), none.input.checked);
  }

  function showAdvice() {
    const level = verdict();
    box.dataset.verdict = level;
    if (level !== "emergency" && level !== "urgent") {
      advice.replaceChildren();
      advice.className = "lowback-since-advice";
      return;
    }
    advice.className = `lowback-since-advice lowback-panel lowback-panel--${level}`;
    const where = adviceFor();
    const parts = [el("p", { text: where[level] })];
    if (level === "emergency") {
      const calls = el("div", { class: "lowback-call", role: "group", "aria-label": "Call for help" });
      for (const call of where.calls) {
        calls.append(el("a", {
          class: "lowback-call-link", href: `tel:${call.number}`, text: `Call ${call.number} (${call.where})`,
        }));
      }
      parts.push(calls);
    }
    advice.replaceChildren(...parts);
  }

  for (const input of boxes.values()) {
    input.addEventListener("change", () => {
      // A sign and "None of these" cannot both be meant: the latest tick wins.
      if (input.checked) none.input.checked = false;
      showAdvice();
      onChange();
    });
  }
  none.input.addEventListener("change", () => {
    if (none.input.checked) for (const input of boxes.values()) input.checked = false;
    showAdvice();
    onChange();
  });

  return {
    box,
    verdict,
    // The reader's region changed: the advice shown, if any, says it in that region's words.
    reword: showAdvice,
    // Every Start needs its own answer: once started, the ticks are cleared for the next one.
    reset() {
      for (const input of boxes.values()) input.checked = false;
      none.input.checked = false;
      showAdvice();
    },
    // Where the reader's attention goes: the advice if a sign is ticked, else the first box.
    focus() {
      const level = verdict();
      const target = level === "emergency" || level === "urgent"
        ? ticked().map((id) => boxes.get(id))[0]
        : boxes.values().next().value || none.input;
      box.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    },
    firstBox() {
      return boxes.values().next().value || none.input;
    },
  };
}
