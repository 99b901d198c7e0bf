// The series' page (lowback/site/templates/voila_page): a link to a section keeps its heading
// at the top while Voila's front end loads and widgets are drawn above it (the template says why).
(function () {
  "use strict";
  var HOLD_MS = 20000;
  var CHECK_MS = 200;
  var held = null;
  var heldTop = 0;
  var until = 0;
  var timer = null;
  var resized = typeof ResizeObserver === "function" ? new ResizeObserver(function () { keep(); }) : null;

  function heading(hash) {
    var id;
    try {
      id = decodeURIComponent(String(hash || "").slice(1));
    } catch (error) {
      return null;
    }
    var found = id === "" ? null : document.getElementById(id);
    return found !== null && found.closest("#rendered_cells") !== null ? found : null;
  }

  function release() {
    held = null;
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    if (resized !== null) resized.disconnect();
  }

  function keep() {
    if (held === null) return;
    if (Date.now() > until || !held.isConnected) {
      release();
      return;
    }
    if (Math.abs(held.getBoundingClientRect().top - heldTop) < 1) return;
    held.scrollIntoView({ block: "start" });
    heldTop = held.getBoundingClientRect().top;
  }

  function hold(found) {
    if (found === null) return;
    release();
    held = found;
    until = Date.now() + HOLD_MS;
    held.scrollIntoView({ block: "start" });
    heldTop = held.getBoundingClientRect().top;
    timer = window.setInterval(keep, CHECK_MS);
    // The light page scrolls as a whole as #rendered_cells grows; Voila's lab page scrolls
    // inside #rendered_cells, whose one child grows.
    var cells = document.getElementById("rendered_cells");
    if (resized !== null && cells !== null) {
      resized.observe(cells);
      if (cells.firstElementChild !== null) resized.observe(cells.firstElementChild);
    }
  }

  ["wheel", "touchstart", "mousedown", "keydown"].forEach(function (name) {
    window.addEventListener(name, release, { capture: true, passive: true });
  });
  // The browser follows the link (its history entry, its focus); this only holds the place.
  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href^='#']") : null;
    if (link === null || event.defaultPrevented || event.button !== 0) return;
    var found = heading(link.getAttribute("href"));
    if (found !== null) window.setTimeout(function () { hold(found); }, 0);
  });
  window.addEventListener("hashchange", function () { hold(heading(window.location.hash)); });
  // As soon as the page is parsed (readyState "interactive"), not at DOMContentLoaded, which
  // waits for the page's module scripts: on a slow phone that was a second later (issue 24).
  var linkedHeld = false;
  function holdLinked() {
    if (linkedHeld) return; // once: a reader who has scrolled since is left where they are
    linkedHeld = true;
    hold(heading(window.location.hash));
  }
  // Loaded async (it must not hold up the page's parsing on a slow line): it may come once the
  // page is parsed already.
  if (document.readyState !== "loading") {
    holdLinked();
  } else {
    document.addEventListener("readystatechange", function () {
      if (document.readyState !== "loading") holdLinked();
    });
    document.addEventListener("DOMContentLoaded", holdLinked);
  }
})();
