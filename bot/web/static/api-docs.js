// Renders openapi.json as a plain list of operations (no CDN, no framework).
/* global document, fetch */
'use strict';
(async () => {
  const doc = await (await fetch('/admin/api/openapi.json')).json();
  const main = document.getElementById('ops');
  main.replaceChildren();
  const intro = document.createElement('p');
  intro.textContent = doc.info.description;
  main.append(intro);
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const card = document.createElement('div');
      card.className = 'card op';
      const head = document.createElement('h2');
      head.style.fontSize = '1rem';
      head.textContent =
        method.toUpperCase() + ' ' + ((doc.servers && doc.servers[0] && doc.servers[0].url) || '') + path;
      const summary = document.createElement('p');
      summary.textContent = op.summary;
      const params = (op.parameters || [])
        .map((p) => p.name + ' (' + p.in + (p.required ? ', bắt buộc' : '') + ')')
        .join(', ');
      const responses = Object.entries(op.responses || {})
        .map(([code, r]) => code + ': ' + r.description)
        .join(' · ');
      const meta = document.createElement('p');
      meta.className = 'muted';
      meta.textContent =
        (params ? 'Tham số: ' + params + '. ' : '') +
        (op.requestBody
          ? 'Thân: ' + (op.requestBody.description || Object.keys(op.requestBody.content).join(', ')) + '. '
          : '') +
        'Trả về: ' +
        responses;
      card.append(head, summary, meta);
      main.append(card);
    }
  }
})();
