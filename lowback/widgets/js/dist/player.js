// Built by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) from these
// files of lowback/widgets/js/: edit them and build again, not this file.
// source dom.js sha256=f0a031cf29c38a19b2b169223b2e0049474d931bc94f340a72909296209aff6c
// source pain_light.js sha256=b583c139a38e2c917912efecc0c87ec9a89124f0969e51cba3104e945bc16b91
// source pain_panel.js sha256=4cbdfb90a2b109b80bba6da570d42898a97158f1ca6e0fd38216c76b7e8e2361
// source plan_shown.js sha256=7eccc7f399b499a450e8e8e2268aaea8e7769637006529efd3ba6b716a7ff70d
// source player_core.js sha256=f67293364724f8c35007a4057b855ed3ae104bf65757d52c2d209ca9108ebc77
// source player_view.js sha256=2e599ebc6ad3f6b4706a91e2733404d705a5e345ad137e666d049321509b87f8
// source progress.js sha256=9ff507076103afb9af361e2f97fb0c115e090c280e4d9e825dd88d18b4381f15
// source quiz_record.js sha256=48813e3ec88ff345c37692d39d19b10a6b3ba4e1e3520b86e58eec525d1e6fa9
// source region_choice.js sha256=1b144ec03a896ce9369bc7aa4d4e1ec8daf5683924da674f49042a5a15c06da3
// source region_memory.js sha256=a7b5971be247ff11133b2a073ec4481113155ccee4ead351f7e6e65fc8179b8b
// source session_history.js sha256=bf72423c336649cb3850f50b5e1c1331ed8fe5d39831ef76ac7fb0dd6af1ba93
// source since_quiz.js sha256=b721b027466ee771e04be1505c6d747e08894530ff651b244d8ac26d970bf04e
// dom.js
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

