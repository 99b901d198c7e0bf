// Builds the light front end into lowback/site/templates/voila_light/static/:
//   main-<hash>.js     the page's module (an ES module, loaded with <script type="module">)
//   chunk-<hash>.js    parts loaded only when a page needs them (the Markdown parser)
//   style-<hash>.css   the widgets' styles
//   manifest.json      {"entries": {"main.js": "main-<hash>.js", "style.css": ...}, "preload":
//                      [what main imports at once], "files": [every file]}, read by the
//                      template through lowback.site.light_frontend
// The same inputs give the same bytes: no timestamps, no absolute paths, no source maps, and
// files of earlier builds are removed. `make frontend` runs it after `npm ci`.

import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";

const HERE = path.dirname(fileURLToPath(import.meta.url));
// LOWBACK_FRONTEND_OUT builds elsewhere (tests/site/test_light_frontend.py compares the two).
const OUT = process.env.LOWBACK_FRONTEND_OUT
  ? path.resolve(process.env.LOWBACK_FRONTEND_OUT)
  : path.resolve(HERE, "..", "templates", "voila_light", "static");

// anywidget's package ships its front end as one AMD module ending in
// `define(["@jupyter-widgets/base"], widget_default);`; this makes it an ES module whose default
// export is that function (given ipywidgets' base module, it returns AnyModel and AnyView).
const ANYWIDGET_DEFINE = 'define(["@jupyter-widgets/base"], widget_default);';
const anywidgetAsModule = {
  name: "anywidget-as-module",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]anywidget[\\/]dist[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      if (!source.trimEnd().endsWith(ANYWIDGET_DEFINE)) {
        throw new Error("anywidget's dist/index.js no longer ends in its AMD define: check the build");
      }
      return { contents: source.replace(ANYWIDGET_DEFINE, "export default widget_default;"), loader: "js" };
    });
  },
};

const result = await esbuild.build({
  absWorkingDir: HERE,
  entryPoints: { main: "src/main.js", style: "src/style.css" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: ["chrome109", "firefox115", "safari15.4"],
  minify: true,
  legalComments: "none",
  charset: "utf8",
  sourcemap: false,
  metafile: true,
  write: false,
  outdir: OUT,
  entryNames: "[name]-[hash]",
  chunkNames: "chunk-[hash]",
  assetNames: "asset-[hash]",
  alias: {
    // Node's `ws`, which @jupyterlab/services needs only outside a browser.
    ws: "./src/no-ws.js",
    // ipywidgets' ManagerBase imports `sanitize-html` (with htmlparser2 and postcss) for the
    // inline_sanitize that src/manager.js replaces with escaping (src/escape.js).
    "sanitize-html": "./src/escape.js",
  },
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
  plugins: [anywidgetAsModule],
});

// esbuild's own hashes depend on more than a file's bytes. Each file is named again by the
// SHA-256 of its final bytes (first 16 hex digits), so anyone can check a name against its
// content (tests/site/test_light_frontend.py does): files that import others are renamed after
// them, with the names they import rewritten first.
const byName = new Map();
for (const file of result.outputFiles) byName.set(path.basename(file.path), Buffer.from(file.contents));
const importsOf = new Map();
const entryOf = new Map();
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  const name = path.basename(file);
  if (!byName.has(name)) continue; // source maps and the like: none are written
  importsOf.set(name, meta.imports.filter((i) => !i.external).map((i) => path.basename(i.path)));
  if (meta.entryPoint) entryOf.set(name, meta.entryPoint);
}
const finalName = new Map();
function rename(name, seen = new Set()) {
  if (finalName.has(name)) return finalName.get(name);
  if (seen.has(name)) throw new Error(`import cycle through ${name}`);
  seen.add(name);
  let text = byName.get(name).toString("utf8");
  for (const imported of importsOf.get(name) || []) {
    const renamed = rename(imported, seen);
    text = text.split(`./${imported}`).join(`./${renamed}`);
  }
  const bytes = Buffer.from(text, "utf8");
  const digest = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const stem = name.slice(0, name.lastIndexOf("-"));
  const renamed = `${stem}-${digest}${path.extname(name)}`;
  byName.set(name, bytes);
  finalName.set(name, renamed);
  return renamed;
}
for (const name of [...byName.keys()].sort()) rename(name);

const ENTRIES = { "src/main.js": "main.js", "src/style.css": "style.css" };
const entries = {};
for (const [name, entryPoint] of entryOf) {
  if (Object.hasOwn(ENTRIES, entryPoint)) entries[ENTRIES[entryPoint]] = finalName.get(name);
}
if (Object.keys(entries).length !== Object.keys(ENTRIES).length) {
  throw new Error(`the build did not give every entry point: ${JSON.stringify(entries)}`);
}
// What the page's module imports at once (worth asking for together with it).
const staticImports = Object.values(result.metafile.outputs)
  .filter((meta) => meta.entryPoint === "src/main.js")
  .flatMap((meta) => meta.imports.filter((i) => i.kind === "import-statement"))
  .map((i) => finalName.get(path.basename(i.path)));
const sortedObject = (object) =>
  Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
const manifest = {
  entries: sortedObject(entries),
  preload: [...new Set(staticImports)].sort(),
  files: [...finalName.values()].sort(),
};

await mkdir(OUT, { recursive: true });
for (const [name, bytes] of byName) await writeFile(path.join(OUT, finalName.get(name)), bytes);
await writeFile(path.join(OUT, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
const keep = new Set(["manifest.json", ...manifest.files]);
for (const name of await readdir(OUT)) {
  if (!keep.has(name)) await rm(path.join(OUT, name), { recursive: true });
}
for (const name of [...keep].sort()) {
  const size = (await readFile(path.join(OUT, name))).length;
  console.log(`  ${path.relative(process.cwd(), path.join(OUT, name))} (${size} bytes)`);
}
