// Builds the widgets' browser modules (lowback/widgets/js/) into lowback/widgets/js/dist/, one
// ES module per anywidget, each importing nothing (anywidget loads a widget's `_esm` as one
// module), read by the kernel from the committed file, so a kernel needs no Node:
//   player.js         player_view.js and what it imports (lowback.widgets.player.RoutinePlayer)
//   page_helper.js    page_helper.js and quiz_record.js (lowback.widgets.page_helper.PageHelper)
//   psis_question.js  psis_question.js and dom.js (lowback.widgets.psis_view.PsisPicture)
//   view_helper.js    view_helper.js (lowback.widgets.view_helper.ViewHelper)
// Not minified, no source maps: a reader can read what the page runs. Each begins with a
// comment naming its sources and the SHA-256 of each, so a test can tell without Node that a
// source changed since (tests/widgets/test_widget_bundles.py). The same inputs give the same
// bytes; files of earlier builds are removed. `make frontend` runs it after build.mjs.

import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as esbuild from "esbuild";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = path.resolve(HERE, "..", "..", "widgets", "js");
// LOWBACK_WIDGETS_OUT builds elsewhere (the test compares the two).
const OUT = process.env.LOWBACK_WIDGETS_OUT
  ? path.resolve(process.env.LOWBACK_WIDGETS_OUT)
  : path.join(SOURCES, "dist");

// Each bundle's name and the module whose default export is the widget (render, initialize).
const ENTRIES = {
  player: "player_view.js",
  page_helper: "page_helper.js",
  psis_question: "psis_question.js",
  view_helper: "view_helper.js",
};

const result = await esbuild.build({
  absWorkingDir: SOURCES,
  entryPoints: ENTRIES,
  bundle: true,
  splitting: false,
  format: "esm",
  platform: "browser",
  // No target: the sources' syntax is kept as it is, as when the kernel sent the files whole.
  minify: false,
  legalComments: "none",
  sourcemap: false,
  metafile: true,
  write: false,
  outdir: OUT,
  entryNames: "[name]",
  logLevel: "warning",
});

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const built = new Map();
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  const name = path.basename(file);
  const sources = Object.keys(meta.inputs).sort();
  for (const source of sources) {
    if (source.includes("/") || source.includes("\\")) {
      throw new Error(`${name}: ${source} is not a file of lowback/widgets/js/ (a widget's module imports only the files beside it)`);
    }
  }
  const header = [
    "// Built by `make frontend` (lowback/site/frontend/build_widgets.mjs, esbuild) from these",
    "// files of lowback/widgets/js/: edit them and build again, not this file.",
    ...(await Promise.all(
      sources.map(async (source) => `// source ${source} sha256=${sha256(await readFile(path.join(SOURCES, source)))}`),
    )),
    "",
  ].join("\n");
  built.set(name, header);
}

await mkdir(OUT, { recursive: true });
const written = new Set();
for (const file of result.outputFiles) {
  const name = path.basename(file.path);
  if (!built.has(name)) throw new Error(`esbuild wrote ${name}, which no entry point names`);
  await writeFile(path.join(OUT, name), Buffer.concat([Buffer.from(built.get(name)), Buffer.from(file.contents)]));
  written.add(name);
}
if (written.size !== Object.keys(ENTRIES).length) {
  throw new Error(`the build did not give one file per widget: ${[...written].join(", ")}`);
}
for (const name of await readdir(OUT)) {
  if (!written.has(name)) await rm(path.join(OUT, name), { recursive: true });
}
for (const name of [...written].sort()) {
  const size = (await readFile(path.join(OUT, name))).length;
  console.log(`  ${path.relative(process.cwd(), path.join(OUT, name))} (${size} bytes)`);
}
