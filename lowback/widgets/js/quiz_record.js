// The saved quiz result in the browser: a line-for-line mirror of lowback/quiz_record.py.
//
// One record in localStorage, {outcome, date, rules}: the latest quiz outcome shown, the
// browser's own local date when it was shown, and the rules' version. The key, the version,
// the trusted outcome and the number of days come from Python (quiz_record.browser_settings,
// as `settings`), never typed here. tests/js/test_quiz_record_js.py runs these functions
// under Node against the Python reference, hostile records included.

const QUIZ_RECORD_FIELDS = ["outcome", "date", "rules"];
const ISO_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// The day number of a date written exactly YYYY-MM-DD that exists on the (proleptic
// Gregorian) calendar, as Python's date.fromisoformat reads it; anything else null.
export function isoDayNumber(text) {
  if (typeof text !== "string" || !ISO_DATE.test(text)) return null;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  const lengths = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > lengths[month - 1]) return null;
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day); // (not Date.UTC, which reads 0..99 as 1900..1999)
  return Math.round(at.getTime() / 86400000);
}

// The reader's local date, YYYY-MM-DD: what the browser stamps on a record and calls today.
export function localIsoDate(when) {
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(when.getFullYear(), 4)}-${pad(when.getMonth() + 1, 2)}-${pad(when.getDate(), 2)}`;
}

export function makeQuizRecord(outcome, date, settings) {
  return { outcome, date, rules: settings.rules };
}

// lowback.quiz_record.is_trusted: `today` is the local date, YYYY-MM-DD.
export function isTrusted(record, today, settings) {
  if (record === null || typeof record !== "object" || Array.isArray(record)) return false;
  const keys = Object.keys(record);
  if (keys.length !== QUIZ_RECORD_FIELDS.length) return false;
  if (QUIZ_RECORD_FIELDS.some((field) => !keys.includes(field))) return false;
  const { outcome, rules } = record;
  if (typeof outcome !== "string" || outcome !== settings.outcome) return false;
  if (typeof rules !== "number" || rules !== settings.rules) return false;
  const day = isoDayNumber(record.date);
  const now = isoDayNumber(today);
  if (day === null || now === null) return false;
  const age = now - day;
  return age >= 0 && age <= settings.trust_days;
}

// lowback.quiz_record.since_quiz_verdict: "emergency", "urgent", "clear" or "unanswered".
export function sinceQuizVerdict(signs, ticked, noneOfThese) {
  const levels = new Map(signs.map((sign) => [sign.id, sign.level]));
  for (const level of ["emergency", "urgent"]) {
    if (ticked.some((id) => levels.get(id) === level)) return level;
  }
  return noneOfThese ? "clear" : "unanswered";
}

// What this browser keeps: {stored: false} when nothing is kept (or storage is off);
// otherwise the record as read, or undefined when it is not JSON at all.
export function readQuizRecord(settings) {
  let text = null;
  try {
    text = window.localStorage.getItem(settings.key);
  } catch (error) {
    return { stored: false, record: null }; // storage switched off
  }
  if (text === null) return { stored: false, record: null };
  try {
    return { stored: true, record: JSON.parse(text) };
  } catch (error) {
    return { stored: true, record: undefined };
  }
}

export function keepQuizRecord(settings, outcome) {
  const record = makeQuizRecord(outcome, localIsoDate(new Date()), settings);
  try {
    window.localStorage.setItem(settings.key, JSON.stringify(record));
    return true;
  } catch (error) {
    return false; // storage off or full: the routine page asks about the quiz, that is all
  }
}

export function forgetQuizRecord(settings) {
  try {
    window.localStorage.removeItem(settings.key);
  } catch (error) {
    // Nothing was kept.
  }
}
