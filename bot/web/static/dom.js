// The element builder both pages use (no build step, so it is a classic script loaded before each page's own).
// Children are strings, set as text and never as HTML, because titles and questions come from outside.
/* global document, Node */
'use strict';

/** Builds an element: attributes (on* = event listeners, true = present), then children (strings or nodes). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a page global: admin.js and chat.js load after this file
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
