// Built by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) from these
// files of lowback/widgets/js/: edit them and build again, not this file.
// source page_helper.js sha256=7881ef5606c04b96ad043747bd7f466ec8bf295de1a499a07d5b101894d1e239
// source quiz_record.js sha256=48813e3ec88ff345c37692d39d19b10a6b3ba4e1e3520b86e58eec525d1e6fa9
// quiz_record.js
function localIsoDate(when) {
  const pad = (n, width) => String(n).padStart(width, "0");
  return `${pad(when.getFullYear(), 4)}-${pad(when.getMonth() + 1, 2)}-${pad(when.getDate(), 2)}`;
}
function makeQuizRecord(outcome, date, settings) {
  return { outcome, date, rules: settings.rules };
}
function keepQuizRecord(settings, outcome) {
  const record = makeQuizRecord(outcome, localIsoDate(/* @__PURE__ */ new Date()), settings);
  try {
    window.localStorage.setItem(settings.key, JSON.stringify(record));
    return true;
  } catch (error) {
    return false;
  }
}
function forgetQuizRecord(settings) {
  try {
    window.localStorage.removeItem(settings.key);
  } catch (error) {
  }
}

// page_helper.js
var page_helper_default = {
  render({ model, el }) {
    el.hidden = true;
    model.on("msg:custom", (msg) => {
      if (!msg || typeof msg !== "object") return;
      const settings = model.get("quiz_record");
      if (typeof msg.keep_quiz_result === "string") {
        keepQuizRecord(settings, msg.keep_quiz_result);
        return;
      }
      if (msg.forget_quiz_result === true) {
        forgetQuizRecord(settings);
        return;
      }
      if (typeof msg.id !== "string") return;
      let tries = 0;
      const look = () => {
        const target = document.getElementById(msg.id);
        if (target) {
          target.focus({ preventScroll: true });
          target.scrollIntoView({ block: "start" });
          return;
        }
        tries += 1;
        if (tries < 200) window.setTimeout(look, 50);
      };
      window.setTimeout(look, 30);
    });
  }
};
export {
  page_helper_default as default
};
