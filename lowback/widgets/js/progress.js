// The reader's own session records in the browser: a line-for-line mirror of lowback/progress.py.
//
// The page reads the records from localStorage, checks them, sums them up, draws the chart and
// writes the CSV itself, so any number of records (up to the cap) works without sending them
// to the kernel. Every rule and every word is Python's: tests/js/test_progress_js.py runs
// these functions under Node against lowback.progress on the same stored text (good, old,
// long and hostile) and compares the summary, the SVG and the CSV byte for byte, and the error
// messages too. The text is read by a JSON reader of its own, because a record's rules need
// what Python's reader sees and JSON.parse hides: whether a number was written as a whole
// number (10) or not (10.0), the order of the keys, and NaN and Infinity named as such.

const PROGRESS_MAX_RECORDS = 1000;
const PROGRESS_MAX_JSON_CHARS = 256 * 1024;
const PROGRESS_MAX_JSON_DEPTH = 32;
const PROGRESS_MAX_HOLD_S = 3600;
// Python reads a whole number of more digits than this as an error (sys.int_info).
const PROGRESS_MAX_INT_DIGITS = 4300;
const RECORD_FIELDS = ["date", "side", "reps", "pain_before", "pain_after", "hold_s"];
const OPTIONAL_FIELDS = ["settled_next_morning", "stop_symptoms"];
export const CSV_COLUMNS = [...RECORD_FIELDS, ...OPTIONAL_FIELDS];
const SIDES = ["left", "right"];
const MAX_REPS = 30;
const PAIN_MIN = 0;
const PAIN_MAX = 10;
// lowback.pain: the change that matters over weeks (Ostelo et al. 2008), and lowback.progress:
// how far apart "over weeks" is, and how long after a session the next visit asks about it.
const WORTHWHILE_DROP_POINTS = 2;
const WORTHWHILE_DROP_FRACTION = 0.3;
const WEEKS_APART_DAYS = 14;
const MORNING_QUESTION_DAYS = 7;
const NO_BETTER = "If it is no better after about 4 to 6 weeks of the routine, see a physiotherapist.";
const BLUE = "#0072B2";
const VERMILLION = "#D55E00";
const BLUISH_GREEN = "#009E73";
const TEXT_COLOUR = "#1a1a1a";
// What Python's str.strip() takes away.
const PY_SPACE = new Set(Array.from(
  "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" +
  "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000",
));

export class RecordError extends Error {}

// -- reading the text as Python's json.loads does ------------------------------------------------
// Objects become Maps (Python's dict: the first place of a key, its last value), whole numbers
// BigInts (Python's int), other numbers Numbers (Python's float).

class Unreadable extends Error {}

