// The reader's own sessions on this device: kept in this browser's localStorage, read, drawn
// and exported here, and never sent anywhere (DESIGN.md, "Session records").
//
// The records are checked, summed up, drawn and written as CSV by progress.js, the mirror of
// lowback.progress; the words come from the kernel with the plan.

import { el } from "./dom.js";
import {
  RecordError,
  historySvg,
  recordsFromJson,
  summarise,
  summaryText,
  toCsv,
} from "./progress.js";

// Where and how many: `store` is {key, max}, from the kernel's plan (lowback.pages.SESSIONS_KEY,
// lowback.progress.MAX_RECORDS), never spelled here.
export function loadSessions(store) {
  try {
    const list = JSON.parse(window.localStorage.getItem(store.key) || "[]");
    return Array.isArray(list) ? list : [];
  } catch (error) {
    return [];
  }
}

function savedText(store) {
  try {
    return window.localStorage.getItem(store.key) || "";
  } catch (error) {
    return "";
  }
}

export function saveSessions(store, list) {
  try {
    window.localStorage.setItem(store.key, JSON.stringify(list.slice(-store.max)));
    return true;
  } catch (error) {
    return false; // storage full, or switched off: the routine works all the same
  }
}

// What the history box shows for the text this browser keeps: the chart, the summary, the CSV
// (null when there is nothing to export) and whether there is anything to delete.
function historyView(text, words, idPrefix) {
  let records;
  try {
    records = recordsFromJson(text);
  } catch (error) {
    const why = error instanceof RecordError ? error.message : "the saved sessions cannot be read as JSON";
    return { svg: "", summary: words.history_unreadable.replace("{error}", why), csv: null, stored: true };
  }
  return {
    // No chart of nothing: the summary says "No sessions recorded yet" once (issue 24, item 9).
    svg: records.length ? historySvg(records, idPrefix) : "",
    summary: summaryText(summarise(records)),
    csv: records.length ? toCsv(records) : null,
    stored: records.length > 0,
  };
}

// The box under the player: chart, summary, "Download" and "Delete" (asked twice, with a way
// back: "Keep my sessions" puts the first button back and changes nothing).
// `onDeleted` lets the player forget the record it was writing.
export function sessionHistory(store, words, uid, onDeleted) {
  const chart = el("div", { class: "lowback-history-chart" });
  const summary = el("p", { class: "lowback-history-summary", role: "status", tabindex: "-1" });
  const csvLink = el("a", { class: "lowback-button", download: "my-back-routine-sessions.csv", text: words.history_download });
  const deleteButton = el("button", { type: "button", class: "lowback-button", text: words.history_delete });
  const deleteSure = el("button", { type: "button", class: "lowback-button", text: words.history_delete_sure, hidden: "" });
  const deleteCancel = el("button", { type: "button", class: "lowback-button", text: words.history_delete_cancel, hidden: "" });
  const box = el(
    "section", { class: "lowback-history-box", "aria-label": words.history_title },
    el("h4", { text: words.history_title }), el("p", { text: words.history_where }),
    chart, summary,
    el("div", { class: "lowback-history-actions" }, csvLink, deleteButton, deleteSure, deleteCancel),
  );
  let csvUrl = null;

  function draw() {
    const view = historyView(savedText(store), words, `lowback-history-${uid}`);
    chart.innerHTML = view.svg; // written by progress.js from checked records, its text escaped
    // The same words, with each date kept on one line (a phone would break it at a hyphen).
    summary.replaceChildren(...view.summary.split(/([0-9]{4}-[0-9]{2}-[0-9]{2})/).map(
      (part, i) => (i % 2 ? el("span", { class: "lowback-nowrap", text: part }) : part),
    ));
    if (csvUrl) URL.revokeObjectURL(csvUrl);
    csvUrl = view.csv === null ? null : URL.createObjectURL(new Blob([view.csv], { type: "text/csv" }));
    if (csvUrl) csvLink.setAttribute("href", csvUrl);
    else csvLink.removeAttribute("href");
    csvLink.hidden = !csvUrl;
    if (!view.stored) deleteSure.hidden = true;
    deleteCancel.hidden = deleteSure.hidden;
    deleteButton.hidden = !view.stored || !deleteSure.hidden;
  }

  deleteButton.addEventListener("click", () => {
    deleteButton.hidden = true;
    deleteSure.hidden = false;
    deleteCancel.hidden = false;
    deleteSure.focus();
  });
  deleteCancel.addEventListener("click", () => {
    deleteSure.hidden = true;
    deleteCancel.hidden = true;
    deleteButton.hidden = false;
    deleteButton.focus();
  });
  deleteSure.addEventListener("click", () => {
    try {
      window.localStorage.removeItem(store.key);
    } catch (error) {
      // Nothing was stored.
    }
    onDeleted();
    deleteSure.hidden = true;
    deleteCancel.hidden = true;
    draw();
    summary.focus();
  });

  return { box, draw };
}
