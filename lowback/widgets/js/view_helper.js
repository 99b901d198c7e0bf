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
// 4. A button in the view with `data-lowback-copy="text"` (the clinicians' "Copy the link")
//    copies that text, in the browser, with no trip to the kernel. Where the browser allows no
//    clipboard (a page served over plain http from another machine), it selects the text shown
//    in the same `[data-lowback-copy-box]` instead, and asks the reader to copy it. The
//    `role=status` there says which, for a few seconds.

const GONE = new Set(["dead", "autorestarting", "restarting"]);
// Another notebook of the series, perhaps at one of its headings ("03_routine_timer.ipynb#The-timer").
const NOTEBOOK_LINK = /^([A-Za-z0-9_.-]+\.ipynb)(#[A-Za-z0-9_,.-]*)?$/;
const FIND_VIEW_TRIES = 100;
const FIND_VIEW_MS = 50;
const COPIED = "Copied";
const SELECTED = "The link is selected: copy it (Ctrl+C, or Copy on a phone)";
const SAID_MS = 4000;

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
      const parts = NOTEBOOK_LINK.exec(href);
      if (!parts || anchor.dataset.lowbackLab) return;
      anchor.dataset.lowbackLab = "pending";
      Promise.resolve(resolver.resolveUrl(parts[1]))
        .then((path) => {
          linkHandler.handleLink(anchor, decodeURIComponent(path), parts[2] || "");
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
      view.addEventListener("click", onCopy);
      if (inLab) {
        adoptAll();
        observer = new MutationObserver(adoptAll);
        observer.observe(view, { childList: true, subtree: true });
      }
    }
    findView();

    // -- 4. copy buttons ------------------------------------------------------------------------
    let saidTimer = null;
    function tell(box, words) {
      const status = box && box.querySelector("[role=status]");
      if (!status) return;
      status.textContent = words;
      if (saidTimer !== null) window.clearTimeout(saidTimer);
      saidTimer = window.setTimeout(() => {
        saidTimer = null;
        if (status.textContent === words) status.textContent = "";
      }, SAID_MS);
    }

    // The old way, for a page the browser gives no clipboard: select the text shown, then ask
    // the browser to copy the selection (allowed during a click); true if it did.
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

    // -- 3. the page's own address ------------------------------------------------------------
    if (model.get("wants_page_url")) try {
      model.set("page_url", `${window.location.origin}${window.location.pathname}`.slice(0, 2048));
      model.save_changes();
    } catch (error) {
      // No connection yet: a view that needs the address asks for it to be typed.
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
  },
};