// player_core.js
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
  const lastEnd = endOf(schedule[schedule.length - 1]);
  if (state.startedAt !== null && state.doneAt === null && rawElapsed(state, now) >= lastEnd) {
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
  return Math.max(0, rawElapsed(state, now));
}
function indexAt(schedule, elapsed) {
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
    if (state.startedAt === null) return;
    settle(schedule, state, t);
    if (state.doneAt !== null) return;
    const elapsed = elapsedAt(schedule, state, t);
    if (indexAt(schedule, elapsed) !== schedule.length - 1) return;
    state.doneAt = elapsed;
    state.pausedAt = null;
  }
}
function statusAt(schedule, events, now) {
  const state = newState();
  for (const [kind, t] of events) apply(schedule, state, kind, t);
  if (state.startedAt === null) {
    return {
      started: false,
      index: null,
      remaining_s: schedule[0].duration_s,
      running: false,
      done: false,
      paused: false,
      hold_s: null,
      elapsed_s: 0
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
    elapsed_s: elapsed
  };
}
function nextChangeIn(schedule, status) {
  if (!status.running) return null;
  return Math.max(0, endOf(schedule[status.index]) - status.elapsed_s);
}
function formatSecondsLeft(seconds) {
  const whole = Math.max(0, Math.ceil(seconds - 1e-9));
  if (whole < 60) return `${whole} s`;
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}
function formatHeld(seconds) {
  return `${Math.trunc(seconds)} s`;
}
function cuesDue(cueTimes, previous, elapsed) {
  return cueTimes.filter(([at]) => previous < at && at <= elapsed).map(([, kind]) => kind);
}
function describeAt(plan, status) {
  const words = plan.words;
  const pauseLabel = status.paused ? "Resume" : "Pause";
  if (!status.started) {
    return {
      title: words.ready_title,
      time: words.ready_time,
      rep: words.ready_rep,
      cue: plan.phases[0].cue,
      progress: 0,
      frame: words.ready_frame,
      pauseLabel,
      canFinish: false
    };
  }
  if (status.done) {
    const capped = status.remaining_s === 0;
    return {
      title: words.done_title,
      time: `${words.done_time} ${formatHeld(status.hold_s || 0)}`,
      rep: words.done_rep,
      cue: capped ? words.done_cue_cap : words.done_cue,
      progress: 1,
      frame: words.done_frame,
      pauseLabel,
      canFinish: false
    };
  }
  const phase = plan.phases[status.index];
  let time = phase.kind === "final_hold" ? words.hold_time.replace("{held}", formatHeld(status.hold_s || 0)) : `${formatSecondsLeft(status.remaining_s || 0)} left`;
  if (status.paused) time += " (paused)";
  const timed = plan.timed_s;
  return {
    title: phase.title,
    time,
    rep: phase.rep_text,
    cue: phase.cue,
    progress: timed <= 0 ? 1 : Math.min(1, status.elapsed_s / timed),
    frame: phase.frame,
    pauseLabel,
    canFinish: phase.kind === "final_hold"
  };
}

// quiz_record.js
var QUIZ_RECORD_FIELDS = ["outcome", "date", "rules"];
var ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
function isLeapYear(year) {
  return year % 4 === 0 && year % 100 !== 0 || year % 400 === 0;
}
function isoDayNumber(text) {
  if (typeof text !== "string" || !ISO_DATE.test(text)) return null;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > lengths[month - 1]) return null;
  const at = /* @__PURE__ */ new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  return Math.round(at.getTime() / 864e5);
}
function localIsoDate(when) {
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(when.getFullYear(), 4)}-${pad(when.getMonth() + 1, 2)}-${pad(when.getDate(), 2)}`;
}
function isTrusted(record, today2, settings) {
  if (record === null || typeof record !== "object" || Array.isArray(record)) return false;
  const keys = Object.keys(record);
  if (keys.length !== QUIZ_RECORD_FIELDS.length) return false;
  if (QUIZ_RECORD_FIELDS.some((field) => !keys.includes(field))) return false;
  const { outcome, rules } = record;
  if (typeof outcome !== "string" || outcome !== settings.outcome) return false;
  if (typeof rules !== "number" || rules !== settings.rules) return false;
  const day = isoDayNumber(record.date);
  const now = isoDayNumber(today2);
  if (day === null || now === null) return false;
  const age = now - day;
  return age >= 0 && age <= settings.trust_days;
}
function sinceQuizVerdict(signs, ticked, noneOfThese) {
  const levels = new Map(signs.map((sign) => [sign.id, sign.level]));
  for (const level of ["emergency", "urgent"]) {
    if (ticked.some((id) => levels.get(id) === level)) return level;
  }
  return noneOfThese ? "clear" : "unanswered";
}
function readQuizRecord(settings) {
  let text = null;
  try {
    text = window.localStorage.getItem(settings.key);
  } catch (error) {
    return { stored: false, record: null };
  }
  if (text === null) return { stored: false, record: null };
  try {
    return { stored: true, record: JSON.parse(text) };
  } catch (error) {
    return { stored: true, record: void 0 };
  }
}
function forgetQuizRecord(settings) {
  try {
    window.localStorage.removeItem(settings.key);
  } catch (error) {
  }
}

// progress.js
var PROGRESS_MAX_RECORDS = 1e3;
var PROGRESS_MAX_JSON_CHARS = 256 * 1024;
var PROGRESS_MAX_JSON_DEPTH = 32;
var PROGRESS_MAX_HOLD_S = 3600;
var PROGRESS_MAX_INT_DIGITS = 4300;
var RECORD_FIELDS = ["date", "side", "reps", "pain_before", "pain_after", "hold_s"];
var OPTIONAL_FIELDS = ["settled_next_morning", "stop_symptoms"];
var CSV_COLUMNS = [...RECORD_FIELDS, ...OPTIONAL_FIELDS];
var SIDES = ["left", "right"];
var MAX_REPS = 30;
var PAIN_MIN = 0;
var PAIN_MAX = 10;
var WORTHWHILE_DROP_POINTS = 2;
var WORTHWHILE_DROP_FRACTION = 0.3;
var WEEKS_APART_DAYS = 14;
var MORNING_QUESTION_DAYS = 7;
var NO_BETTER = "If it is no better after about 4 to 6 weeks of the routine, see a physiotherapist.";
var BLUE = "#0072B2";
var VERMILLION = "#D55E00";
var BLUISH_GREEN = "#009E73";
var TEXT_COLOUR = "#1a1a1a";
var PY_SPACE = new Set(Array.from(
  "	\n\v\f\r \x85\xA0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000"
));
var RecordError = class extends Error {
};
var Unreadable = class extends Error {
};
function readJson(text) {
  let at = 0;
  const fail = () => {
    throw new Unreadable();
  };
  const space = () => {
    while (at < text.length) {
      const c = text[at];
      if (c !== " " && c !== "	" && c !== "\n" && c !== "\r") break;
      at += 1;
    }
  };
  const constant = (name) => {
    throw new RecordError(`${name} is not a number a record can hold`);
  };
  const digits = () => {
    const from = at;
    while (at < text.length && text[at] >= "0" && text[at] <= "9") at += 1;
    return at - from;
  };
  function number() {
    const from = at;
    if (text[at] === "-") at += 1;
    if (text[at] === "0") at += 1;
    else if (text[at] >= "1" && text[at] <= "9") digits();
    else fail();
    let whole = true;
    if (text[at] === "." && text[at + 1] >= "0" && text[at + 1] <= "9") {
      at += 1;
      digits();
      whole = false;
    }
    if (text[at] === "e" || text[at] === "E") {
      let next = at + 1;
      if (text[next] === "+" || text[next] === "-") next += 1;
      if (text[next] >= "0" && text[next] <= "9") {
        at = next;
        digits();
        whole = false;
      }
    }
    const literal = text.slice(from, at);
    if (!whole) return Number(literal);
    if (literal.replace("-", "").length > PROGRESS_MAX_INT_DIGITS) fail();
    return BigInt(literal);
  }
  function string() {
    at += 1;
    let out = "";
    for (; ; ) {
      const from = at;
      while (at < text.length) {
        const code = text.charCodeAt(at);
        if (code === 34 || code === 92 || code < 32) break;
        at += 1;
      }
      out += text.slice(from, at);
      if (at >= text.length) fail();
      const c = text[at];
      if (c === '"') {
        at += 1;
        return out;
      }
      if (c !== "\\") fail();
      const e = text[at + 1];
      const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "	" };
      if (e === "u") {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
        out += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else if (e !== void 0 && Object.hasOwn(simple, e)) {
        out += simple[e];
        at += 2;
      } else {
        fail();
      }
    }
  }
  function value(depth) {
    const c = text[at];
    if (c === "{" || c === "[") {
      if (depth + 1 > PROGRESS_MAX_JSON_DEPTH) fail();
      return c === "{" ? object(depth + 1) : array(depth + 1);
    }
    if (c === '"') return string();
    if (text.startsWith("null", at)) {
      at += 4;
      return null;
    }
    if (text.startsWith("true", at)) {
      at += 4;
      return true;
    }
    if (text.startsWith("false", at)) {
      at += 5;
      return false;
    }
    if (text.startsWith("NaN", at)) constant("NaN");
    if (text.startsWith("Infinity", at)) constant("Infinity");
    if (text.startsWith("-Infinity", at)) constant("-Infinity");
    if (c === "-" || c >= "0" && c <= "9") return number();
    return fail();
  }
  function array(depth) {
    at += 1;
    const out = [];
    space();
    if (text[at] === "]") {
      at += 1;
      return out;
    }
    for (; ; ) {
      space();
      out.push(value(depth));
      space();
      if (text[at] === "]") {
        at += 1;
        return out;
      }
      if (text[at] !== ",") fail();
      at += 1;
    }
  }
  function object(depth) {
    at += 1;
    const out = /* @__PURE__ */ new Map();
    space();
    if (text[at] === "}") {
      at += 1;
      return out;
    }
    for (; ; ) {
      space();
      if (text[at] !== '"') fail();
      const key = string();
      space();
      if (text[at] !== ":") fail();
      at += 1;
      space();
      out.set(key, value(depth));
      space();
      if (text[at] === "}") {
        at += 1;
        return out;
      }
      if (text[at] !== ",") fail();
      at += 1;
    }
  }
  space();
  const data = value(0);
  space();
  if (at !== text.length) fail();
  return data;
}
function pyStrip(text) {
  let start = 0;
  let end = text.length;
  while (start < end && PY_SPACE.has(text[start])) start += 1;
  while (end > start && PY_SPACE.has(text[end - 1])) end -= 1;
  return text.slice(start, end);
}
function isoDateIsReal(text) {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const leap = year % 4 === 0 && year % 100 !== 0 || year % 400 === 0;
  const lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= lengths[month - 1];
}
function isWhole(value, low, high) {
  return typeof value === "bigint" && BigInt(low) <= value && value <= BigInt(high);
}
function isSeconds(value) {
  if (typeof value === "bigint") return 0n <= value && value <= BigInt(PROGRESS_MAX_HOLD_S);
  return typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= PROGRESS_MAX_HOLD_S;
}
function validateRecord(record, position = null) {
  const where = position === null ? "" : `record ${position}: `;
  const refuse = (field, rule) => new RecordError(`${where}${field}: ${rule}`);
  if (!(record instanceof Map)) {
    throw new RecordError(`${where}must be a set of named values (a JSON object)`);
  }
  for (const key of record.keys()) {
    if (!CSV_COLUMNS.includes(key)) {
      const shown = /^[a-z_]{1,20}$/.test(key) ? key : "a field";
      throw refuse(shown, "is not part of a session record");
    }
  }
  for (const field of RECORD_FIELDS) {
    if (!record.has(field)) throw refuse(field, "is missing (use null for a value not given)");
  }
  const day = record.get("date");
  if (typeof day !== "string" || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(day)) {
    throw refuse("date", "must be a date written YYYY-MM-DD");
  }
  if (!isoDateIsReal(day)) throw refuse("date", "must be a real date written YYYY-MM-DD");
  const side = record.get("side");
  if (typeof side !== "string" || !SIDES.includes(side)) {
    throw refuse("side", 'must be "left" or "right"');
  }
  const reps = record.get("reps");
  if (!isWhole(reps, 1, MAX_REPS)) throw refuse("reps", `must be a whole number from 1 to ${MAX_REPS}`);
  const checked = { date: day, side, reps: Number(reps) };
  for (const field of ["pain_before", "pain_after"]) {
    const value = record.get(field);
    if (value !== null && !isWhole(value, PAIN_MIN, PAIN_MAX)) {
      throw refuse(field, `must be a whole number from ${PAIN_MIN} to ${PAIN_MAX}, or null`);
    }
    checked[field] = value === null ? null : Number(value);
  }
  const hold = record.get("hold_s");
  if (hold !== null && !isSeconds(hold)) {
    throw refuse("hold_s", `must be a number of seconds from 0 to ${PROGRESS_MAX_HOLD_S}, or null`);
  }
  checked.hold_s = hold === null ? null : Number(hold) + 0;
  for (const field of OPTIONAL_FIELDS) {
    const value = record.has(field) ? record.get(field) : null;
    if (value !== null && typeof value !== "boolean") throw refuse(field, "must be true, false or null");
    checked[field] = value;
  }
  return checked;
}
function recordsFromJson(text) {
  if (typeof text !== "string") throw new RecordError("the saved sessions must be JSON text");
  if (text.length > PROGRESS_MAX_JSON_CHARS && [...text].length > PROGRESS_MAX_JSON_CHARS) {
    throw new RecordError(`the saved sessions are too long (over ${PROGRESS_MAX_JSON_CHARS} characters)`);
  }
  const bare = pyStrip(text);
  if (bare === "" || bare === "null") return [];
  let data;
  try {
    data = readJson(text);
  } catch (error) {
    if (error instanceof RecordError) throw error;
    throw new RecordError("the saved sessions cannot be read as JSON");
  }
  if (!Array.isArray(data)) throw new RecordError("the saved sessions must be a JSON list of records");
  if (data.length > PROGRESS_MAX_RECORDS) {
    throw new RecordError(`there are more than ${PROGRESS_MAX_RECORDS} saved sessions`);
  }
  return data.map((item, index) => validateRecord(item, index + 1));
}
function inDateOrder(records) {
  return [...records].sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
}
function pyMax(values) {
  let best = values[0];
  for (const value of values) if (value > best) best = value;
  return best;
}
function fixed1(value) {
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const size = Math.abs(value);
  if (size >= 1e21) return `${sign}${BigInt(size)}.0`;
  let text = size.toFixed(1);
  const quarters = size * 4;
  if (Number.isInteger(quarters) && quarters % 2 === 1) {
    const exact = size.toFixed(2);
    if (Number(exact[exact.length - 2]) % 2 === 0) text = exact.slice(0, -1);
  }
  return sign + text;
}
function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}
function summarise(records) {
  const checked = inDateOrder(records);
  const changes = checked.filter((r) => r.pain_before !== null && r.pain_after !== null).map((r) => r.pain_after - r.pain_before);
  const holds = checked.filter((r) => r.hold_s !== null).map((r) => r.hold_s);
  const rated = checked.filter((r) => r.pain_before !== null);
  const first = rated.length ? rated[0] : null;
  const latest = rated.length ? rated[rated.length - 1] : null;
  return {
    sessions: checked.length,
    first_date: checked.length ? checked[0].date : null,
    last_date: checked.length ? checked[checked.length - 1].date : null,
    rated_sessions: changes.length,
    average_pain_change: changes.length ? changes.reduce((a, b) => a + b, 0) / changes.length : null,
    latest_hold_s: holds.length ? holds[holds.length - 1] : null,
    first_pain_date: first === null ? null : first.date,
    first_pain_before: first === null ? null : first.pain_before,
    latest_pain_date: latest === null ? null : latest.date,
    latest_pain_before: latest === null ? null : latest.pain_before
  };
}
function points(value) {
  let text = fixed1(Math.abs(value));
  if (text.endsWith(".0")) text = text.slice(0, -2);
  return `${text} point${text === "1" ? "" : "s"}`;
}
function held(seconds) {
  const whole = Math.trunc(seconds);
  return whole < 60 ? `${whole} s` : `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, "0")} s`;
}
function dayNumber(text) {
  const at = /* @__PURE__ */ new Date(0);
  at.setUTCFullYear(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  return Math.round(at.getTime() / 864e5);
}
function worthwhileDrop(first, latest) {
  const drop = first - latest;
  return drop >= WORTHWHILE_DROP_POINTS || first > 0 && drop > 0 && drop / first >= WORTHWHILE_DROP_FRACTION;
}
function overWeeks(summary) {
  const first = summary.first_pain_before;
  const latest = summary.latest_pain_before;
  if (first === null || latest === null) return null;
  if (dayNumber(summary.latest_pain_date) - dayNumber(summary.first_pain_date) < WEEKS_APART_DAYS) return null;
  const when = `${first} on ${summary.first_pain_date}`;
  const lately = `${latest} on ${summary.latest_pain_date}`;
  if (worthwhileDrop(first, latest)) {
    return `Pain before a session went from ${when} to ${lately}: down by ${points(first - latest)}. Over weeks, a drop of 2 points, or of 30%, is about the smallest change that people find worthwhile.`;
  }
  let text;
  if (latest < first) {
    text = `Pain before a session went from ${when} to ${lately}: down by ${points(first - latest)}, less than the 2 points, or 30%, that people find worthwhile over weeks.`;
  } else if (latest === first) {
    text = `Pain before a session was ${when} and ${lately}.`;
  } else {
    text = `Pain before a session went from ${when} to ${lately}: up by ${points(latest - first)}.`;
  }
  return `${text} ${NO_BETTER}`;
}
function summaryText(summary) {
  if (summary.sessions === 0) return "No sessions recorded yet.";
  const count = summary.sessions === 1 ? "1 session" : `${summary.sessions} sessions`;
  const parts = summary.first_date === summary.last_date ? [`${count}, on ${summary.last_date}.`] : [`${count}, from ${summary.first_date} to ${summary.last_date}.`];
  const change = summary.average_pain_change;
  if (change === null) {
    parts.push("No session has a pain score both before and after.");
  } else {
    const rated = summary.rated_sessions;
    const over = rated === 1 ? "the 1 session" : `the ${rated} sessions`;
    let moved;
    if (Math.abs(change) < 0.05) moved = "stayed the same on average";
    else if (change < 0) moved = `went down by ${points(change)} on average`;
    else moved = `went up by ${points(change)} on average`;
    parts.push(`Pain ${moved} from before to after, over ${over} with both scores.`);
  }
  const weeks = overWeeks(summary);
  if (weeks !== null) parts.push(weeks);
  if (summary.latest_hold_s !== null) parts.push(`Latest long hold: ${held(summary.latest_hold_s)}.`);
  return parts.join(" ");
}
function sessionToAskAbout(records, today2) {
  if (!records.length) return null;
  const last = records[records.length - 1];
  if (last.pain_after === null || last.settled_next_morning !== null) return null;
  const days = dayNumber(today2) - dayNumber(last.date);
  return days >= 1 && days <= MORNING_QUESTION_DAYS ? records.length - 1 : null;
}
var FORMULA_START = ["=", "+", "-", "@", "	", "\r", "\n"];
function cell(field, value) {
  if (value === null) return "";
  let text;
  if (typeof value === "boolean") text = value ? "yes" : "no";
  else text = field === "hold_s" ? fixed1(value) : String(value);
  if (FORMULA_START.some((start) => text.startsWith(start))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function toCsv(records) {
  const rows = [CSV_COLUMNS.join(",")];
  for (const record of inDateOrder(records)) {
    rows.push(CSV_COLUMNS.map((field) => cell(field, record[field])).join(","));
  }
  return rows.map((row) => `${row}\r
