// The view helper: what a view needs from the page around it that ipywidgets does not do.
//
// 1. A view whose kernel is gone says so, in words, in the view itself. After Kernel > Restart
//    in JupyterLab the old views stay on screen and every click would silently do nothing.
//    Nothing here polls or pings the kernel (an idle kernel stays idle, so a server can cull
//    it): the helper listens to what the page already knows.
//    - ipywidgets' own "comm_live_update" event: the widget manager marks every model as
//      disconnected when the kernel restarts (it never fires otherwise once a view is drawn);
//    - the kernel's status, where the widget manager has a kernel (JupyterLab's and Voila's
//      do): "dead" (shut down or culled), "autorestarting" (it crashed), "restarting".
//    In JupyterLab it says to run the notebook again, as an alert; on the Voila page it says
//    what the page's own notice says (lowback/site/templates/voila_page/index.html.j2), so the
//    two agree, and leaves the announcing to that notice.
//    Once shown, a click or a change inside the view brings the message into view again.
// 2. In JupyterLab, a link from this view to a notebook beside it ("Go to the routine")
//    opens that notebook inside JupyterLab, as JupyterLab's own rendered HTML does (the
//    notebook's URL resolver and link handler), instead of reloading the whole application. On
//    the Voila page it stays a plain relative link, the next page.
// 3. It tells the kernel the page's own address (origin and path, no query), as this browser
//    sees it: a view that prints a link uses that, never an address from a request header.

const GONE = new Set(["dead", "autorestarting", "restarting"]);
const NOTEBOOK_LINK = /^[A-Za-z0-9_.-]+\.ipynb$/;
const FIND_VIEW_TRIES = 100;
const FIND_VIEW_MS = 50;

export default {
  render({ model, el }) {
    const words = model.get("words") || {};
    const inVoila = document.body.hasAttribute("data-voila");
    const notice = document.createElement("div");
    notice.className = "lowback-panel lowback-panel--urgent lowback-kernel-gone";
    // On the Voila page the page's own notice is the alert; this one only repeats it in place,
    // so a screen reader hears it once.
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
      // Set afresh each time, so a screen reader announces the alert again.
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

    // -- 1. the kernel ----------------------------------------------------------------------
    model.on("comm_live_update", showGone);
    const manager = model.widget_manager;
    let kernel = null;
    try {
      kernel = manager && manager.kernel;
    } catch (error) {
      kernel = null; // a manager without a kernel: ipywidgets' own event is enough
    }
    const onStatus = (_sender, status) => {
      if (GONE.has(status)) showGone();
    };
    const watching = Boolean(kernel && kernel.statusChanged && kernel.statusChanged.connect);
    if (watching) kernel.statusChanged.connect(onStatus);

    // -- 2. links to other notebooks, in JupyterLab ---------------------------------------------
    const rendermime = manager && manager.rendermime;
    const resolver = rendermime && rendermime.resolver;
    const linkHandler = rendermime && rendermime.linkHandler;
    const inLab = !inVoila && Boolean(resolver && linkHandler);

    function adopt(anchor) {
      const href = anchor.getAttribute("href") || "";
      if (!NOTEBOOK_LINK.test(href) || anchor.dataset.lowbackLab) return;
      anchor.dataset.lowbackLab = "pending";
      Promise.resolve(resolver.resolveUrl(href))
        .then((path) => {
          linkHandler.handleLink(anchor, decodeURIComponent(path), "");
          anchor.dataset.lowbackLab = "yes";
        })
        .catch(() => {
          delete anchor.dataset.lowbackLab; // left a plain link
        });
    }

    function adoptAll() {
      if (view) view.querySelectorAll("a[href]").forEach(adopt);
    }

    // -- finding the view this helper sits in, once it is on the page ---------------------------
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

    // -- 3. the page's own address ------------------------------------------------------------
    if (model.get("wants_page_url")) try {
      model.set("page_url", `${window.location.origin}${window.location.pathname}`.slice(0, 2048));
      model.save_changes();
    } catch (error) {
      // No connection yet: a view that needs the address asks for it to be typed.
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
  },
};
