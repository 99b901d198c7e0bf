// The series' page (lowback/site/templates/voila_page): when the page loses its kernel (the
// server restarted, the kernel died or was shut down, the connection did not come back), Voila's
// page would silently ignore every click. This watches the page's kernel websocket and then tells
// the reader, in words, to reload. Loaded before Voila's own scripts, so it sees their socket.
// Its words come from its tag's data-message (lowback.pages.PAGE_LOST, through the template).
(function () {
  "use strict";
  // How long the page may be without its kernel before the reader is told: Voila's front end
  // reconnects by itself after a short drop, and then nothing needs saying.
  var GRACE_MS = 8000;
  var script = document.currentScript;
  var MESSAGE = (script && script.dataset.message) || "";
  var KERNEL_SOCKET = /\/api\/kernels\/[^/?]+\/channels/;
  var GONE = { dead: true, restarting: true, autorestarting: true };
  var Native = window.WebSocket;
  var leaving = false;
  var shown = false;
  var timer = null;
  var decoder = new TextDecoder();

  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pagehide", function () { leaving = true; });

  function show() {
    if (leaving || shown || !document.body) return;
    shown = true;
    var notice = document.createElement("div");
    notice.className = "lowback-lost";
    notice.setAttribute("role", "alert");
    var text = document.createElement("span");
    text.textContent = MESSAGE;
    var reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", function () { window.location.reload(); });
    notice.appendChild(text);
    notice.appendChild(reload);
    document.body.appendChild(notice);
  }

  function lost() {
    if (timer === null) timer = window.setTimeout(show, GRACE_MS);
  }

  function back() {
    if (timer !== null) window.clearTimeout(timer);
    timer = null;
  }

  // The kernel's state from a v1 frame, if it is a status message: [count][offsets][channel]
  // [header][parent][metadata][content]..., every number 8 bytes little-endian.
  function kernelState(buffer) {
    try {
      var view = new DataView(buffer);
      var count = view.getUint32(0, true);
      if (count < 6 || 8 * (count + 1) > buffer.byteLength) return null;
      var offsets = [];
      for (var i = 0; i < count; i++) offsets.push(view.getUint32(8 * (i + 1), true));
      var part = function (index) {
        return decoder.decode(new Uint8Array(buffer, offsets[index], offsets[index + 1] - offsets[index]));
      };
      if (part(0) !== "iopub") return null;
      var header = JSON.parse(part(1));
      if (header.msg_type !== "status") return null;
      return JSON.parse(part(4)).execution_state || null;
    } catch (error) {
      return null;
    }
  }

  function Watched(url, protocols) {
    var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    if (KERNEL_SOCKET.test(String(url))) {
      socket.addEventListener("open", back);
      socket.addEventListener("close", lost);
      socket.addEventListener("message", function (event) {
        if (event.data instanceof ArrayBuffer && GONE[kernelState(event.data)]) show();
      });
    }
    return socket;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
    Watched[name] = Native[name];
  });
  window.WebSocket = Watched;
})();
