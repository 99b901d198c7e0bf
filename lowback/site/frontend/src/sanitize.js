// In place of the `sanitize-html` package (with htmlparser2 and postcss, about 230 kB of the
// bundle), for its one use here: ipywidgets' ManagerBase.inline_sanitize, which cleans a
// widget's description when `description_allow_html` is on, with a list of allowed tags and
// attributes. The browser parses the HTML into an inert document (no script runs, nothing
// loads); what is not on the lists goes, as sanitize-html removes it:
// - an element not allowed goes, its text and allowed children stay; the contents of script,
//   style, textarea, option, noscript, template, iframe, object, embed, svg and math go whole;
// - an attribute not allowed goes; `href`, `src` and `cite` keep only relative addresses and
//   those of the schemes http, https, ftp, mailto and tel;
// - comments go.
// The result is written out by the browser's own serializer, from elements and text only.

const DROPPED_WHOLE = new Set([
  "script",
  "style",
  "textarea",
  "option",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "xmp",
  "noembed",
  "noframes",
  "plaintext",
  "title",
]);
const URL_ATTRIBUTES = new Set(["href", "src", "cite"]);
const SCHEMES = new Set(["http", "https", "ftp", "mailto", "tel"]);

function allowedUrl(value) {
  // Control characters and spaces are ignored by browsers inside a scheme ("java\tscript:").
  const compact = value.replace(/[\u0000-\u0020\u007f-\u00a0]+/g, "");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(compact);
  if (scheme) return SCHEMES.has(scheme[1].toLowerCase());
  return true; // relative, or protocol-relative (sanitize-html allows both by default)
}

function attributeAllowed(name, tag, allowedAttributes) {
  const lists = [allowedAttributes[tag] || [], allowedAttributes["*"] || []];
  return lists.some((list) =>
    list.some((pattern) =>
      pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : name === pattern,
    ),
  );
}

function clean(source, target, options) {
  const document = target.ownerDocument;
  for (const node of Array.from(source.childNodes)) {
    if (node.nodeType === 3) {
      target.appendChild(document.createTextNode(node.data));
      continue;
    }
    if (node.nodeType !== 1) continue; // comments, processing instructions
    const tag = node.localName;
    if (DROPPED_WHOLE.has(tag) || node.namespaceURI !== "http://www.w3.org/1999/xhtml") continue;
    if (!options.allowedTags.includes(tag)) {
      clean(node, target, options); // the element goes, what is inside it stays
      continue;
    }
    const copy = document.createElement(tag);
    for (const { name, value } of Array.from(node.attributes)) {
      if (!attributeAllowed(name, tag, options.allowedAttributes)) continue;
      if (URL_ATTRIBUTES.has(name) && !allowedUrl(value)) continue;
      copy.setAttribute(name, value);
    }
    clean(node, copy, options);
    target.appendChild(copy);
  }
}

export default function sanitize(html, options = {}) {
  const settings = {
    allowedTags: (options.allowedTags || []).map((tag) => String(tag).toLowerCase()),
    allowedAttributes: options.allowedAttributes || {},
  };
  const inert = document.implementation.createHTMLDocument("");
  const parsed = inert.createElement("div");
  parsed.innerHTML = String(html ?? "");
  const out = inert.createElement("div");
  clean(parsed, out, settings);
  return out.innerHTML;
}
