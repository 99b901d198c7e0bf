// Built by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) from these
// files of lowback/widgets/js/: edit them and build again, not this file.
// source page_helper.js sha256=ce98c94c148d5f08d1758612f4b0aa15579a68fc93095c9abe18a60b530b92ce
// source quiz_record.js sha256=48813e3ec88ff345c37692d39d19b10a6b3ba4e1e3520b86e58eec525d1e6fa9
// source region_memory.js sha256=a7b5971be247ff11133b2a073ec4481113155ccee4ead351f7e6e65fc8179b8b
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
function forgetRegion(settings) {
  try {
    window.localStorage.removeItem(settings.key);
  } catch (error) {
  }
}

// page_helper.js
var page_helper_default = {
  render({ model, el }) {
    el.hidden = true;
    const remembered = readRegion(model.get("region_memory"));
    if (remembered !== null && model.get("remembered_region") !== remembered) {
      model.set("remembered_region", remembered);
      model.save_changes();
    }
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
      if (typeof msg.keep_region === "string") {
        keepRegion(model.get("region_memory"), msg.keep_region);
        return;
      }
      if (msg.forget_region === true) {
        forgetRegion(model.get("region_memory"));
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
