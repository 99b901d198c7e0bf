// The routine player's view: plays the plan the kernel made, on the page's own clock.
//
// Everything a reader needs while lying on the floor runs here, so a slow or dropped
// connection never stalls a phase, a cue or the final hold's count: the buttons, the big
// phase name and time, the picture, the cue tones, the wake lock, the pain scores and the
// session record kept in this browser, and the reader's history of sessions, drawn here
// (session_history.js, progress.js). The kernel made every word and the schedule
// (lowback.widgets.timer_view.player_plan); this file only decides *when* to show them, with
// the functions of player_core.js, which mirror lowback.timer.RoutineTimer. Each press is
// reported back as the whole event log, so the kernel learns what happened as soon as the
// connection allows.
//
// Before Start, in this order: where the reader is, if neither the link nor this browser says
// (region_choice.js: one tap, remembered; it only words the advice); "have you done the quiz?",
// unless the quiz's record in this browser is trusted (isTrusted, quiz_record.js), with "Forget
// my answer" beside a kept record; then, before every Start, the check "Since your quiz, has
// anything new started?" (since_quiz.js): Start waits for "None of these", and a ticked sign
// shows its advice, in the region's words, instead of starting; the pain now; then the whole plan
// with Start (plan_shown.js). Start runs exactly the plan shown: it waits ("Updating the plan…")
// while the settings' boxes on the page show values the plan was not made from (a change still on
// its way to the kernel, or the link not read yet), and once started the routine plays the plan
// it started with, whatever arrives meanwhile. The records never go to the kernel: it gets the
// events, the pain scores and the region of this visit, nothing more.
//
// The final hold ends when the reader presses "Stop the hold" or at its cap, whichever is first;
// at the cap the page tells the kernel, as it would of a press.
//
// After the routine, the pain panel (pain_panel.js) asks about stop symptoms and shows the pain
// traffic light, decided here (pain_light.js); on a later visit it asks whether the pain was
// back to usual the morning after the last session. Its words come with the plan.

import { el } from "./dom.js";
import {
  cuesDue,
  describeAt,
  formatSecondsLeft,
  nextChangeIn,
  statusAt,
} from "./player_core.js";
import { forgetQuizRecord, isTrusted, localIsoDate, readQuizRecord } from "./quiz_record.js";
import {
  loadSessions,
  saveSessions,
  sessionHistory,
} from "./session_history.js";
import { lightPanel, morningCheck, sessionLight, stopCheck } from "./pain_panel.js";
import { planShown } from "./plan_shown.js";
import { regionChoice } from "./region_choice.js";
import { sinceQuizCheck } from "./since_quiz.js";

const TICK_MS = 100;
// A phone held upright, where the frames drawn for it (larger labels above and below) show.
const UPRIGHT_PHONE = "(orientation: portrait) and (max-width: 700px)";
const PAIN_WAIT_S = 60;
// After Start the buttons move (the player fills the screen): a second tap of a double tap
// lands on whatever is there now, so taps are ignored this long after Start.
const SETTLE_S = 0.6;

function nowS() {
  return performance.now() / 1000;
}

function painSelect(label, id) {
  const select = el("select", { id, class: "lowback-pain-select" });
  select.append(el("option", { value: "", text: "Choose a number" }));
  for (let n = 0; n <= 10; n += 1) {
    const words = n === 0 ? "0: no pain" : n === 10 ? "10: worst pain you can imagine" : String(n);
    select.append(el("option", { value: String(n), text: words }));
  }
  const wrap = el("div", { class: "lowback-field" }, el("label", { for: id, text: label }), select);
  return { wrap, select };
}

function today() {
  return localIsoDate(new Date());
}

// A record's date as the reader's browser writes dates ("3 December 2026" or the like).
function readableDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const at = new Date(year, month - 1, day);
  try {
    return at.toLocaleDateString(undefined, { day: "numeric", month: "long", year: "numeric" });
  } catch (error) {
    return iso;
  }
}

