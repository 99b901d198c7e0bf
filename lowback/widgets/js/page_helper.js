// The page helper (lowback.widgets.page_helper.PageHelper): what a view asks of the page that
// ipywidgets cannot do. It shows nothing itself.
//
// - {id}: focus the element of that id (a screen reader reads it out) and scroll it into view,
//   waiting for it to be drawn;
// - {keep_quiz_result}: keep the quiz's latest outcome in this browser, dated here, with the
//   reader's own calendar (quiz_record.js);
// - {forget_quiz_result: true}: remove it;
// - {keep_region}: remember where the reader is (region_memory.js); {forget_region: true}:
//   forget it. On render, the region remembered here (if any) is told to the kernel through
//   the `remembered_region` trait.

import { forgetQuizRecord, keepQuizRecord } from "./quiz_record.js";
import { forgetRegion, keepRegion, readRegion } from "./region_memory.js";

export default {
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
        // Dated here, with the reader's own calendar: the kernel's clock is not theirs.
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
        // Up to 10 s: on a slow phone or a busy server the result is drawn a while after.
        if (tries < 200) window.setTimeout(look, 50);
      };
      window.setTimeout(look, 30);
    });
  },
};
