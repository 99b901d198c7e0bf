// The series' page (lowback/site/templates/voila_page): tap a figure to see it full size, in a
// modal dialog; a button under each picture does the same from a keyboard or screen reader (the
// template says what is left alone, and why). The dialog opens with the whole picture fitted
// to the screen's width, to pinch-zoom from there, rather than at its own size and cut off. A
// figure drawn twice (a <picture> with a phone version for narrow screens) opens the full
// version, with every label: the picture's src, not the phone version it shows.
(function () {
  "use strict";
  if (typeof HTMLDialogElement !== "function" || !window.MutationObserver) return;
  var SHOW = "Show the figure full size";
  var LEFT_ALONE = "a, button, label, [role=button], [role=link], [role=application], " +
    ".lowback-psis-figure, .lowback-player";
  var dialog = null;
  var view = null;
  var picture = null;
  var words = null;
  var opener = null;
  var pending = false;

  function wordsOf(img) {
    return (img.getAttribute("alt") || "").trim();
  }

  function isFigure(img) {
    return wordsOf(img) !== "" && img.parentElement !== null &&
      img.closest("#rendered_cells") !== null && img.parentElement.closest(LEFT_ALONE) === null;
  }

  // What the button follows: the picture, or the <picture> that holds it and its phone version.
  function anchorOf(img) {
    var parent = img.parentElement;
    return parent !== null && parent.tagName === "PICTURE" ? parent : img;
  }

  // The picture a button follows (null if none: it was replaced).
  function imgBefore(button) {
    var before = button.previousElementSibling;
    if (before === null) return null;
    if (before.tagName === "PICTURE") return before.querySelector("img");
    return before.tagName === "IMG" ? before : null;
  }

  // The button that opens this picture: the element right after it, if the script put it there.
  function buttonOf(img) {
    var next = anchorOf(img).nextElementSibling;
    return next !== null && next.classList.contains("lowback-zoom-open") ? next : null;
  }

  function mark(img) {
    var button = buttonOf(img);
    if (!isFigure(img)) {
      img.removeAttribute("data-lowback-zoom");
      if (button !== null) button.remove();
      return;
    }
    img.setAttribute("data-lowback-zoom", "");
    if (button === null) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "lowback-zoom-open";
      button.textContent = img.getAttribute("data-lowback-zoom-name") || SHOW;
      anchorOf(img).insertAdjacentElement("afterend", button);
    }
    // A picture may name its own button ("Show the QR code full size"); others say what they show.
    var own = img.getAttribute("data-lowback-zoom-name");
    var name = own || SHOW + ": " + wordsOf(img);
    if (button.textContent !== (own || SHOW)) button.textContent = own || SHOW;
    if (button.getAttribute("aria-label") !== name) button.setAttribute("aria-label", name);
  }

  function markAll() {
    pending = false;
    var pictures = document.querySelectorAll("#rendered_cells img");
    for (var i = 0; i < pictures.length; i++) mark(pictures[i]);
    // A button whose picture was replaced (a widget redrew it) goes with it.
    var buttons = document.querySelectorAll("#rendered_cells .lowback-zoom-open");
    for (var j = 0; j < buttons.length; j++) {
      if (imgBefore(buttons[j]) === null) buttons[j].remove();
    }
  }

  function soon() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(markAll);
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "lowback-zoom";
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-labelledby", "lowback-zoom-title");
    var bar = document.createElement("div");
    bar.className = "lowback-zoom-bar";
    var title = document.createElement("h2");
    title.id = "lowback-zoom-title";
    title.textContent = "Figure, full size";
    var close = document.createElement("button");
    close.type = "button";
    close.className = "lowback-zoom-close";
    close.textContent = "Close";
    close.addEventListener("click", function () { dialog.close(); });
    bar.append(title, close);
    view = document.createElement("div");
    view.className = "lowback-zoom-view";
    view.tabIndex = 0;  // the arrow keys scroll it, as a finger does
    picture = document.createElement("img");
    // Fitted to the width (never wider than its own size): the whole figure is seen at once.
    picture.style.maxWidth = "100%";
    words = document.createElement("p");
    view.append(picture, words);
    dialog.append(bar, view);
    dialog.addEventListener("close", function () {
      picture.removeAttribute("src");
      picture.removeAttribute("srcset");
      if (opener !== null && opener.isConnected) opener.focus();
      opener = null;
    });
    document.body.appendChild(dialog);
  }

  function toTop() {
    view.scrollTop = 0;
    view.scrollLeft = 0;
  }

  function open(img) {
    if (dialog === null) build();
    opener = buttonOf(img);
    // The same sources (srcset too, should a figure offer a sharper one), so the same size; a
    // <picture>'s phone version is not among them.
    if (img.srcset) picture.srcset = img.srcset;
    else picture.removeAttribute("srcset");
    picture.src = img.src;
    picture.alt = wordsOf(img);
    words.textContent = wordsOf(img);
    dialog.showModal();
    dialog.querySelector(".lowback-zoom-close").focus();
    toTop();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest || event.defaultPrevented) return;
    var button = target.closest(".lowback-zoom-open");
    var img = button !== null ? imgBefore(button) : target.closest("img[data-lowback-zoom]");
    if (img === null || img.tagName !== "IMG" || !isFigure(img)) return;
    open(img);
  });
  new MutationObserver(soon).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["alt", "src"] });
  soon();
})();