export default {
  render({ model, el: host }) {
    const uid = Math.random().toString(36).slice(2, 9);
    let events = [];
    let lastElapsed = 0;
    let timerId = null;
    let wakeLock = null;
    let doneAtS = null;
    let recordIndex = null;
    let shownFrame = null;
    let settledAt = 0;

    // -- the page ------------------------------------------------------------------------------
    const root = el("div", { class: "lowback-player" });
    // Has the reader done the quiz? Asked unless the quiz's record in this browser is trusted
    // (the current rules, at most a fortnight old); "I have" holds for this visit, or until
    // the reader asks this browser to forget their answer.
    const plan0 = model.get("plan");
    const words0 = plan0.words;
    const memory = plan0.quiz_record;
    let quizAnswered = false;
    let quizTrusted = false;
    let quizStored = false;
    const quizLink = el("a", { href: plan0.quiz_url, class: "lowback-quiz-link", text: words0.quiz_link });
    const quizDone = el("button", { type: "button", class: "lowback-button", text: words0.quiz_done });
    const quizQuestion = el("p", { text: words0.quiz_question, tabindex: "-1" });
    const quizNote = el("p", { class: "lowback-quiz-note", role: "status" });
    const quizAsk = el(
      "div", { class: "lowback-quiz-ask lowback-panel lowback-panel--see_clinician" },
      quizNote, quizQuestion, quizLink, " ", quizDone,
    );
    const keptText = el("p", { class: "lowback-quiz-kept-text" });
    const forgetQuiz = el("button", { type: "button", class: "lowback-button", text: words0.quiz_forget });
    const quizKept = el("div", { class: "lowback-quiz-kept" }, keptText, forgetQuiz);
    function readQuiz() {
      const { stored, record } = readQuizRecord(memory);
      quizStored = stored;
      quizTrusted = stored && isTrusted(record, today(), memory);
      keptText.textContent = quizTrusted
        ? words0.quiz_kept.replace("{date}", readableDate(record.date))
        : words0.quiz_kept_unused;
    }
    readQuiz();
    // Where the reader is: the link's region, this browser's memory, or one tap here.
    const region = regionChoice(() => model.get("plan").region, uid, () => {
      since.reword();
      tellRegion();
      draw();
      (quizAsk.hidden ? since.firstBox() : quizQuestion).focus();
    });
    const since = sinceQuizCheck(plan0.since_quiz, uid, () => {
      say("");
      drawStart();
    }, () => region.current());
    quizDone.addEventListener("click", () => {
      quizAnswered = true;
      quizNote.textContent = "";
      draw();
      since.firstBox().focus();
    });
    forgetQuiz.addEventListener("click", () => {
      forgetQuizRecord(memory);
      quizAnswered = false;
      readQuiz();
      draw();
      quizNote.textContent = words0.quiz_forgotten;
      quizQuestion.focus();
    });
    const phase = el("div", { class: "lowback-phase", "aria-live": "off" });
    const time = el("div", { class: "lowback-time" });
    const rep = el("div", { class: "lowback-rep" });
    const bar = el("progress", { class: "lowback-progress", max: "1", value: "0", "aria-label": "Progress through the routine" });
    const cue = el("div", { class: "lowback-cue" });
    const display = el("div", { class: "lowback-display" }, phase, time, rep, bar, cue);
    const img = el("img", { class: "lowback-frame", alt: "" });
    const caption = el("figcaption", { class: "lowback-caption" });
    const figure = el("figure", { class: "lowback-figure" }, img, caption);
    const startButton = el("button", { type: "button", class: "lowback-button lowback-button--primary", text: "Start" });
    const pauseButton = el("button", { type: "button", class: "lowback-button lowback-button--pause", text: "Pause" });
    const finishButton = el("button", { type: "button", class: "lowback-button lowback-button--finish", text: words0.stop_hold });
    const resetButton = el("button", { type: "button", class: "lowback-button", text: "Reset" });
    const buttons = el("div", { class: "lowback-buttons" }, startButton, pauseButton, finishButton, resetButton);
    const muteBox = el("input", { type: "checkbox", id: `lowback-mute-${uid}` });
    const mute = el("label", { class: "lowback-mute", for: muteBox.id }, muteBox, " Mute sounds");
    const message = el("p", { class: "lowback-message", role: "status" });
    const before = painSelect("Pain before, 0 to 10", `lowback-pain-before-${uid}`);
    const after = painSelect("Pain after, 0 to 10", `lowback-pain-after-${uid}`);
    const painWait = el("p", { class: "lowback-pain-wait" });
    const rateNow = el("button", { type: "button", class: "lowback-button", text: "Rate my pain now" });
    // The pain panel: the stop-symptom question and the light after the session.
    const pain = plan0.pain_light;
    const painMessage = lightPanel(pain);
    const stop = stopCheck(pain, uid, () => {
      keepRecord(null);
      showLight();
    });
    const saved = el("p", { class: "lowback-saved" });
    const leave = el("button", { type: "button", class: "lowback-button", text: "Back to the page" });
    const afterBox = el("div", { class: "lowback-after", hidden: "" }, painWait, rateNow, after.wrap, stop.box, painMessage.box, saved, leave);
    const sounds = el("div", { class: "lowback-sounds", hidden: "" });
    // The reader's own sessions: kept in this browser, and drawn here from what it keeps.
    const historyBox = sessionHistory(model.get("plan").sessions, words0, uid, () => {
      recordIndex = null;
      morning.draw();
    });
    // On a later visit: was the pain back to usual the morning after the last session?
    const morning = morningCheck(pain, model.get("plan").sessions, uid, today, readableDate, () => historyBox.draw());
    // The whole plan, right above Start: what Start runs, in the words of the handout.
    const shownPlan = planShown(model, words0, uid, () => draw());
    root.append(region.box, morning.box, quizKept, quizAsk, since.box, before.wrap, display, figure, shownPlan.box, buttons, mute, message, afterBox, historyBox.box, sounds);
    host.append(root);

    // -- what the kernel decided ----------------------------------------------------------------
    // From Start to the next Start or Reset, the routine plays the plan it started with.
    let runPlan = null;
    const plan = () => runPlan || model.get("plan");
    const schedule = () => plan().phases;

    function tellRegion() {
      try {
        model.set("region", region.current() || "");
        model.save_changes();
      } catch (error) {
        // No connection right now: only the handout's words wait for it.
      }
    }

    function say(text) {
      message.textContent = text || "";
    }

    // Start waits for the check: dimmed, and a press says why (still a button a screen reader
    // finds, so the reader learns what is missing).
    function drawStart() {
      const blocked = since.verdict() !== "clear" || shownPlan.behind();
      if (blocked) startButton.setAttribute("aria-disabled", "true");
      else startButton.removeAttribute("aria-disabled");
    }

    // The frames come as addresses on the series' server: fetched and decoded now, and held,
    // so that each change of frame is instant and a network that drops mid-routine loses none.
    // Both versions are held (the wide one and, where there is one, the phone's upright one),
    // so turning the phone mid-routine needs no network either.
    let heldFrames = [];
    function preloadFrames() {
      heldFrames = Object.values(model.get("pictures") || {}).flatMap((picture) =>
        [picture.src, picture.phone_src].filter((src) => typeof src === "string").map((src) => {
          const image = new Image();
          image.src = src;
          image.decode().catch(() => {}); // (shown as it comes, if it failed here)
          return image;
        }));
    }

    // A phone held upright shows the frame drawn for it: larger labels above and below.
    const upright = window.matchMedia ? window.matchMedia(UPRIGHT_PHONE) : null;
    function frameSrc(picture) {
      return picture.phone_src && upright && upright.matches ? picture.phone_src : picture.src;
    }
    if (upright) upright.addEventListener("change", () => showFrame(shownFrame));

    function showFrame(name) {
      const pictures = model.get("pictures") || {};
      const picture = pictures[name];
      const src = picture ? frameSrc(picture) : null;
      if (!picture || name === shownFrame && img.getAttribute("src") === src) return;
      shownFrame = name;
      img.setAttribute("src", src);
      img.setAttribute("alt", picture.alt);
      caption.textContent = picture.title;
    }

    function exerciseMode(on) {
      // The page's own boxes may hold a fixed element inside them (a transform or `contain`
      // makes a new containing block), so the player moves to the body to fill the screen,
      // and back into its place in the page afterwards.
      if (on && root.parentNode !== document.body) {
        document.body.append(root);
        root.scrollTop = 0;
      } else if (!on && root.parentNode !== host) {
        host.append(root);
      }
      root.classList.toggle("lowback-exercise", on);
      document.documentElement.classList.toggle("lowback-exercising", on);
    }

    // -- the screen, from the clock -----------------------------------------------------------
    function draw() {
      const now = nowS();
      const status = statusAt(schedule(), events, now);
      const shown = describeAt(plan(), status);
      phase.textContent = shown.title;
      time.textContent = shown.time;
      rep.textContent = shown.rep;
      cue.textContent = shown.cue;
      bar.value = shown.progress;
      pauseButton.textContent = shown.pauseLabel;
      root.classList.toggle("lowback-running", status.started && !status.done);
      finishButton.disabled = !shown.canFinish;
      showFrame(shown.frame);
      if (status.started) {
        const due = cuesDue(plan().cues, lastElapsed, status.elapsed_s);
        lastElapsed = status.elapsed_s;
        if (due.length) play(due[due.length - 1]); // after a stall, only the newest matters
      }
      // The cap ended the final hold: done, as if the reader had stopped it there.
      if (status.done && doneAtS === null) endedAtCap(status);
      drawAfter(status, now);
      const running = status.started && !status.done;
      region.box.hidden = running;
      shownPlan.draw(running);
      quizAsk.hidden = quizTrusted || quizAnswered || running || Boolean(model.get("physio_link"));
      quizKept.hidden = !quizStored || running;
      since.box.hidden = running;
      drawStart();
      return status;
    }

    function loop() {
      timerId = null;
      const status = draw();
      if (!status.running && !(status.done && doneAtS !== null)) return;
      const next = nextChangeIn(schedule(), status);
      const wait = next === null ? TICK_MS : Math.min(TICK_MS, next * 1000 + 2);
      timerId = window.setTimeout(loop, wait);
    }

    function wake() {
      if (timerId !== null) window.clearTimeout(timerId);
      loop();
    }

    function endedAtCap(status) {
      doneAtS = nowS();
      letGo();
      keepRecord(status);
      report(); // the kernel learns the routine is over, and frees the settings
    }

    // -- sound ----------------------------------------------------------------------------------
    // On the series' server the tones come as addresses: each is fetched once now and played
    // from memory, so a network that drops mid-routine silences none (a data URL is kept).
    let heldSounds = {};
    function preloadSounds() {
      const sounds = model.get("sounds") || {};
      for (const url of Object.values(heldSounds)) URL.revokeObjectURL(url);
      heldSounds = {};
      for (const [kind, src] of Object.entries(sounds)) {
        if (typeof src !== "string" || src.startsWith("data:")) continue;
        fetch(src)
          .then((response) => (response.ok ? response.blob() : null))
          .then((blob) => {
            if (blob && (model.get("sounds") || {})[kind] === src) {
              heldSounds[kind] = URL.createObjectURL(blob);
            }
          })
          .catch(() => {}); // (played from its address, if it failed here)
      }
    }

    function play(kind) {
      if (muteBox.checked) return;
      const src = heldSounds[kind] || (model.get("sounds") || {})[kind];
      if (!src) return;
      // A fresh element for each cue, so two ticks a second apart both sound.
      const audio = el("audio", { src, class: "lowback-cue-tone" });
      sounds.replaceChildren(audio);
      const played = audio.play();
      if (played && played.catch) played.catch(() => {});
    }

    muteBox.addEventListener("change", () => {
      if (muteBox.checked) sounds.replaceChildren();
    });

    // -- keeping the screen on -----------------------------------------------------------------
    async function holdWake() {
      if (!("wakeLock" in navigator) || wakeLock !== null) return;
      try {
        wakeLock = await navigator.wakeLock.request("screen");
        wakeLock.addEventListener("release", () => {
          wakeLock = null;
        });
      } catch (error) {
        wakeLock = null; // refused (battery saver, a hidden tab): the timer runs all the same
      }
    }

    function letGo() {
      const lock = wakeLock;
      wakeLock = null;
      if (lock) lock.release().catch(() => {});
    }

    document.addEventListener("visibilitychange", () => {
      const status = statusAt(schedule(), events, nowS());
      if (document.visibilityState === "visible" && status.running) holdWake();
    });

    // -- telling the kernel ----------------------------------------------------------------------
    function report() {
      try {
        model.set("events", events.map(([kind, t]) => [kind, t]));
        model.set("now_s", nowS());
        model.save_changes();
      } catch (error) {
        // No connection right now: the log is sent whole with the next press.
      }
    }

    function press(kind) {
      events.push([kind, nowS()]);
      report();
    }

    // -- buttons --------------------------------------------------------------------------------
    // A tap or click (detail > 0) that comes right after Start is the second half of a double
    // tap, not a choice; a key press (detail 0) is always meant.
    function stray(event) {
      return event.detail > 0 && nowS() < settledAt;
    }

    startButton.addEventListener("click", () => {
      const status = statusAt(schedule(), events, nowS());
      const words = plan().words;
      if (status.started && !status.done) {
        say(words.already_running);
        return;
      }
      const verdict = since.verdict();
      if (verdict !== "clear") {
        // Not without an answer, and never with a sign ticked: the check shows why.
        exerciseMode(false);
        say(verdict === "unanswered" ? plan().since_quiz.words.unanswered : plan().since_quiz.words.not_today);
        since.focus();
        return;
      }
      if (shownPlan.behind()) {
        // A setting, or the link, is still on its way: Start runs only the plan shown.
        say(model.get("plan").words.plan_wait);
        return;
      }
      if (status.done) events = [];
      runPlan = model.get("plan");
      // Asked again before the next Start; the quiz question is answered for this visit.
      since.reset();
      quizAnswered = true;
      lastElapsed = 0;
      doneAtS = null;
      recordIndex = null;
      say("");
      // The tones are allowed now: this click is the reader's own.
      press("start");
      settledAt = nowS() + SETTLE_S;
      exerciseMode(true);
      holdWake();
      wake();
      // Focus without scrolling: the phase, the time and the rep stay at the top of the view
      // (at 200% zoom, scrolling Pause into view put them off screen for the whole session).
      pauseButton.focus({ preventScroll: true });
      root.scrollTop = 0;
    });

    pauseButton.addEventListener("click", (event) => {
      if (stray(event)) return;
      const status = statusAt(schedule(), events, nowS());
      const words = plan().words;
      if (status.paused) {
        press("resume");
        say("");
        holdWake();
      } else if (status.running) {
        press("pause");
        say(words.paused);
        letGo();
      } else if (status.done) {
        say(words.finished);
      } else {
        say(words.press_start_first);
      }
      wake();
    });

    finishButton.addEventListener("click", (event) => {
      if (stray(event)) return;
      const status = statusAt(schedule(), events, nowS());
      if (!status.started || status.done || status.index !== schedule().length - 1) {
        say(plan().words.finish_only_in_hold);
        return;
      }
      press("finish_hold");
      say("");
      letGo();
      doneAtS = nowS();
      keepRecord(statusAt(schedule(), events, nowS()));
      wake();
    });

    resetButton.addEventListener("click", (event) => {
      if (stray(event)) return;
      events = [];
      runPlan = null;
      lastElapsed = 0;
      doneAtS = null;
      recordIndex = null;
      report();
      sounds.replaceChildren();
      letGo();
      exerciseMode(false);
      say(plan().words.reset_done);
      wake();
    });

    leave.addEventListener("click", () => {
      exerciseMode(false);
      root.scrollIntoView({ block: "start" });
    });

    // -- after the long hold: a minute's wait, then the pain score ---------------------------------
    // A new Start asks afresh: no score, answer or light of the last session carries over.
    let afterUsed = false;
    function resetAfter() {
      afterUsed = false;
      delete after.wrap.dataset.shown;
      after.select.value = "";
      stop.reset();
      painMessage.show(null);
      saved.textContent = "";
    }

    function drawAfter(status, now) {
      const show = status.done && doneAtS !== null;
      afterBox.hidden = !show;
      before.wrap.hidden = status.started && !status.done;
      if (afterUsed && status.started && !status.done) resetAfter();
      if (!show) return;
      afterUsed = true;
      const left = PAIN_WAIT_S - (now - doneAtS);
      const ready = left <= 0 || after.wrap.dataset.shown === "yes";
      if (ready && after.wrap.hidden) {
        after.wrap.hidden = false;
        after.wrap.dataset.shown = "yes";
        rateNow.hidden = true;
        if (left <= 0 && !after.select.value) after.select.focus();
      } else if (!ready) {
        after.wrap.hidden = true;
        rateNow.hidden = false;
      }
      painWait.textContent = ready
        ? plan().words.rate_now
        : `${plan().words.rate_in} ${formatSecondsLeft(left)}`;
    }

    rateNow.addEventListener("click", () => {
      after.wrap.dataset.shown = "yes";
      wake();
      after.select.focus();
    });

    function painValue(select) {
      return select.value === "" ? null : Number(select.value);
    }

    for (const [name, box] of [["pain_before", before.select], ["pain_after", after.select]]) {
      box.addEventListener("change", () => {
        try {
          model.set(name, painValue(box));
          model.save_changes();
        } catch (error) {
          // Sent with the next change once the connection is back.
        }
        if (name === "pain_after") keepRecord(null);
        showLight();
      });
    }

    function showLight() {
      painMessage.show(sessionLight(pain, painValue(before.select), painValue(after.select), stop.value()));
    }

    // -- the reader's own record, kept in this browser only ------------------------------------------
    function keepRecord(status) {
      const store = plan().sessions;
      const list = loadSessions(store);
      const routine = plan().routine;
      let record = recordIndex !== null ? list[recordIndex] : null;
      if (!record) {
        record = {
          date: today(), side: routine.side, reps: routine.reps,
          pain_before: painValue(before.select), pain_after: null, hold_s: null,
        };
        list.push(record);
        recordIndex = Math.min(list.length, store.max) - 1;
      }
      if (status && status.hold_s !== null) record.hold_s = Math.round(status.hold_s * 10) / 10;
      record.pain_before = painValue(before.select);
      record.pain_after = painValue(after.select);
      record.stop_symptoms = stop.value();
      saved.textContent = saveSessions(store, list) ? plan().words.saved_here : "";
      historyBox.draw();
      morning.draw();
    }

    // The quiz and the sessions, changed in another tab of this browser, count here too.
    function onStorage(event) {
      if (event.key === null || event.key === plan().sessions.key) {
        historyBox.draw();
        morning.draw();
      }
      if (event.key === null || event.key === model.get("plan").region.memory.key) {
        region.draw();
        since.reword();
        tellRegion();
      }
      if (event.key !== null && event.key !== memory.key) return;
      readQuiz();
      draw();
    }
    window.addEventListener("storage", onStorage);

    // -- what the kernel sends -------------------------------------------------------------------
    // A new plan redraws what is shown before Start; a routine under way keeps its own plan.
    model.on("change:plan", () => {
      region.draw();
      draw();
    });
    model.on("change:sounds", preloadSounds);
    model.on("change:pictures", () => {
      preloadFrames();
      shownFrame = null;
      draw();
    });
    model.on("change:physio_link", () => draw());
    after.wrap.hidden = true;
    preloadFrames();
    preloadSounds();
    draw();
    historyBox.draw();
    morning.draw();
    // A physiotherapist's link carries the dosage in the page's query string; the kernel reads
    // it (lowback.prescription.from_query) and sets the boxes.
    {
      try {
        model.set("page_url", `${window.location.origin}${window.location.pathname}`.slice(0, 2048));
        if (window.location.search) model.set("query", window.location.search.slice(0, 8192));
        model.set("region", region.current() || "");
        model.save_changes();
      } catch (error) {
        // No connection yet: the tip's own settings stay.
      }
    }
    return () => {
      if (timerId !== null) window.clearTimeout(timerId);
      shownPlan.dispose();
      window.removeEventListener("storage", onStorage);
      letGo();
      root.remove();
      document.documentElement.classList.remove("lowback-exercising");
    };
  },
};
