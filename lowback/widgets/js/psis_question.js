// The "find the PSIS" picture: the reader places a marker by touch, mouse or keyboard, and asks
// the kernel to check it.
//
// Nothing is judged here. The kernel sent every word, both pictures and the step the arrow keys
// move by (lowback.widgets.psis_view); this file only moves the marker, reports it as fractions
// of the picture ({event: "check", marker: [x, y]}), and shows the verdict the kernel sends
// back (lowback.psis_question.judge): its words, the answer picture and a line from the marker
// to the nearer PSIS. "Try again" takes the answer and the marker away, and tells the kernel
// ({event: "try_again"}) so that the next check is judged afresh.

import { el } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";
const PANEL = { on_it: "correct", close: "try_again", not_yet: "try_again" };

function clamp(value) {
  return Math.min(1, Math.max(0, value));
}

function samePoint(a, b) {
  return Array.isArray(a) && Array.isArray(b) && Math.abs(a[0] - b[0]) < 1e-6 &&
    Math.abs(a[1] - b[1]) < 1e-6;
}

export default {
  render({ model, el: host }) {
    const uid = Math.random().toString(36).slice(2, 9);
    const words = () => model.get("words") || {};
    const pictures = () => model.get("pictures") || {};
    let marker = null;

    // -- the page ------------------------------------------------------------------------------
    const root = el("div", { class: "lowback-psis" });
    const question = el("p", { class: "lowback-psis-question", id: `lowback-psis-q-${uid}` });
    const how = el("p", { class: "lowback-psis-how", id: `lowback-psis-h-${uid}` });
    const keys = el("p", { class: "lowback-psis-keys", id: `lowback-psis-k-${uid}` });
    const img = el("img", { class: "lowback-psis-picture", alt: "", draggable: "false" });
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("class", "lowback-psis-line");
    const lines = document.createElementNS(SVG, "svg");
    lines.setAttribute("class", "lowback-psis-lines");
    lines.setAttribute("viewBox", "0 0 1000 1000");
    lines.setAttribute("preserveAspectRatio", "none");
    lines.setAttribute("aria-hidden", "true");
    lines.append(line);
    const target = el("div", { class: "lowback-psis-target", hidden: "" });
    const dot = el("div", { class: "lowback-psis-marker", hidden: "" });
    const stage = el(
      "div",
      {
        class: "lowback-psis-stage",
        tabindex: "0",
        role: "application",
        "aria-describedby": `${question.id} ${keys.id} lowback-psis-d-${uid}`,
      },
      img,
      lines,
      target,
      dot,
    );
    const figure = el("figure", { class: "lowback-psis-figure" }, stage);
    const check = el("button", { type: "button", class: "lowback-psis-check" });
    const verdict = el("div", { class: "lowback-psis-verdict", role: "status" });
    const again = el("button", { type: "button", class: "lowback-psis-again", hidden: "" });
    const side = el("div", { class: "lowback-psis-side" }, check, verdict, again);
    const description = el("p", { class: "lowback-psis-description", id: `lowback-psis-d-${uid}` });
    // On a phone one column: the picture, Check and the verdict right under it. Where there is
    // room, the verdict stands beside the picture, so both are seen at once.
    const grid = el("div", { class: "lowback-psis-grid" }, question, how, keys, figure, side, description);
    root.append(grid);
    host.append(root);

    // -- what the kernel sent ------------------------------------------------------------------
    function showWords() {
      const w = words();
      question.textContent = w.question || "";
      how.textContent = w.how || "";
      keys.textContent = w.keys || "";
      stage.setAttribute("aria-label", w.label || "");
      check.textContent = w.check || "";
      again.textContent = w.try_again || "";
    }

    function showPicture(name) {
      const picture = pictures()[name];
      if (!picture) return;
      if (img.getAttribute("src") !== picture.src) img.setAttribute("src", picture.src);
      description.replaceChildren(el("strong", { text: words().description || "" }), ` ${picture.alt}`);
      root.classList.toggle("lowback-psis-answered", name === "answer");
    }

    function place(node, point) {
      node.style.left = `${point[0] * 100}%`;
      node.style.top = `${point[1] * 100}%`;
      node.hidden = false;
    }

    function drawMarker() {
      if (marker === null) {
        dot.hidden = true;
        return;
      }
      place(dot, marker);
    }

    function clearVerdict() {
      verdict.replaceChildren();
      verdict.className = "lowback-psis-verdict";
      target.hidden = true;
      line.removeAttribute("x1");
      lines.classList.remove("lowback-psis-lines--shown");
      again.hidden = true;
      showPicture("question");
    }

    function showVerdict() {
      const shown = model.get("verdict") || {};
      if (!shown.headline) {
        clearVerdict();
        return;
      }
      if (Array.isArray(shown.marker)) {
        // The verdict belongs to the marker it judged; one moved since is judged afresh.
        if (marker !== null && !samePoint(marker, shown.marker)) return;
        marker = shown.marker.slice();
        drawMarker();
      }
      const panel = PANEL[shown.kind] || "note";
      verdict.className = `lowback-psis-verdict lowback-panel lowback-panel--${panel}`;
      const parts = [el("p", { class: "lowback-psis-headline" }, el("strong", { text: shown.headline }))];
      for (const sentence of shown.explanation || []) parts.push(el("p", { text: sentence }));
      verdict.replaceChildren(...parts);
      if (Array.isArray(shown.psis) && marker !== null) {
        showPicture("answer");
        place(target, shown.psis);
        line.setAttribute("x1", String(marker[0] * 1000));
        line.setAttribute("y1", String(marker[1] * 1000));
        line.setAttribute("x2", String(shown.psis[0] * 1000));
        line.setAttribute("y2", String(shown.psis[1] * 1000));
        lines.classList.add("lowback-psis-lines--shown");
        again.hidden = false;
      } else {
        target.hidden = true;
        lines.classList.remove("lowback-psis-lines--shown");
        showPicture("question");
      }
      const box = verdict.getBoundingClientRect();
      if (box.top > window.innerHeight || box.bottom < 0) {
        verdict.scrollIntoView({ block: "nearest" });
      }
    }

    // -- what the reader does ------------------------------------------------------------------
    function moveTo(point) {
      marker = [clamp(point[0]), clamp(point[1])];
      drawMarker();
      const shown = model.get("verdict") || {};
      if (shown.headline) clearVerdict();
    }

    function ask() {
      model.send({ event: "check", marker });
    }

    stage.addEventListener("click", (event) => {
      const box = img.getBoundingClientRect();
      if (box.width <= 0 || box.height <= 0) return;
      moveTo([(event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height]);
      stage.focus({ preventScroll: true });
    });

    stage.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        ask();
        return;
      }
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      const start = model.get("start") || [0.5, 0.5];
      if (marker === null) {
        moveTo(start);
        return;
      }
      const step = (event.shiftKey ? model.get("fine_step") : model.get("step")) || [0.02, 0.02];
      moveTo([marker[0] + move[0] * step[0], marker[1] + move[1] * step[1]]);
    });

    check.addEventListener("click", ask);

    // The answer and the marker go; the picture takes the focus, to place the marker anew.
    again.addEventListener("click", () => {
      marker = null;
      drawMarker();
      clearVerdict();
      model.send({ event: "try_again" });
      stage.focus({ preventScroll: true });
    });

    function repaint() {
      showPicture(root.classList.contains("lowback-psis-answered") ? "answer" : "question");
    }

    model.on("change:words", showWords);
    model.on("change:pictures", repaint);
    model.on("change:verdict", showVerdict);
    showWords();
    showPicture("question");
    showVerdict();
    return () => {
      model.off("change:words", showWords);
      model.off("change:pictures", repaint);
      model.off("change:verdict", showVerdict);
    };
  },
};
