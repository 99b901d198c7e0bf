// The cell outputs Voila writes into the page as
// <script type="application/vnd.voila.cell-output+json">, drawn into the DOM that Voila's lab
// front end (JupyterLab's rendermime) gives them, where the series' styles, scripts and tests
// look: a `div.lm-Widget.jp-OutputArea-output[data-mime-type]` in place of the script, holding
// the widget's view (`.jupyter-widgets`), the HTML, the picture or the text.
//
// Voila writes only execute_result and display_data outputs this way: streams and errors are
// already HTML in the page (nbconvert's template), and the kernel's stderr is stripped.

import { Panel, Widget } from "@lumino/widgets";

export const WIDGET_MIME = "application/vnd.jupyter.widget-view+json";
export const OUTPUT_SCRIPTS = 'script[type="application/vnd.voila.cell-output+json"]';

// JupyterLab's order of preference (the widget manager's renderer first), less what the
// series' pages never show and this front end does not draw (JavaScript, LaTeX, PDF, JSON).
const PREFERRED = [
  WIDGET_MIME,
  "text/html",
  "text/markdown",
  "image/svg+xml",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/bmp",
  "text/plain",
];
const RENDERED_CLASS = {
  "text/html": ["jp-RenderedHTMLCommon", "jp-RenderedHTML"],
  "text/markdown": ["jp-RenderedHTMLCommon", "jp-RenderedMarkdown"],
  "image/svg+xml": ["jp-RenderedSVG"],
  "text/plain": ["jp-RenderedText"],
};
// ANSI colour and cursor sequences, which JupyterLab turns into spans; here they are dropped.
const ANSI = /\u001b\[[\d;?]*[A-Za-z]/g;

export function preferredMimeType(data) {
  if (!data || typeof data !== "object") return null;
  return PREFERRED.find((mime) => Object.hasOwn(data, mime)) || null;
}

function text(value) {
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

/** The output's own node, as JupyterLab makes it: a Lumino widget (a panel holding the view,
 * for a widget; a trusted renderer of its MIME type, for the rest). */
export function outputWidget(mime) {
  if (mime === WIDGET_MIME) {
    const panel = new Panel();
    panel.addClass("jp-OutputArea-output");
    return panel;
  }
  const widget = new Widget();
  const classes = RENDERED_CLASS[mime] || (mime.startsWith("image/") ? ["jp-RenderedImage"] : []);
  for (const name of [...classes, "jp-mod-trusted", "jp-OutputArea-output"]) widget.addClass(name);
  widget.node.dataset.mimeType = mime;
  return widget;
}

/** Place an output's widget where its script was, and take the script away. */
export function putInPlace(widget, script) {
  const host = script.parentElement;
  if (!host) return;
  Widget.attach(widget, host, script);
  script.remove();
}

// As JupyterLab's rendermime does for trusted HTML: scripts in it run, links to other sites
// open in a new tab without an opener, and a picture without words gets some.
function runScripts(host) {
  for (const old of host.querySelectorAll("script")) {
    const script = document.createElement("script");
    for (const { name, value } of old.attributes) script.setAttribute(name, value);
    script.textContent = old.textContent;
    old.replaceWith(script);
  }
}

function isLocal(url) {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*:)/.exec(url);
  return !match && !url.startsWith("/");
}

function handleDefaults(host) {
  for (const anchor of host.getElementsByTagName("a")) {
    const local = isLocal(anchor.href);
    if (!anchor.target) anchor.target = local ? "_self" : "_blank";
    if (!local) anchor.rel = "noopener";
  }
  for (const img of host.getElementsByTagName("img")) {
    if (!img.alt) img.alt = "Image";
  }
}

function setHTML(node, html) {
  node.innerHTML = html;
  runScripts(node);
  handleDefaults(node);
}

let markedParser = null;

async function markdownToHTML(source) {
  if (markedParser === null) {
    markedParser = import("marked").then(({ Marked }) => new Marked({ gfm: true, breaks: false }));
  }
  const parser = await markedParser;
  return parser.parse(source);
}

function imageSize(img, metadata) {
  const width = metadata && Number(metadata.width);
  const height = metadata && Number(metadata.height);
  if (width > 0) img.width = width;
  if (height > 0) img.height = height;
}

/** Draw a bundle that is not a widget; resolves once it is on the page. */
export async function renderData(mime, data, metadata, script) {
  const widget = outputWidget(mime);
  const node = widget.node;
  const value = data[mime];
  const own = (metadata && metadata[mime]) || {};
  if (mime === "text/html") {
    putInPlace(widget, script);
    setHTML(node, text(value));
  } else if (mime === "text/markdown") {
    const html = await markdownToHTML(text(value));
    putInPlace(widget, script);
    setHTML(node, html);
  } else if (mime === "image/svg+xml") {
    const img = document.createElement("img");
    img.src = `data:image/svg+xml,${encodeURIComponent(text(value))}`;
    imageSize(img, own);
    node.appendChild(img);
    putInPlace(widget, script);
  } else if (mime.startsWith("image/")) {
    const img = document.createElement("img");
    img.src = `data:${mime};base64,${text(value).replace(/\s+/g, "")}`;
    imageSize(img, own);
    node.appendChild(img);
    putInPlace(widget, script);
  } else {
    const pre = document.createElement("pre");
    pre.textContent = text(value).replace(ANSI, "");
    node.appendChild(pre);
    putInPlace(widget, script);
  }
}

/** What stands in a widget's place when its view cannot be drawn, as JupyterLab says it. */
export function widgetFailed(script, words) {
  const widget = outputWidget(WIDGET_MIME);
  widget.addClass("jupyter-widgets");
  widget.node.textContent = words;
  putInPlace(widget, script);
}
