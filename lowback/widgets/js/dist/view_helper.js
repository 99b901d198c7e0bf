// Built by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) from these
// files of lowback/widgets/js/: edit them and build again, not this file.
// source view_helper.js sha256=aa362cfdb376c8c85f822cd84cca21d07dd4b96ccb3993314251002aebdc3e82
// view_helper.js
var GONE = /* @__PURE__ */ new Set(["dead", "autorestarting", "restarting"]);
var NOTEBOOK_LINK = /^[A-Za-z0-9_.-]+\.ipynb$/;
var FIND_VIEW_TRIES = 100;
var FIND_VIEW_MS = 50;
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
      if (!NOTEBOOK_LINK.test(href) || anchor.dataset.lowbackLab) return;
      anchor.dataset.lowbackLab = "pending";
      Promise.resolve(resolver.resolveUrl(href)).then((path) => {
        linkHandler.handleLink(anchor, decodeURIComponent(path), "");
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
      if (inLab) {
        adoptAll();
        observer = new MutationObserver(adoptAll);
        observer.observe(view, { childList: true, subtree: true });
      }
    }
    findView();
    if (model.get("wants_page_url")) try {
      model.set("page_url", `${window.location.origin}${window.location.pathname}`.slice(0, 2048));
      model.save_changes();
    } catch (error) {
    }
    return () => {
      if (findTimer !== null) window.clearTimeout(findTimer);
      if (observer) observer.disconnect();
      if (view) {
        view.removeEventListener("click", onUse, true);
        view.removeEventListener("change", onUse, true);
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
