// The routine page's pain panel: the traffic light after a session, the question about stop
// symptoms, and, on the next visit, "Was the pain back to usual this morning?".
//
// Every word, number and panel style comes from the kernel with the plan
// (lowback.widgets.pain_view.pain_plan, as `pain`); the light is decided here by painLight
// (pain_light.js, the mirror of lowback.pain.pain_light), and the session to ask about by
// sessionToAskAbout (progress.js, the mirror of lowback.progress.session_to_ask_about), so all
// of it works without the network. The answers go into the reader's session record in this
// browser (stop_symptoms, settled_next_morning), never to the kernel.

import { el } from "./dom.js";
import { painLight } from "./pain_light.js";
import { recordsFromJson, sessionToAskAbout } from "./progress.js";
import { isoDayNumber } from "./quiz_record.js";
import { loadSessions, saveSessions } from "./session_history.js";

// A yes/no question: two radio buttons in a fieldset whose legend is the question, so a screen
// reader names the group by it; an answer can be changed.
function yesNo(words, name) {
  const legend = el("legend", { class: "lowback-ask-title" });
  const box = el("fieldset", { class: "lowback-ask" }, legend);
  const inputs = {};
  for (const [value, label] of [["yes", words.yes], ["no", words.no]]) {
    const input = el("input", { type: "radio", name, value, id: `${name}-${value}` });
    inputs[value] = input;
    box.append(el("label", { class: "lowback-ask-row", for: input.id }, input, el("span", { text: label })));
  }
  return {
    box,
    legend,
    value() {
      if (inputs.yes.checked) return true;
      return inputs.no.checked ? false : null;
    },
    reset() {
      inputs.yes.checked = false;
      inputs.no.checked = false;
    },
    onChange(handler) {
      for (const input of Object.values(inputs)) input.addEventListener("change", handler);
    },
  };
}

// The light, drawn: its headline and message in a panel of its colour; red is an alert.
export function lightPanel(pain) {
  const box = el("div", { class: "lowback-pain-message" });
  function show(light) {
    if (light === null) {
      box.className = "lowback-pain-message";
      box.removeAttribute("role");
      delete box.dataset.light;
      box.replaceChildren();
      return;
    }
    box.className = `lowback-pain-message lowback-panel lowback-panel--${pain.tones[light.colour]}`;
    box.dataset.light = light.colour;
    box.setAttribute("role", light.colour === "red" ? "alert" : "status");
    box.replaceChildren(
      el("p", { class: "lowback-pain-headline" }, el("strong", { text: light.headline })),
      el("p", { text: light.message }),
    );
  }
  return { box, show };
}

// After the routine: "During or after, did you feel ...?" Yes or No; `onChange` keeps the
// answer in the record and shows the light again.
export function stopCheck(pain, uid, onChange) {
  const ask = yesNo(pain.words, `lowback-stop-${uid}`);
  ask.legend.textContent = pain.words.stop_question;
  ask.box.classList.add("lowback-stop-check");
  ask.onChange(onChange);
  return ask;
}

// The light for pain before and after this session and the stop-symptom answer.
export function sessionLight(pain, before, after, stopSymptoms) {
  return painLight(pain.rule, before, after, { stopSymptoms: stopSymptoms === true, settledNextMorning: null });
}

function storedText(store) {
  try {
    return window.localStorage.getItem(store.key) || "";
  } catch (error) {
    return "";
  }
}

// The next visit: asks about the newest session, if it is due (sessionToAskAbout), once; the
// answer is kept on that record, and the advice follows it. `today()` is the reader's own
// date, `dateText(iso)` a date as their browser writes it; `onSaved` redraws the history.
export function morningCheck(pain, store, uid, today, dateText, onSaved) {
  const ask = yesNo(pain.words, `lowback-morning-${uid}`);
  const light = lightPanel(pain);
  const box = el("div", { class: "lowback-morning", hidden: "" }, ask.box, light.box);
  let asking = null; // {index, count, record}: the record asked about, as read

  function draw() {
    if (asking !== null && ask.value() !== null) return; // answered: the advice stays
    let records;
    try {
      records = recordsFromJson(storedText(store));
    } catch (error) {
      records = []; // unreadable: the history box says so, and nothing is asked
    }
    const day = today();
    const index = sessionToAskAbout(records, day);
    if (index === null) {
      asking = null;
      box.hidden = true;
      return;
    }
    const record = records[index];
    const yesterday = isoDayNumber(day) - isoDayNumber(record.date) === 1;
    ask.legend.textContent = yesterday
      ? pain.words.morning_question
      : pain.words.morning_question_later.replace("{date}", dateText(record.date));
    asking = { index, count: records.length, record };
    box.hidden = false;
  }

  ask.onChange(() => {
    if (asking === null) return;
    const answer = ask.value();
    const list = loadSessions(store);
    const kept = list[asking.index];
    // Written only into the record that was asked about, as it was read.
    if (list.length === asking.count && kept && kept.date === asking.record.date) {
      kept.settled_next_morning = answer;
      saveSessions(store, list);
      onSaved();
    }
    const r = asking.record;
    light.show(painLight(pain.rule, r.pain_before, r.pain_after, {
      stopSymptoms: r.stop_symptoms === true, settledNextMorning: answer,
    }));
  });

  return { box, draw };
}
