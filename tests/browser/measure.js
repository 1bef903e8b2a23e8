// Measurements axe does not make, run inside the page by tests/browser/test_html_browser.py.
// window.impactMeasure.svgContrast(): WCAG contrast of every SVG text (against the fill
//   painted behind its centre) and of every line and box border (against what is behind it),
//   from getComputedStyle, so CSS for dark mode and forced colours is taken into account.
// window.impactMeasure.layout(): page-level horizontal scroll, elements outside the viewport
//   (except inside the labelled diagram region) and clipped text.
// window.impactMeasure.drawing(): where the drawing is, the size of its smallest text in CSS
//   px, whether its region scrolls, and whether the note that says so can be seen.
// window.impactMeasure.brokenWords(): words (runs of letters) whose letters are laid out on
//   more than one line, outside the drawing and web addresses: a word broken inside.
(() => {
  const parse = (value) => {
    const m = /rgba?\(([^)]+)\)/.exec(value || "");
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const channel = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const lum = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, "0")).join("");
  const pageBackground = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const visibleFill = (el) => {
    const s = getComputedStyle(el);
    if (s.display === "none" || s.visibility === "hidden" || s.fill === "none") return null;
    if (Number(s.fillOpacity) === 0 || Number(s.opacity) === 0) return null;
    const c = parse(s.fill);
    return c && c.a > 0 ? c : null;
  };
  const visibleStroke = (el) => {
    const s = getComputedStyle(el);
    if (s.display === "none" || s.visibility === "hidden" || s.stroke === "none") return null;
    if (Number(s.strokeOpacity) === 0 || parseFloat(s.strokeWidth) === 0) return null;
    const c = parse(s.stroke);
    return c && c.a > 0 ? c : null;
  };
  const label = (el) => {
    const g = el.closest("g.node, g.edge, g.cluster");
    const who = g ? `${g.getAttribute("class")}#${g.id}` : "svg";
    return `${el.localName} in ${who}: ${(el.textContent || "").trim().slice(0, 40)}`;
  };

  function svgContrast() {
    const svg = document.querySelector(".diagram-scroll svg");
    const canvas = pageBackground(svg.parentElement);
    const all = Array.from(svg.querySelectorAll("*"));
    const order = new Map(all.map((e, i) => [e, i]));
    const shapes = all.filter((e) => e instanceof SVGGeometryElement && !(e instanceof SVGTextContentElement));
    // The fill painted under screen point (x, y) before element el, ignoring those skip() rejects.
    const behind = (el, x, y, skip) => {
      let found = null;
      for (const s of shapes) {
        if (order.get(s) >= order.get(el) || (skip && skip(s))) continue;
        const fill = visibleFill(s);
        if (!fill) continue;
        const ctm = s.getScreenCTM();
        if (!ctm) continue;
        const local = new DOMPoint(x, y).matrixTransform(ctm.inverse());
        if (s.isPointInFill(local)) found = { fill, el: s };
      }
      return found ? found.fill : canvas;
    };
    const toScreen = (el, x, y) => new DOMPoint(x, y).matrixTransform(el.getScreenCTM());
    const results = [];
    for (const t of svg.querySelectorAll("text")) {
      if (!(t.textContent || "").trim()) continue;
      const fg = visibleFill(t);
      if (!fg) {
        results.push({ kind: "text", what: label(t), ratio: 0, fg: "none", bg: "?" });
        continue;
      }
      const box = t.getBBox();
      const p = toScreen(t, box.x + box.width / 2, box.y + box.height / 2);
      const bg = behind(t, p.x, p.y);
      results.push({ kind: "text", what: label(t), ratio: ratio(fg, bg), fg: hex(fg), bg: hex(bg) });
    }
    for (const s of shapes) {
      const stroke = visibleStroke(s);
      if (!stroke) continue;
      const group = s.closest("g.node, g.edge");
      const isEdge = !!(group && group.classList.contains("edge"));
      const length = s.getTotalLength();
      const q = s.getPointAtLength(length / 2);
      const p = toScreen(s, q.x, q.y);
      // What is behind the line: everything painted before it, except its own box or link.
      const bg = behind(s, p.x, p.y, (o) => o === s || (group && group.contains(o)));
      let best = ratio(stroke, bg);
      const own = visibleFill(s);
      // A box is identifiable by its border OR by its fill against the background (1.4.11).
      if (!isEdge && own) best = Math.max(best, ratio(own, bg));
      results.push({
        kind: isEdge ? "line" : "border",
        what: label(s),
        ratio: best,
        fg: hex(stroke),
        bg: hex(bg),
      });
    }
    return results;
  }

  function layout() {
    const root = document.documentElement;
    const width = root.clientWidth;
    const region = document.querySelector('[role="region"].diagram-scroll');
    // a data table may scroll sideways in its own region (WCAG 1.4.10's exception)
    const tables = [...document.querySelectorAll('[role="region"].chart-table-scroll')];
    const outside = [];
    const clipped = [];
    for (const el of document.body.querySelectorAll("*")) {
      if (region && region.contains(el) && el !== region) continue;
      if (tables.some((t) => t.contains(el) && el !== t)) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.position === "absolute" && el.offsetWidth <= 1) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.left < -0.5 || rect.right > width + 0.5) {
        outside.push(`${el.localName}.${el.className}: ${Math.round(rect.left)}..${Math.round(rect.right)}`);
      }
      const hides = (v) => v === "hidden" || v === "clip";
      if (el !== region && !tables.includes(el) && (hides(style.overflowX) || hides(style.overflowY))) {
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
          clipped.push(`${el.localName}.${el.className}`);
        }
      }
    }
    if (region && region.scrollHeight > region.clientHeight + 1) clipped.push("diagram region (vertically)");
    return {
      viewport: width,
      scrollWidth: root.scrollWidth,
      pageScrolls: root.scrollWidth > width,
      regionScrollWidth: region ? region.scrollWidth : null,
      regionClientWidth: region ? region.clientWidth : null,
      outside,
      clipped,
    };
  }


  const seen = (el) => {
    if (!el || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= document.documentElement.clientWidth + 0.5;
  };

  function drawing() {
    const region = document.querySelector(".diagram-scroll");
    const svg = region.querySelector("svg");
    const rect = svg.getBoundingClientRect();
    let smallest = Infinity;
    for (const t of svg.querySelectorAll("text")) {
      if (!(t.textContent || "").trim()) continue;
      const ctm = t.getScreenCTM();
      const size = parseFloat(t.getAttribute("font-size") || getComputedStyle(t).fontSize);
      smallest = Math.min(smallest, size * Math.hypot(ctm.a, ctm.b));
    }
    const viewport = document.documentElement.clientWidth;
    const scrolls = region.scrollWidth > region.clientWidth + 1;
    return {
      viewport,
      left: rect.left,
      right: rect.right,
      width: rect.width,
      smallestText: smallest,
      scrolls,
      whole: !scrolls && rect.left >= -0.5 && rect.right <= viewport + 0.5,
      cue: seen(document.querySelector(".diagram-note .if-scrolls")),
      smallerNote: seen(document.querySelector(".diagram-note .if-smaller")),
      fullSizeLink: seen(document.querySelector('.diagram-note a[href="#diagram-full-size"]')),
      pageScrolls: document.documentElement.scrollWidth > viewport,
    };
  }

  function brokenWords() {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest("svg, style") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const broken = [];
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const token of node.data.matchAll(/\S+/gu)) {
        if (token[0].includes("://")) continue; // a web address may break where it must
        for (const m of token[0].matchAll(/\p{L}{2,}/gu)) {
          const start = token.index + m.index;
          range.setStart(node, start);
          range.setEnd(node, start + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        const lines = new Set(rects.map((r) => Math.round(r.top)));
          if (lines.size > 1) {
            broken.push(`${m[0]} in ${node.parentElement.localName}.${node.parentElement.className}`);
          }
        }
      }
    }
    return broken;
  }

  window.impactMeasure = { svgContrast, layout, drawing, brokenWords };
})();
