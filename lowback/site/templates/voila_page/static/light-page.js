// The light page (lowback/site/templates/voila_light), before anything else of it runs:
//
// 1. No theme is fetched, since the light theme's variables come with the page's own
//    stylesheets, so Voila's helper may show the cells as soon as they are in
//    (window.voila_finish). Deferred, this runs once the page is parsed: if the helper has
//    already asked, it is answered now, as Voila's own front end answers it.
// 2. The page's kernel websocket is opened as soon as the page names its kernel, while the
//    front end's module (about 200 kB) is still on its way: on a slow phone line the socket is
//    then open by the time the module runs, a round trip (about 0.6 s) less before the first
//    answer can be tapped (docs/speed.md). Nothing is sent on it here. The module's kernel
//    connection takes this socket, with what it has received so far, as the first socket it
//    asks for (lowback/site/frontend/src/main.js, earlySocketFor), and opens its own if there
//    is none. This runs after lost-connection.js, so the socket is watched like any other.
window.themeLoaded = true;
if (window.cellLoaded && typeof window.display_cells === "function") window.display_cells();

(function () {
  "use strict";
  var PROTOCOL = "v1.kernel.websocket.jupyter.org";
  var early = { kernelId: "", socket: null, events: [], taken: false };
  window.lowbackKernelSocket = early;

  function sessionId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function open(config) {
    var kernelId = config && config.kernelId;
    if (early.taken || early.socket || typeof kernelId !== "string" || kernelId === "") return;
    var base = typeof config.baseUrl === "string" && config.baseUrl ? config.baseUrl : "/";
    if (base.slice(-1) !== "/") base += "/";
    var url = new URL(
      base + "api/kernels/" + encodeURIComponent(kernelId) + "/channels?session_id=" + sessionId(),
      window.location.href
    );
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    var socket;
    try {
      socket = new window.WebSocket(url.href, [PROTOCOL]);
    } catch (error) {
      return;
    }
    socket.binaryType = "arraybuffer";
    ["open", "message", "error", "close"].forEach(function (type) {
      socket.addEventListener(type, function (event) {
        if (!early.taken) early.events.push(event);
      });
    });
    early.kernelId = kernelId;
    early.socket = socket;
  }

  // The page's settings, once the parser is past their tag (null before).
  function config() {
    var element = document.getElementById("jupyter-config-data");
    if (!element || (!element.nextSibling && document.readyState === "loading")) return null;
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return {};
    }
  }

  var now = config();
  if (now !== null) {
    open(now);
    return;
  }
  var observer = new MutationObserver(function () {
    var found = config();
    if (found === null) return;
    observer.disconnect();
    open(found);
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // By then the module has run: it opened its own socket if this one had not been opened.
  document.addEventListener("DOMContentLoaded", function () {
    observer.disconnect();
  });
})();
