// Built by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) from these
// files of lowback/widgets/js/: edit them and build again, not this file.
// source view_helper.js sha256=219e7ae6d1fe297a19aaba63c18beb51679b694d8643fc5f024ac434b9dfb066
// view_helper.js
var GONE = /* @__PURE__ */ new Set(["dead", "autorestarting", "restarting"]);
var NOTEBOOK_LINK = /^([A-Za-z0-9_.-]+\.ipynb)(#[A-Za-z0-9_,.-]*)?$/;
var FIND_VIEW_TRIES = 100;
var FIND_VIEW_MS = 50;
var COPIED = "Copied";
var SELECTED = "The link is selected: copy it (Ctrl+C, or Copy on a phone)";
var SAID_MS = 4e3;
var view_helper_default = {
  render({ model, el }) {
    const words = model.get("words") || {};
    const inVoila = document.body.hasAttribute("data-voila");
    const notice = document.createElement("div");
    notice.className = "lowback-panel lowback-panel--urgent lowback-kernel-gone";
    if (!inVoila) notice.setAttribute("role", "alert");
    notice.hidden = true;
    el.append(notice);
    let leaving = false;
    let gone = false;
    let view = null;
    let observer = null;
    let tries = 0;
    let findTimer = null;
    const onLeave = () => {
      leaving = true;
    };
    window.addEventListener("beforeunload", onLeave);
    window.addEventListener("pagehide", onLeave);
    function say() {
      notice.textContent = "";
      notice.textContent = inVoila ? words.voila : words.lab;
    }
    function showGone() {
      if (gone || leaving) return;
      gone = true;
      notice.hidden = false;
      el.classList.add("lowback-kernel-is-gone");
      say();
    }
    function onUse() {
      if (!gone) return;
      const box = notice.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) notice.scrollIntoView({ block: "center" });
      say();
    }
    model.on("comm_live_update", showGone);
    const manager = model.widget_manager;
    let kernel = null;
    try {
      kernel = manager && manager.kernel;
    } catch (error) {
      kernel = null;
    }
    const onStatus = (_sender, status) => {
      if (GONE.has(status)) showGone();
    };
    const watching = Boolean(kernel && kernel.statusChanged && kernel.statusChanged.connect);
    if (watching) kernel.statusChanged.connect(onStatus);
    const rendermime = manager && manager.rendermime;
    const resolver = rendermime && rendermime.resolver;
    const linkHandler = rendermime && rendermime.linkHandler;
    const inLab = !inVoila && Boolean(resolver && linkHandler);
    function adopt(anchor) {
      const href = anchor.getAttribute("href") || "";
      const parts = NOTEBOOK_LINK.exec(href);
      if (!parts || anchor.dataset.lowbackLab) return;
      anchor.dataset.lowbackLab = "pending";
      Promise.resolve(resolver.resolveUrl(parts[1])).then((path) => {
        linkHandler.handleLink(anchor, decodeURIComponent(path), parts[2] || "");
        anchor.dataset.lowbackLab = "yes";
      }).catch(() => {
        delete anchor.dataset.lowbackLab;
      });
    }
    function adoptAll() {
      if (view) view.querySelectorAll("a[href]").forEach(adopt);
    }
    function findView() {
      findTimer = null;
      view = el.isConnected ? el.closest(".lowback-view") : null;
      if (!view) {
        tries += 1;
        if (tries < FIND_VIEW_TRIES) findTimer = window.setTimeout(findView, FIND_VIEW_MS);
        return;
      }
      view.addEventListener("click", onUse, true);
      view.addEventListener("change", onUse, true);
      view.addEventListener("click", onCopy);
      if (inLab) {
        adoptAll();
        observer = new MutationObserver(adoptAll);
        observer.observe(view, { childList: true, subtree: true });
      }
    }
    findView();
    let saidTimer = null;
    function tell(box, words2) {
      const status = box && box.querySelector("[role=status]");
      if (!status) return;
      status.textContent = words2;
      if (saidTimer !== null) window.clearTimeout(saidTimer);
      saidTimer = window.setTimeout(() => {
        saidTimer = null;
        if (status.textContent === words2) status.textContent = "";
      }, SAID_MS);
    }
    function selectAndCopy(box) {
      const shown = box && box.querySelector("code");
      if (!shown) return false;
      const range = document.createRange();
      range.selectNodeContents(shown);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      try {
        return document.execCommand("copy");
      } catch (error) {
        return false;
      }
    }
    function onCopy(event) {
      const button = event.target && event.target.closest && event.target.closest("button[data-lowback-copy]");
      if (!button || !view || !view.contains(button)) return;
      const text = button.getAttribute("data-lowback-copy") || "";
      const box = button.closest("[data-lowback-copy-box]");
      const fallBack = () => tell(box, selectAndCopy(box) ? COPIED : SELECTED);
      const clipboard = window.isSecureContext && navigator.clipboard;
      if (!clipboard || !clipboard.writeText) {
        fallBack();
        return;
      }
      clipboard.writeText(text).then(() => tell(box, COPIED), fallBack);
    }
    if (model.get("wants_page_url")) try {
      model.set("page_url", `${window.location.origin}${window.location.pathname}`.slice(0, 2048));
      model.save_changes();
    } catch (error) {
    }
    return () => {
      if (findTimer !== null) window.clearTimeout(findTimer);
      if (saidTimer !== null) window.clearTimeout(saidTimer);
      if (observer) observer.disconnect();
      if (view) {
        view.removeEventListener("click", onUse, true);
        view.removeEventListener("change", onUse, true);
        view.removeEventListener("click", onCopy);
      }
      if (watching) kernel.statusChanged.disconnect(onStatus);
      window.removeEventListener("beforeunload", onLeave);
      window.removeEventListener("pagehide", onLeave);
    };
  }
};
export {
  view_helper_default as default
};
