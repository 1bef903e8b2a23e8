// Parse Mermaid files with the real Mermaid parser (the `mermaid` npm package) in Node.
//
//   node check.mjs FILE.mmd [FILE.mmd ...]
//
// Mermaid needs a DOM (DOMPurify) even to parse, so jsdom provides one; nothing is
// downloaded and no browser runs. For each file, prints one JSON line:
//   {"file", "ok": true, "type", "accTitle", "accDescr", "vertices": [{id, text, classes}],
//    "edges": [{start, end, type, stroke, length, text}],
//    "subgraphs": [{id, title, nodes}]}
// or {"file", "ok": false, "error"}. Texts are entity-decoded the way Mermaid's
// renderer decodes them (then HTML-decoded), so a caller can compare them with the
// original text. Exit code: 0 when every file parsed, 1 otherwise, 2 on usage errors.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

// Mermaid's own decodeEntities (src/utils.ts), then the browser's HTML decoding.
function decode(text) {
  const html = String(text ?? "")
    .replace(/\uFB02\u00B0\u00B0/g, "&#")
    .replace(/\uFB02\u00B0/g, "&")
    .replace(/\u00B6\u00DF/g, ";");
  const el = dom.window.document.createElement("div");
  el.innerHTML = html.replace(/<br\s*\/?>/g, "\n");
  return el.textContent;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check.mjs FILE.mmd [FILE.mmd ...]");
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const vertices = [...db.getVertices().values()].map((v) => ({
      id: v.id,
      text: decode(v.text),
      classes: v.classes,
    }));
    const edges = db.getEdges().map((e) => ({
      start: e.start,
      end: e.end,
      type: e.type,
      stroke: e.stroke,
      length: e.length,
      text: decode(e.text),
    }));
    const subgraphs = db.getSubGraphs().map((s) => ({
      id: s.id,
      title: decode(s.title),
      nodes: s.nodes,
    }));
    console.log(
      JSON.stringify({
        file,
        ok: true,
        type: diagram.type,
        accTitle: decode(db.getAccTitle()),
        accDescr: decode(db.getAccDescription()),
        subgraphs,
        direction: db.getDirection(),
        vertices,
        edges,
      }),
    );
  } catch (error) {
    failed += 1;
    console.log(JSON.stringify({ file, ok: false, error: String(error?.message ?? error) }));
  }
}
process.exit(failed ? 1 : 0);
