// impact watch only: keeps the page in step with the file. The page that
// 'impact render' writes has no script; this one is added by the preview server,
// allowed by the nonce of its Content-Security-Policy.
//
// The server sends an "update" event on connecting and after every change: the
// page's parts (when it is new to this stream: language, title, stylesheet, body),
// the live region's markup, and versions.
// A new page replaces the title, the stylesheet and the body in place, keeping
// the scroll position, the drawing's sideways scroll and the focus; the live
// region element itself is kept, so that screen readers go on following it.
// EventSource reconnects by itself when the server restarts.
"use strict";
(() => {
  // The element with focus, as a path of child indexes from the body.
  function focusPath() {
    const path = [];
    for (let node = document.activeElement; node && node !== document.body; node = node.parentElement) {
      if (!node.parentElement) return null;
      path.unshift([...node.parentElement.children].indexOf(node));
    }
    return path.length ? path : null;
  }

  function refocus(path) {
    let node = document.body;
    for (const index of path || []) node = node && node.children[index];
    if (node && node !== document.body) node.focus({ preventScroll: true });
  }

  function swap(page, region) {
    const x = window.scrollX;
    const y = window.scrollY;
    const drawing = document.querySelector(".diagram-scroll");
    const sideways = drawing ? drawing.scrollLeft : 0;
    const focus = region.contains(document.activeElement) ? null : focusPath();

    document.title = page.title;
    document.documentElement.lang = page.lang;
    const style = document.head.querySelector("style:not(#impact-watch-style)");
    if (style && style.textContent !== page.style) {
      // A new element with this page's nonce: the policy blocks changing the old one.
      const replacement = document.createElement("style");
      replacement.nonce = style.nonce;
      replacement.textContent = page.style;
      style.replaceWith(replacement);
    }
    const next = new DOMParser().parseFromString(page.body, "text/html");
    const body = document.body;
    for (const attribute of [...body.attributes]) body.removeAttribute(attribute.name);
    for (const attribute of next.body.attributes) body.setAttribute(attribute.name, attribute.value);
    region.remove();
    body.replaceChildren(...next.body.childNodes);
    const header = body.querySelector("header");
    if (header) header.after(region);
    else body.prepend(region);

    const nextDrawing = document.querySelector(".diagram-scroll");
    if (nextDrawing) nextDrawing.scrollLeft = sideways;
    window.scrollTo(x, y);
    if (focus) refocus(focus);
  }

  function start() {
    const region = document.getElementById("impact-watch");
    const live = document.getElementById("impact-watch-status");
    if (!region || !live || !window.EventSource) return;
    const events = new EventSource("/events?page=" + encodeURIComponent(region.dataset.page));
    events.addEventListener("update", (event) => {
      const data = JSON.parse(event.data);
      if (data.page !== null && data.version !== region.dataset.version) {
        swap(data.page, region);
        region.dataset.version = data.version;
      }
      if (data.status_id !== region.dataset.status) {
        live.innerHTML = data.status; // made by impact; every text in it is escaped
        region.dataset.status = data.status_id;
        region.toggleAttribute("data-stale", data.stale);
      }
      document.documentElement.dataset.impactWatch = "live";
    });
    events.addEventListener("error", () => {
      if (region.dataset.status === "offline") return;
      live.innerHTML =
        "<p><strong>Not connected to impact watch.</strong> This page updates again " +
        "when impact watch runs at this address.</p>";
      region.dataset.status = "offline";
      document.documentElement.dataset.impactWatch = "offline";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
