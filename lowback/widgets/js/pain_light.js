// The pain traffic light after a session: a line-for-line mirror of lowback.pain.pain_light.
//
// The page decides the light itself, so it shows at once, with or without the network. The
// numbers of the rule and every word come from the kernel with the plan (lowback.pain.
// browser_rule, as `rule`), never spelled here; this file only picks, in the rule's order.
// tests/js/test_pain_light_js.py runs it under Node against the Python reference for every
// combination of pain before and after (0 to 10, or none), stop symptom and next-morning answer.

function points(n) {
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

// `before` and `after`: whole numbers from 0 to 10, or null. `stopSymptoms`: true only when
// the reader said yes (null, not answered, counts as no). `settledNextMorning`: true, false or
// null (not asked yet). {colour, reason, headline, message}, or null when there is nothing to
// judge yet.
export function painLight(rule, before, after, { stopSymptoms = false, settledNextMorning = null } = {}) {
  const settled = settledNextMorning === true || settledNextMorning === false ? settledNextMorning : null;
  const reason = reasonFor(rule, before, after, stopSymptoms === true, settled);
  if (reason === null) return null;
  const words = rule.lights[reason];
  const change = before === null || after === null ? null : points(Math.abs(after - before));
  let message = words.message
    .replaceAll("{before}", String(before))
    .replaceAll("{after}", String(after))
    .replaceAll("{change}", String(change));
  if (settled === null && Object.hasOwn(rule.check_tomorrow, words.colour)) {
    message += ` ${rule.check_tomorrow[words.colour]}`;
  }
  return { colour: words.colour, reason, headline: words.headline, message };
}
