// The routine player's pure core: where the reader is, from the schedule and the events.
//
// A line-for-line port of lowback.timer.RoutineTimer, with the clock passed in: the page
// records each button press as [kind, seconds on its own monotonic clock], and the status at
// any moment is computed afresh from that log, so nothing drifts and a stalled connection
// changes nothing. tests/js/test_player_js.py runs these functions under Node and checks
// them against RoutineTimer and lowback.widgets.timer_view.describe for several routines and
// pause patterns, so the browser and the Python core cannot disagree.

export const EVENT_KINDS = ["start", "pause", "resume", "finish_hold", "reset"];

// Every phase ends at its duration; the final hold's is its cap (the reader may stop it sooner).
function endOf(phase) {
  return phase.start_s + phase.duration_s;
}

function newState() {
  return { startedAt: null, pausedAt: null, pausedTotal: 0, doneAt: null };
}

function rawElapsed(state, now) {
  const at = state.pausedAt !== null ? state.pausedAt : now;
  return at - state.startedAt - state.pausedTotal;
}

function settle(schedule, state, now) {
  // The schedule runs out at the final hold's cap: the routine is done there.
  const lastEnd = endOf(schedule[schedule.length - 1]);
  if (
    state.startedAt !== null &&
    state.doneAt === null &&
    rawElapsed(state, now) >= lastEnd
  ) {
    state.doneAt = lastEnd;
    state.pausedAt = null;
  }
}

function isRunning(schedule, state, now) {
  settle(schedule, state, now);
  return state.startedAt !== null && state.pausedAt === null && state.doneAt === null;
}

function elapsedAt(schedule, state, now) {
  settle(schedule, state, now);
  if (state.doneAt !== null) return state.doneAt;
  // A clock that stepped backwards must not put the reader before the start.
  return Math.max(0, rawElapsed(state, now));
}

function indexAt(schedule, elapsed) {
  // The last phase whose start is at or before `elapsed` (Python's bisect_right - 1).
  let index = 0;
  for (let i = 0; i < schedule.length; i += 1) {
    if (schedule[i].start_s <= elapsed) index = i;
    else break;
  }
  return index;
}

function apply(schedule, state, kind, t) {
  if (kind === "start") {
    if (state.startedAt === null) state.startedAt = t;
  } else if (kind === "pause") {
    if (isRunning(schedule, state, t)) state.pausedAt = t;
  } else if (kind === "resume") {
    settle(schedule, state, t);
    if (state.pausedAt !== null && state.doneAt === null) {
      state.pausedTotal += t - state.pausedAt;
      state.pausedAt = null;
    }
  } else if (kind === "reset") {
    Object.assign(state, newState());
  } else if (kind === "finish_hold") {
    // Only in the final hold, and too late once its cap has ended it.
    if (state.startedAt === null) return;
    settle(schedule, state, t);
    if (state.doneAt !== null) return;
    const elapsed = elapsedAt(schedule, state, t);
    if (indexAt(schedule, elapsed) !== schedule.length - 1) return;
    state.doneAt = elapsed;
    state.pausedAt = null;
  }
}

// The timer's status at `now` after `events`, as lowback.timer.TimerStatus has it.
export function statusAt(schedule, events, now) {
  const state = newState();
  for (const [kind, t] of events) apply(schedule, state, kind, t);
  if (state.startedAt === null) {
    return {
      started: false, index: null, remaining_s: schedule[0].duration_s, running: false,
      done: false, paused: false, hold_s: null, elapsed_s: 0,
    };
  }
  const elapsed = elapsedAt(schedule, state, now);
  const index = indexAt(schedule, elapsed);
  const phase = schedule[index];
  const done = state.doneAt !== null;
  const final = index === schedule.length - 1;
  return {
    started: true,
    index,
    remaining_s: Math.max(0, endOf(phase) - elapsed),
    running: !done && state.pausedAt === null,
    done,
    paused: !done && state.pausedAt !== null,
    hold_s: final ? elapsed - phase.start_s : null,
    elapsed_s: elapsed,
  };
}

// Seconds until the next phase boundary while running (in the final hold, its cap); null if
// none is coming.
export function nextChangeIn(schedule, status) {
  if (!status.running) return null;
  return Math.max(0, endOf(schedule[status.index]) - status.elapsed_s);
}

// A countdown's whole seconds, rounded up so "0" only shows when time is up.
export function formatSecondsLeft(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-9));
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

// A hold counts up: a second counts once it is complete. Whole seconds, as the cap is said.
export function formatHeld(seconds) {
  return `${Math.trunc(seconds)} s`;
}

// The cue kinds whose moment falls after `previous` and at or before `elapsed`.
export function cuesDue(cueTimes, previous, elapsed) {
  return cueTimes.filter(([at]) => previous < at && at <= elapsed).map(([, kind]) => kind);
}

// The words on screen for a status, from the words the plan carries for every phase (made
// in Python by lowback.widgets.timer_view.player_plan).
export function describeAt(plan, status) {
  const words = plan.words;
  const pauseLabel = status.paused ? "Resume" : "Pause";
  if (!status.started) {
    return {
      title: words.ready_title, time: words.ready_time, rep: words.ready_rep,
      cue: plan.phases[0].cue, progress: 0, frame: words.ready_frame, pauseLabel,
      canFinish: false,
    };
  }
  if (status.done) {
    // Ended by the cap: nothing is left of the final hold.
    const capped = status.remaining_s === 0;
    return {
      title: words.done_title, time: `${words.done_time} ${formatHeld(status.hold_s || 0)}`,
      rep: words.done_rep, cue: capped ? words.done_cue_cap : words.done_cue, progress: 1,
      frame: words.done_frame, pauseLabel, canFinish: false,
    };
  }
  const phase = plan.phases[status.index];
  // The final hold counts up and shows its cap: "12 s, stop by 60".
  let time = phase.kind === "final_hold"
    ? words.hold_time.replace("{held}", formatHeld(status.hold_s || 0))
    : `${formatSecondsLeft(status.remaining_s || 0)} left`;
  if (status.paused) time += " (paused)";
  const timed = plan.timed_s;
  return {
    title: phase.title, time, rep: phase.rep_text, cue: phase.cue,
    progress: timed <= 0 ? 1 : Math.min(1, status.elapsed_s / timed),
    frame: phase.frame, pauseLabel, canFinish: phase.kind === "final_hold",
  };
}
