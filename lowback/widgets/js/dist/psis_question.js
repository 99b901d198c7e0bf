// Built by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) from these
// files of lowback/widgets/js/: edit them and build again, not this file.
// source dom.js sha256=f0a031cf29c38a19b2b169223b2e0049474d931bc94f340a72909296209aff6c
// source psis_question.js sha256=a5b14c1611fda48b6f24e58c4703db6699d7301d091cff859dc25d5b032d8554
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

// psis_question.js
var SVG = "http://www.w3.org/2000/svg";
var PANEL = { on_it: "correct", close: "try_again", not_yet: "try_again" };
function clamp(value) {
  return Math.min(1, Math.max(0, value));
}
function samePoint(a, b) {
  return Array.isArray(a) && Array.isArray(b) && Math.abs(a[0] - b[0]) < 1e-6 && Math.abs(a[1] - b[1]) < 1e-6;
}
var psis_question_default = {
  render({ model, el: host }) {
    const uid = Math.random().toString(36).slice(2, 9);
    const words = () => model.get("words") || {};
    const pictures = () => model.get("pictures") || {};
    let marker = null;
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
        "aria-describedby": `${question.id} ${keys.id} lowback-psis-d-${uid}`
      },
      img,
      lines,
      target,
      dot
    );
    const figure = el("figure", { class: "lowback-psis-figure" }, stage);
    const check = el("button", { type: "button", class: "lowback-psis-check" });
    const verdict = el("div", { class: "lowback-psis-verdict", role: "status" });
    const again = el("button", { type: "button", class: "lowback-psis-again", hidden: "" });
    const side = el("div", { class: "lowback-psis-side" }, check, verdict, again);
    const description = el("p", { class: "lowback-psis-description", id: `lowback-psis-d-${uid}` });
    const grid = el("div", { class: "lowback-psis-grid" }, question, how, keys, figure, side, description);
    root.append(grid);
    host.append(root);
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
        line.setAttribute("x1", String(marker[0] * 1e3));
        line.setAttribute("y1", String(marker[1] * 1e3));
        line.setAttribute("x2", String(shown.psis[0] * 1e3));
        line.setAttribute("y2", String(shown.psis[1] * 1e3));
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
  }
};
export {
  psis_question_default as default
};