`).join("");
}
var WIDTH = 360;
var LEFT = 40;
var RIGHT = 276;
var PAIN_TOP = 44;
var PAIN_BOTTOM = 164;
var HOLD_TOP = 222;
var HOLD_BOTTOM = 322;
var HEIGHT = 366;
var MARKERS_UP_TO = 60;
function niceCeiling(value) {
  for (const step of [10, 20, 30, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 3600]) {
    if (value <= step) return step;
  }
  return Math.ceil(value);
}
function xAt(index, count) {
  return count === 1 ? (LEFT + RIGHT) / 2 : LEFT + (RIGHT - LEFT) * index / (count - 1);
}
function linePath(pointList) {
  const commands = [];
  let penDown = false;
  for (const point of pointList) {
    if (point === null) {
      penDown = false;
      continue;
    }
    commands.push(`${penDown ? "L" : "M"}${fixed1(point[0])} ${fixed1(point[1])}`);
    penDown = true;
  }
  return commands.join(" ");
}
function svgText(x, y, text, size = 14, anchor = "start", extra = {}) {
  const attributes = Object.entries(extra).map(([key, value]) => ` ${key.replace(/_/g, "-")}="${escapeHtml(value)}"`).join("");
  return `<text x="${fixed1(x)}" y="${fixed1(y)}" font-size="${size}" text-anchor="${anchor}" fill="${TEXT_COLOUR}"${attributes}>${escapeHtml(text)}</text>`;
}
function apart(first, second, gap = 17) {
  if (Math.abs(first - second) >= gap) return [first, second];
  const middle = (first + second) / 2;
  const half = gap / 2;
  return first <= second ? [middle - half, middle + half] : [middle + half, middle - half];
}
function description(records, summary) {
  if (!records.length) return "No sessions recorded yet, so there is nothing to draw.";
  const parts = [summaryText(summary)];
  const before = records.filter((r) => r.pain_before !== null).map((r) => r.pain_before);
  const after = records.filter((r) => r.pain_after !== null).map((r) => r.pain_after);
  if (before.length) parts.push(`Pain before a session: first ${before[0]}, latest ${before[before.length - 1]}.`);
  if (after.length) parts.push(`Pain after a session: first ${after[0]}, latest ${after[after.length - 1]}.`);
  return parts.join(" ");
}
function historySvg(records, idPrefix = "lowback-history") {
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(idPrefix)) {
    throw new Error("id_prefix must be lower-case letters, digits and hyphens");
  }
  const ordered = inDateOrder(records);
  const summary = summarise(ordered);
  const title = "Your sessions: pain before and after, and the long hold";
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const height = ordered.length ? HEIGHT : 90;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" class="lowback-history" style="max-width: 36rem; height: auto; display: block; font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif">`,
    `<title id="${titleId}">${escapeHtml(title)}</title>`,
    `<desc id="${descId}">${escapeHtml(description(ordered, summary))}</desc>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`
  ];
  if (!ordered.length) {
    parts.push(svgText(WIDTH / 2, 50, "No sessions recorded yet", 16, "middle"));
    parts.push("</svg>");
    return parts.join("");
  }
  parts.push(...painPanel(ordered), ...holdPanel(ordered));
  const first = ordered[0].date;
  const last = ordered[ordered.length - 1].date;
  if (first === last) {
    parts.push(svgText((LEFT + RIGHT) / 2, HEIGHT - 14, first, 14, "middle"));
  } else {
    parts.push(svgText(LEFT, HEIGHT - 14, first, 14, "start"));
    parts.push(svgText(RIGHT, HEIGHT - 14, last, 14, "end"));
  }
  parts.push("</svg>");
  return parts.join("");
}
function painPanel(records) {
  const count = records.length;
  const y = (pain) => PAIN_BOTTOM - (PAIN_BOTTOM - PAIN_TOP) * (pain - PAIN_MIN) / (PAIN_MAX - PAIN_MIN);
  const parts = [svgText(4, PAIN_TOP - 20, "Pain, 0 to 10", 16, "start", { font_weight: "bold" })];
  for (const tick of [0, 5, 10]) {
    parts.push(
      `<line x1="${LEFT}" x2="${RIGHT}" y1="${fixed1(y(tick))}" y2="${fixed1(y(tick))}" stroke="#d0d0d0" stroke-width="1"/>`
    );
    parts.push(svgText(LEFT - 8, y(tick) + 5, String(tick), 14, "end"));
  }
  const labels = [];
  for (const [field, colour, word] of [["pain_before", BLUE, "before"], ["pain_after", VERMILLION, "after"]]) {
    const pointList = records.map((r, i) => r[field] === null ? null : [xAt(i, count), y(r[field])]);
    parts.push(`<path d="${linePath(pointList)}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
    if (count <= MARKERS_UP_TO) {
      for (const point of pointList) {
        if (point === null) continue;
        if (field === "pain_before") {
          parts.push(`<circle cx="${fixed1(point[0])}" cy="${fixed1(point[1])}" r="5" fill="${colour}"/>`);
        } else {
          parts.push(
            `<rect x="${fixed1(point[0] - 4.5)}" y="${fixed1(point[1] - 4.5)}" width="9" height="9" fill="${colour}"/>`
          );
        }
      }
    }
    const shown = pointList.filter((p) => p !== null);
    if (shown.length) labels.push([word, shown[shown.length - 1][1], colour]);
  }
  if (labels.length === 2) [labels[0][1], labels[1][1]] = apart(labels[0][1], labels[1][1]);
  for (const [word, at, colour] of labels) {
    parts.push(
      `<line x1="${RIGHT + 6}" x2="${RIGHT + 18}" y1="${fixed1(at)}" y2="${fixed1(at)}" stroke="${colour}" stroke-width="4"/>`
    );
    parts.push(svgText(RIGHT + 22, at + 5, word, 15));
  }
  return parts;
}
function holdPanel(records) {
  const count = records.length;
  const holds = records.filter((r) => r.hold_s !== null).map((r) => r.hold_s);
  const parts = [svgText(4, HOLD_TOP - 20, "Long hold, seconds", 16, "start", { font_weight: "bold" })];
  const top = holds.length ? niceCeiling(pyMax(holds)) : 60;
  const y = (seconds) => HOLD_BOTTOM - (HOLD_BOTTOM - HOLD_TOP) * seconds / top;
  for (const tick of [0, top]) {
    parts.push(
      `<line x1="${LEFT}" x2="${RIGHT}" y1="${fixed1(y(tick))}" y2="${fixed1(y(tick))}" stroke="#d0d0d0" stroke-width="1"/>`
    );
    parts.push(svgText(LEFT - 8, y(tick) + 5, String(tick), 14, "end"));
  }
  if (!holds.length) {
    parts.push(svgText((LEFT + RIGHT) / 2, (HOLD_TOP + HOLD_BOTTOM) / 2 + 5, "No hold timed yet", 14, "middle"));
    return parts;
  }
  const pointList = records.map((r, i) => r.hold_s === null ? null : [xAt(i, count), y(r.hold_s)]);
  parts.push(`<path d="${linePath(pointList)}" fill="none" stroke="${BLUISH_GREEN}" stroke-width="2.5"/>`);
  if (count <= MARKERS_UP_TO) {
    for (const point of pointList) {
      if (point === null) continue;
      const [cx, cy] = point;
      parts.push(
        `<path d="M${fixed1(cx)} ${fixed1(cy - 6)} L${fixed1(cx + 6)} ${fixed1(cy)} L${fixed1(cx)} ${fixed1(cy + 6)} L${fixed1(cx - 6)} ${fixed1(cy)} Z" fill="${BLUISH_GREEN}"/>`
      );
    }
  }
  parts.push(svgText(WIDTH - 4, HOLD_TOP - 20, `latest ${held(holds[holds.length - 1])}`, 15, "end"));
  return parts;
}

// session_history.js
function loadSessions(store) {
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
function saveSessions(store, list) {
  try {
    window.localStorage.setItem(store.key, JSON.stringify(list.slice(-store.max)));
    return true;
  } catch (error) {
    return false;
  }
}
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
    stored: records.length > 0
  };
}
function sessionHistory(store, words, uid, onDeleted) {
  const chart = el("div", { class: "lowback-history-chart" });
  const summary = el("p", { class: "lowback-history-summary", role: "status", tabindex: "-1" });
  const csvLink = el("a", { class: "lowback-button", download: "my-back-routine-sessions.csv", text: words.history_download });
  const deleteButton = el("button", { type: "button", class: "lowback-button", text: words.history_delete });
  const deleteSure = el("button", { type: "button", class: "lowback-button", text: words.history_delete_sure, hidden: "" });
  const deleteCancel = el("button", { type: "button", class: "lowback-button", text: words.history_delete_cancel, hidden: "" });
  const box = el(
    "section",
    { class: "lowback-history-box", "aria-label": words.history_title },
    el("h4", { text: words.history_title }),
    el("p", { text: words.history_where }),
    chart,
    summary,
    el("div", { class: "lowback-history-actions" }, csvLink, deleteButton, deleteSure, deleteCancel)
  );
  let csvUrl = null;
  function draw() {
    const view = historyView(savedText(store), words, `lowback-history-${uid}`);
    chart.innerHTML = view.svg;
    summary.replaceChildren(...view.summary.split(/([0-9]{4}-[0-9]{2}-[0-9]{2})/).map(
      (part, i) => i % 2 ? el("span", { class: "lowback-nowrap", text: part }) : part
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
    }
    onDeleted();
    deleteSure.hidden = true;
    deleteCancel.hidden = true;
    draw();
    summary.focus();
  });
  return { box, draw };
}

// pain_light.js
function points2(n) {
  return n === 1 ? `${n} point` : `${n} points`;
}
function reasonFor(rule, before, after, stopSymptoms, settled) {
  const rise = before === null || after === null ? null : after - before;
  if (stopSymptoms) return "stop_symptoms";
  if (after !== null && after >= rule.stop_from) return "severe";
  if (settled === false) return "not_settled";
  if (after !== null && after > rule.acceptable_max) return "high";
  if (rise !== null && rise > rule.expected_rise_max) return "big_rise";
  if (settled === true) return "settled";
  if (after === null) return null;
  if (rise === null) return "after_only";
  if (rise > 0) return "small_rise";
  return rise === 0 ? "same" : "less";
}
function painLight(rule, before, after, { stopSymptoms = false, settledNextMorning = null } = {}) {
  const settled = settledNextMorning === true || settledNextMorning === false ? settledNextMorning : null;
  const reason = reasonFor(rule, before, after, stopSymptoms === true, settled);
  if (reason === null) return null;
  const words = rule.lights[reason];
  const change = before === null || after === null ? null : points2(Math.abs(after - before));
  let message = words.message.replaceAll("{before}", String(before)).replaceAll("{after}", String(after)).replaceAll("{change}", String(change));
  if (settled === null && Object.hasOwn(rule.check_tomorrow, words.colour)) {
    message += ` ${rule.check_tomorrow[words.colour]}`;
  }
  return { colour: words.colour, reason, headline: words.headline, message };
}

// pain_panel.js
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
    }
  };
}
function lightPanel(pain) {
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
      el("p", { text: light.message })
    );
  }
  return { box, show };
}
function stopCheck(pain, uid, onChange) {
  const ask = yesNo(pain.words, `lowback-stop-${uid}`);
  ask.legend.textContent = pain.words.stop_question;
  ask.box.classList.add("lowback-stop-check");
  ask.onChange(onChange);
  return ask;
}
function sessionLight(pain, before, after, stopSymptoms) {
  return painLight(pain.rule, before, after, { stopSymptoms: stopSymptoms === true, settledNextMorning: null });
}
function storedText(store) {
  try {
    return window.localStorage.getItem(store.key) || "";
  } catch (error) {
    return "";
  }
}
function morningCheck(pain, store, uid, today2, dateText, onSaved) {
  const ask = yesNo(pain.words, `lowback-morning-${uid}`);
  const light = lightPanel(pain);
  const box = el("div", { class: "lowback-morning", hidden: "" }, ask.box, light.box);
  let asking = null;
  function draw() {
    if (asking !== null && ask.value() !== null) return;
    let records;
    try {
      records = recordsFromJson(storedText(store));
    } catch (error) {
      records = [];
    }
    const day = today2();
    const index = sessionToAskAbout(records, day);
    if (index === null) {
      asking = null;
      box.hidden = true;
      return;
    }
    const record = records[index];
    const yesterday = isoDayNumber(day) - isoDayNumber(record.date) === 1;
    ask.legend.textContent = yesterday ? pain.words.morning_question : pain.words.morning_question_later.replace("{date}", dateText(record.date));
    asking = { index, count: records.length, record };
    box.hidden = false;
  }
  ask.onChange(() => {
    if (asking === null) return;
    const answer = ask.value();
    const list = loadSessions(store);
    const kept = list[asking.index];
    if (list.length === asking.count && kept && kept.date === asking.record.date) {
      kept.settled_next_morning = answer;
      saveSessions(store, list);
      onSaved();
    }
    const r = asking.record;
    light.show(painLight(pain.rule, r.pain_before, r.pain_after, {
      stopSymptoms: r.stop_symptoms === true,
      settledNextMorning: answer
    }));
  });
  return { box, draw };
}

// plan_shown.js
var SLOW_S = 8;
function nowS() {
  return performance.now() / 1e3;
}
function planShown(model, words, uid, redraw) {
  const title = el("h4", { class: "lowback-plan-title", id: `lowback-plan-title-${uid}`, text: words.plan_title });
  const origin = el("p", { class: "lowback-plan-origin" });
  const rows = el("dl", { class: "lowback-plan-rows" });
  const check = el("p", { class: "lowback-plan-check", text: words.plan_check });
  const status = el("p", { class: "lowback-plan-status", role: "status" });
  const box = el("section", { class: "lowback-plan-box", "aria-labelledby": title.id }, title, origin, rows, check, status);
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
      Promise.resolve(manager.get_model(id)).then((found) => {
        if (!found) return;
        boxes[name] = found;
        found.on("change:value change:index", onBox);
        redraw();
      }).catch(() => {
      });
    }
  }
  function shownSetting(name, found) {
    return name === "side" ? (model.get("plan").side_options || [])[found.get("index")] : found.get("value");
  }
  function behind() {
    const held2 = model.get("plan");
    if (sentQuery && !held2.link_read) return true;
    return Object.entries(boxes).some(
      ([name, found]) => found !== null && shownSetting(name, found) !== (held2.settings || {})[name]
    );
  }
  function draw(running) {
    const held2 = model.get("plan");
    box.hidden = running;
    if (held2 !== drawn) {
      drawn = held2;
      origin.textContent = held2.shown.title;
      rows.replaceChildren(...held2.shown.rows.map(([label, value]) => el(
        "div",
        { class: "lowback-plan-row" },
        el("dt", { text: `${label}:` }),
        el("dd", { text: value })
      )));
    }
    const late = behind();
    behindSince = late ? behindSince === null ? nowS() : behindSince : null;
    const slow = late && nowS() - behindSince >= SLOW_S;
    const said = late ? slow ? held2.words.plan_slow : held2.words.plan_updating : "";
    if (status.textContent !== said) status.textContent = said;
    if (late && !slow && slowTimer === null) {
      slowTimer = window.setTimeout(() => {
        slowTimer = null;
        redraw();
      }, SLOW_S * 1e3 + 50);
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

// region_choice.js
function regionChoice(settings, uid, onChange) {
  const first = settings();
  const words = first.words;
  let tapped = null;
  let asking = false;
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

// since_quiz.js
function sinceQuizCheck(check, uid, onChange, regionOf = () => null) {
  const words = check.words;
  const adviceFor = () => (check.by_region || {})[regionOf() || ""] || {
    emergency: words.emergency,
    urgent: words.urgent,
    calls: check.calls
  };
  const boxes = /* @__PURE__ */ new Map();
  const row = (id, text, extraClass) => {
    const input = el("input", { type: "checkbox", id: `lowback-since-${id}-${uid}` });
    const label = el(
      "label",
      { class: `lowback-since-row${extraClass}`, for: input.id },
      input,
      el("span", { text })
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
    "fieldset",
    { class: "lowback-since", "aria-describedby": hint.id },
    legend,
    hint,
    list,
    advice
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
          class: "lowback-call-link",
          href: `tel:${call.number}`,
          text: `Call ${call.number} (${call.where})`
        }));
      }
      parts.push(calls);
    }
    advice.replaceChildren(...parts);
  }
  for (const input of boxes.values()) {
    input.addEventListener("change", () => {
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
      const target = level === "emergency" || level === "urgent" ? ticked().map((id) => boxes.get(id))[0] : boxes.values().next().value || none.input;
      box.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    },
    firstBox() {
      return boxes.values().next().value || none.input;
    }
  };
}

// player_view.js
var TICK_MS = 100;
var UPRIGHT_PHONE = "(orientation: portrait) and (max-width: 700px)";
var PAIN_WAIT_S = 60;
var SETTLE_S = 0.6;
function nowS2() {
  return performance.now() / 1e3;
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
  return localIsoDate(/* @__PURE__ */ new Date());
}
function readableDate(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const at = new Date(year, month - 1, day);
  try {
    return at.toLocaleDateString(void 0, { day: "numeric", month: "long", year: "numeric" });
  } catch (error) {
    return iso;
  }
}
var player_view_default = {
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
    const root = el("div", { class: "lowback-player" });
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
      "div",
      { class: "lowback-quiz-ask lowback-panel lowback-panel--see_clinician" },
      quizNote,
      quizQuestion,
      quizLink,
      " ",
      quizDone
    );
    const keptText = el("p", { class: "lowback-quiz-kept-text" });
    const forgetQuiz = el("button", { type: "button", class: "lowback-button", text: words0.quiz_forget });
    const quizKept = el("div", { class: "lowback-quiz-kept" }, keptText, forgetQuiz);
    function readQuiz() {
      const { stored, record } = readQuizRecord(memory);
      quizStored = stored;
      quizTrusted = stored && isTrusted(record, today(), memory);
      keptText.textContent = quizTrusted ? words0.quiz_kept.replace("{date}", readableDate(record.date)) : words0.quiz_kept_unused;
    }
    readQuiz();
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
    const historyBox = sessionHistory(model.get("plan").sessions, words0, uid, () => {
      recordIndex = null;
      morning.draw();
    });
    const morning = morningCheck(pain, model.get("plan").sessions, uid, today, readableDate, () => historyBox.draw());
    const shownPlan = planShown(model, words0, uid, () => draw());
    root.append(region.box, morning.box, quizKept, quizAsk, since.box, before.wrap, display, figure, shownPlan.box, buttons, mute, message, afterBox, historyBox.box, sounds);
    host.append(root);
    let runPlan = null;
    const plan = () => runPlan || model.get("plan");
    const schedule = () => plan().phases;
    function tellRegion() {
      try {
        model.set("region", region.current() || "");
        model.save_changes();
      } catch (error) {
      }
    }
    function say(text) {
      message.textContent = text || "";
    }
    function drawStart() {
      const blocked = since.verdict() !== "clear" || shownPlan.behind();
      if (blocked) startButton.setAttribute("aria-disabled", "true");
      else startButton.removeAttribute("aria-disabled");
    }
    let heldFrames = [];
    function preloadFrames() {
      heldFrames = Object.values(model.get("pictures") || {}).flatMap((picture) => [picture.src, picture.phone_src].filter((src) => typeof src === "string").map((src) => {
        const image = new Image();
        image.src = src;
        image.decode().catch(() => {
        });
        return image;
      }));
    }
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
      if (on && root.parentNode !== document.body) {
        document.body.append(root);
        root.scrollTop = 0;
      } else if (!on && root.parentNode !== host) {
        host.append(root);
      }
      root.classList.toggle("lowback-exercise", on);
      document.documentElement.classList.toggle("lowback-exercising", on);
    }
    function draw() {
      const now = nowS2();
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
        if (due.length) play(due[due.length - 1]);
      }
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
      const wait = next === null ? TICK_MS : Math.min(TICK_MS, next * 1e3 + 2);
      timerId = window.setTimeout(loop, wait);
    }
    function wake() {
      if (timerId !== null) window.clearTimeout(timerId);
      loop();
    }
    function endedAtCap(status) {
      doneAtS = nowS2();
      letGo();
      keepRecord(status);
      report();
    }
    let heldSounds = {};
    function preloadSounds() {
      const sounds2 = model.get("sounds") || {};
      for (const url of Object.values(heldSounds)) URL.revokeObjectURL(url);
      heldSounds = {};
      for (const [kind, src] of Object.entries(sounds2)) {
        if (typeof src !== "string" || src.startsWith("data:")) continue;
        fetch(src).then((response) => response.ok ? response.blob() : null).then((blob) => {
          if (blob && (model.get("sounds") || {})[kind] === src) {
            heldSounds[kind] = URL.createObjectURL(blob);
          }
        }).catch(() => {
        });
      }
    }
    function play(kind) {
      if (muteBox.checked) return;
      const src = heldSounds[kind] || (model.get("sounds") || {})[kind];
      if (!src) return;
      const audio = el("audio", { src, class: "lowback-cue-tone" });
      sounds.replaceChildren(audio);
      const played = audio.play();
      if (played && played.catch) played.catch(() => {
      });
    }
    muteBox.addEventListener("change", () => {
      if (muteBox.checked) sounds.replaceChildren();
    });
    async function holdWake() {
      if (!("wakeLock" in navigator) || wakeLock !== null) return;
      try {
        wakeLock = await navigator.wakeLock.request("screen");
        wakeLock.addEventListener("release", () => {
          wakeLock = null;
        });
      } catch (error) {
        wakeLock = null;
      }
    }
    function letGo() {
      const lock = wakeLock;
      wakeLock = null;
      if (lock) lock.release().catch(() => {
      });
    }
    document.addEventListener("visibilitychange", () => {
      const status = statusAt(schedule(), events, nowS2());
      if (document.visibilityState === "visible" && status.running) holdWake();
    });
    function report() {
      try {
        model.set("events", events.map(([kind, t]) => [kind, t]));
        model.set("now_s", nowS2());
        model.save_changes();
      } catch (error) {
      }
    }
    function press(kind) {
      events.push([kind, nowS2()]);
      report();
    }
    function stray(event) {
      return event.detail > 0 && nowS2() < settledAt;
    }
    startButton.addEventListener("click", () => {
      const status = statusAt(schedule(), events, nowS2());
      const words = plan().words;
      if (status.started && !status.done) {
        say(words.already_running);
        return;
      }
      const verdict = since.verdict();
      if (verdict !== "clear") {
        exerciseMode(false);
        say(verdict === "unanswered" ? plan().since_quiz.words.unanswered : plan().since_quiz.words.not_today);
        since.focus();
        return;
      }
      if (shownPlan.behind()) {
        say(model.get("plan").words.plan_wait);
        return;
      }
      if (status.done) events = [];
      runPlan = model.get("plan");
      since.reset();
      quizAnswered = true;
      lastElapsed = 0;
      doneAtS = null;
      recordIndex = null;
      say("");
      press("start");
      settledAt = nowS2() + SETTLE_S;
      exerciseMode(true);
      holdWake();
      wake();
      pauseButton.focus({ preventScroll: true });
      root.scrollTop = 0;
    });
    pauseButton.addEventListener("click", (event) => {
      if (stray(event)) return;
      const status = statusAt(schedule(), events, nowS2());
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
      const status = statusAt(schedule(), events, nowS2());
      if (!status.started || status.done || status.index !== schedule().length - 1) {
        say(plan().words.finish_only_in_hold);
        return;
      }
      press("finish_hold");
      say("");
      letGo();
      doneAtS = nowS2();
      keepRecord(statusAt(schedule(), events, nowS2()));
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
      painWait.textContent = ready ? plan().words.rate_now : `${plan().words.rate_in} ${formatSecondsLeft(left)}`;
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
        }
        if (name === "pain_after") keepRecord(null);
        showLight();
      });
    }
    function showLight() {
      painMessage.show(sessionLight(pain, painValue(before.select), painValue(after.select), stop.value()));
    }
    function keepRecord(status) {
      const store = plan().sessions;
      const list = loadSessions(store);
      const routine = plan().routine;
      let record = recordIndex !== null ? list[recordIndex] : null;
      if (!record) {
        record = {
          date: today(),
          side: routine.side,
          reps: routine.reps,
          pain_before: painValue(before.select),
          pain_after: null,
          hold_s: null
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
    {
      try {
        model.set("page_url", `${window.location.origin}${window.location.pathname}`.slice(0, 2048));
        if (window.location.search) model.set("query", window.location.search.slice(0, 8192));
        model.set("region", region.current() || "");
        model.save_changes();
      } catch (error) {
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
  }
};
export {
  player_view_default as default
};
