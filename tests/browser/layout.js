// How the page shows its drawing and its words, measured in the page by
// tests/browser/test_page_layout.py.
// window.impactLayout.drawing(): where the drawing is, the size of its smallest text in CSS
//   px, whether its region scrolls, and whether the note that says so can be seen.
// window.impactLayout.brokenWords(): words (runs of letters) whose letters are laid out on
//   more than one line, outside the drawing and web addresses: a word broken inside.
(() => {
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

  window.impactLayout = { drawing, brokenWords };
})();