function readJson(text) {
  let at = 0;
  const fail = () => { throw new Unreadable(); };
  const space = () => {
    while (at < text.length) {
      const c = text[at];
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") break;
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
    at += 1; // the opening quote
    let out = "";
    for (;;) {
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
      if (c !== "\\") fail(); // a control character
      const e = text[at + 1];
      const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e === "u") {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail();
        out += String.fromCharCode(parseInt(hex, 16));
        at += 6;
      } else if (e !== undefined && Object.hasOwn(simple, e)) {
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
    if (text.startsWith("null", at)) { at += 4; return null; }
    if (text.startsWith("true", at)) { at += 4; return true; }
    if (text.startsWith("false", at)) { at += 5; return false; }
    if (text.startsWith("NaN", at)) constant("NaN");
    if (text.startsWith("Infinity", at)) constant("Infinity");
    if (text.startsWith("-Infinity", at)) constant("-Infinity");
    if (c === "-" || (c >= "0" && c <= "9")) return number();
    return fail();
  }
  function array(depth) {
    at += 1;
    const out = [];
    space();
    if (text[at] === "]") { at += 1; return out; }
    for (;;) {
      space();
      out.push(value(depth));
      space();
      if (text[at] === "]") { at += 1; return out; }
      if (text[at] !== ",") fail();
      at += 1;
    }
  }
  function object(depth) {
    at += 1;
    const out = new Map();
    space();
    if (text[at] === "}") { at += 1; return out; }
    for (;;) {
      space();
      if (text[at] !== '"') fail();
      const key = string();
      space();
      if (text[at] !== ":") fail();
      at += 1;
      space();
      out.set(key, value(depth));
      space();
      if (text[at] === "}") { at += 1; return out; }
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

// -- one record ----------------------------------------------------------------------------------

function isoDateIsReal(text) {
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
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

// A checked record from a Map (as readJson makes it), or RecordError: lowback.progress.validate_record.
export function validateRecord(record, position = null) {
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
  checked.hold_s = hold === null ? null : Number(hold) + 0; // (-0.0 reads as 0.0)
  for (const field of OPTIONAL_FIELDS) {
    const value = record.has(field) ? record.get(field) : null;
    if (value !== null && typeof value !== "boolean") throw refuse(field, "must be true, false or null");
    checked[field] = value;
  }
  return checked;
}

// The checked records in `text`, the list the page keeps: lowback.progress.records_from_json.
export function recordsFromJson(text) {
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
  // Stable: sessions of the same day keep the order they were recorded in.
  return [...records].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// Python's max(): the first of the largest.
function pyMax(values) {
  let best = values[0];
  for (const value of values) if (value > best) best = value;
  return best;
}

// Python's f"{value:.1f}": the nearest, and a tie (only ever x.x5 exactly) to the even digit.
export function fixed1(value) {
  const sign = value < 0 || Object.is(value, -0) ? "-" : "";
  const size = Math.abs(value);
  if (size >= 1e21) return `${sign}${BigInt(size)}.0`;
  let text = size.toFixed(1);
  const quarters = size * 4;
  if (Number.isInteger(quarters) && quarters % 2 === 1) {
    const exact = size.toFixed(2); // n.25 or n.75, exactly
    if (Number(exact[exact.length - 2]) % 2 === 0) text = exact.slice(0, -1);
  }
  return sign + text;
}

// Python's html.escape.
function escapeHtml(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
}

// -- summary -------------------------------------------------------------------------------------

export function summarise(records) {
  const checked = inDateOrder(records);
  const changes = checked
    .filter((r) => r.pain_before !== null && r.pain_after !== null)
    .map((r) => r.pain_after - r.pain_before);
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
    latest_pain_before: latest === null ? null : latest.pain_before,
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

// The day number of a real date written YYYY-MM-DD (date.fromisoformat's ordinal, shifted).
function dayNumber(text) {
  const at = new Date(0);
  at.setUTCFullYear(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  return Math.round(at.getTime() / 86400000);
}

// lowback.pain.worthwhile_drop.
function worthwhileDrop(first, latest) {
  const drop = first - latest;
  return drop >= WORTHWHILE_DROP_POINTS || (first > 0 && drop > 0 && drop / first >= WORTHWHILE_DROP_FRACTION);
}

function overWeeks(summary) {
  const first = summary.first_pain_before;
  const latest = summary.latest_pain_before;
  if (first === null || latest === null) return null;
  if (dayNumber(summary.latest_pain_date) - dayNumber(summary.first_pain_date) < WEEKS_APART_DAYS) return null;
  const when = `${first} on ${summary.first_pain_date}`;
  const lately = `${latest} on ${summary.latest_pain_date}`;
  if (worthwhileDrop(first, latest)) {
    return `Pain before a session went from ${when} to ${lately}: down by ` +
      `${points(first - latest)}. Over weeks, a drop of 2 points, or of 30%, is about the ` +
      "smallest change that people find worthwhile.";
  }
  let text;
  if (latest < first) {
    text = `Pain before a session went from ${when} to ${lately}: down by ` +
      `${points(first - latest)}, less than the 2 points, or 30%, that people find ` +
      "worthwhile over weeks.";
  } else if (latest === first) {
    text = `Pain before a session was ${when} and ${lately}.`;
  } else {
    text = `Pain before a session went from ${when} to ${lately}: up by ${points(latest - first)}.`;
  }
  return `${text} ${NO_BETTER}`;
}

export function summaryText(summary) {
  if (summary.sessions === 0) return "No sessions recorded yet.";
  const count = summary.sessions === 1 ? "1 session" : `${summary.sessions} sessions`;
  const parts = summary.first_date === summary.last_date
    ? [`${count}, on ${summary.last_date}.`]
    : [`${count}, from ${summary.first_date} to ${summary.last_date}.`];
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

// -- the next visit: was the pain back to usual the next morning? ---------------------------------

// lowback.progress.session_to_ask_about, over checked records: `today` is the reader's own date,
// YYYY-MM-DD. The place of the record to ask about (the last), or null.
export function sessionToAskAbout(records, today) {
  if (!records.length) return null;
  const last = records[records.length - 1];
  if (last.pain_after === null || last.settled_next_morning !== null) return null;
  const days = dayNumber(today) - dayNumber(last.date);
  return days >= 1 && days <= MORNING_QUESTION_DAYS ? records.length - 1 : null;
}

// -- CSV -----------------------------------------------------------------------------------------

const FORMULA_START = ["=", "+", "-", "@", "\t", "\r", "\n"];

function cell(field, value) {
  if (value === null) return "";
  let text;
  if (typeof value === "boolean") text = value ? "yes" : "no";
  else text = field === "hold_s" ? fixed1(value) : String(value);
  if (FORMULA_START.some((start) => text.startsWith(start))) text = `'${text}`;
  // Python's csv writer (QUOTE_MINIMAL, "\r\n" between rows).
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(records) {
  const rows = [CSV_COLUMNS.join(",")];
  for (const record of inDateOrder(records)) {
    rows.push(CSV_COLUMNS.map((field) => cell(field, record[field])).join(","));
  }
  return rows.map((row) => `${row}\r\n`).join("");
}

// -- the chart -----------------------------------------------------------------------------------

const WIDTH = 360;
const LEFT = 40;
const RIGHT = 276;
const PAIN_TOP = 44;
const PAIN_BOTTOM = 164;
const HOLD_TOP = 222;
const HOLD_BOTTOM = 322;
const HEIGHT = 366;
const MARKERS_UP_TO = 60;

function niceCeiling(value) {
  for (const step of [10, 20, 30, 60, 90, 120, 180, 300, 600, 900, 1200, 1800, 3600]) {
    if (value <= step) return step;
  }
  return Math.ceil(value);
}

function xAt(index, count) {
  return count === 1 ? (LEFT + RIGHT) / 2 : LEFT + ((RIGHT - LEFT) * index) / (count - 1);
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
  const attributes = Object.entries(extra)
    .map(([key, value]) => ` ${key.replace(/_/g, "-")}="${escapeHtml(value)}"`).join("");
  return `<text x="${fixed1(x)}" y="${fixed1(y)}" font-size="${size}" text-anchor="${anchor}" ` +
    `fill="${TEXT_COLOUR}"${attributes}>${escapeHtml(text)}</text>`;
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

// The chart of the checked records: lowback.progress.history_svg.
export function historySvg(records, idPrefix = "lowback-history") {
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
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" ` +
      `role="img" aria-labelledby="${titleId} ${descId}" class="lowback-history" ` +
      'style="max-width: 36rem; height: auto; display: block; ' +
      'font-family: system-ui, -apple-system, Segoe UI, Roboto, sans-serif">',
    `<title id="${titleId}">${escapeHtml(title)}</title>`,
    `<desc id="${descId}">${escapeHtml(description(ordered, summary))}</desc>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
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
  const y = (pain) => PAIN_BOTTOM - ((PAIN_BOTTOM - PAIN_TOP) * (pain - PAIN_MIN)) / (PAIN_MAX - PAIN_MIN);
  const parts = [svgText(4, PAIN_TOP - 20, "Pain, 0 to 10", 16, "start", { font_weight: "bold" })];
  for (const tick of [0, 5, 10]) {
    parts.push(
      `<line x1="${LEFT}" x2="${RIGHT}" y1="${fixed1(y(tick))}" y2="${fixed1(y(tick))}" ` +
        'stroke="#d0d0d0" stroke-width="1"/>',
    );
    parts.push(svgText(LEFT - 8, y(tick) + 5, String(tick), 14, "end"));
  }
  const labels = [];
  for (const [field, colour, word] of [["pain_before", BLUE, "before"], ["pain_after", VERMILLION, "after"]]) {
    const pointList = records.map((r, i) => (r[field] === null ? null : [xAt(i, count), y(r[field])]));
    parts.push(`<path d="${linePath(pointList)}" fill="none" stroke="${colour}" stroke-width="2.5"/>`);
    if (count <= MARKERS_UP_TO) {
      for (const point of pointList) {
        if (point === null) continue;
        if (field === "pain_before") {
          parts.push(`<circle cx="${fixed1(point[0])}" cy="${fixed1(point[1])}" r="5" fill="${colour}"/>`);
        } else {
          parts.push(
            `<rect x="${fixed1(point[0] - 4.5)}" y="${fixed1(point[1] - 4.5)}" width="9" ` +
              `height="9" fill="${colour}"/>`,
          );
        }
      }
    }
    const shown = pointList.filter((p) => p !== null);
    if (shown.length) labels.push([word, shown[shown.length - 1][1], colour]);
  }
  if (labels.length === 2) [labels[0][1], labels[1][1]] = apart(labels[0][1], labels[1][1]);
  for (const [word, at, colour] of labels) {
    // Words in dark text beside a swatch of the line's colour: never colour alone.
    parts.push(
      `<line x1="${RIGHT + 6}" x2="${RIGHT + 18}" y1="${fixed1(at)}" y2="${fixed1(at)}" ` +
        `stroke="${colour}" stroke-width="4"/>`,
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
  const y = (seconds) => HOLD_BOTTOM - ((HOLD_BOTTOM - HOLD_TOP) * seconds) / top;
  for (const tick of [0, top]) {
    parts.push(
      `<line x1="${LEFT}" x2="${RIGHT}" y1="${fixed1(y(tick))}" y2="${fixed1(y(tick))}" ` +
        'stroke="#d0d0d0" stroke-width="1"/>',
    );
    parts.push(svgText(LEFT - 8, y(tick) + 5, String(tick), 14, "end"));
  }
  if (!holds.length) {
    parts.push(svgText((LEFT + RIGHT) / 2, (HOLD_TOP + HOLD_BOTTOM) / 2 + 5, "No hold timed yet", 14, "middle"));
    return parts;
  }
  const pointList = records.map((r, i) => (r.hold_s === null ? null : [xAt(i, count), y(r.hold_s)]));
  parts.push(`<path d="${linePath(pointList)}" fill="none" stroke="${BLUISH_GREEN}" stroke-width="2.5"/>`);
  if (count <= MARKERS_UP_TO) {
    for (const point of pointList) {
      if (point === null) continue;
      const [cx, cy] = point;
      parts.push(
        `<path d="M${fixed1(cx)} ${fixed1(cy - 6)} L${fixed1(cx + 6)} ${fixed1(cy)} L${fixed1(cx)} ` +
          `${fixed1(cy + 6)} L${fixed1(cx - 6)} ${fixed1(cy)} Z" fill="${BLUISH_GREEN}"/>`,
      );
    }
  }
  parts.push(svgText(WIDTH - 4, HOLD_TOP - 20, `latest ${held(holds[holds.length - 1])}`, 15, "end"));
  return parts;
}
