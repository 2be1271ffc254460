// The content console. Every call goes to /admin/api/* with the session cookie; text is always set as
/* global document, location, fetch, Blob, confirm, setInterval, clearInterval, h */
// text (never as HTML), because document titles and questions come from outside.
'use strict';

const $ = (sel) => document.querySelector(sel);
const vnDate = (iso) =>
  iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(8, 10) + '/' + iso.slice(5, 7) + '/' + iso.slice(0, 4) : '';
const vnTime = (iso) => (iso ? new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '');

async function api(method, path, body, headers) {
  const init = { method, headers: { ...(headers || {}) } };
  if (body instanceof Blob) {
    init.body = body;
    init.headers['content-type'] = 'application/octet-stream';
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  const res = await fetch('/admin/api' + path, init);
  if (res.status === 401) {
    location.href = '/admin';
    throw new Error('401');
  }
  const data = res.status === 204 ? null : await res.json();
  if (!res.ok) {
    const e = new Error(data.message);
    e.code = data.code;
    e.detail = data.detail;
    throw e;
  }
  return data;
}

// Which error codes mean what, in the team's words.
const ERROR_TEXT = {
  E_UPLOAD_UNREADABLE: 'Không đọc được tệp — chỉ mục không thay đổi.',
  E_UPLOAD_TYPE: 'Định dạng tệp không được hỗ trợ hoặc nội dung không đúng với đuôi tệp.',
  E_UPLOAD_TOO_LARGE: 'Tệp quá lớn.',
  E_DOCUMENT_EXISTS: 'Đã có tài liệu cùng tên — hãy dùng “Thay bản mới”.',
  E_META_INVALID: 'Thông tin không hợp lệ.',
  E_CITATION_UNKNOWN: 'Trích dẫn không khớp tài liệu đang dùng.',
};
function showMessage(el, kind, text, detail) {
  el.replaceChildren(
    h(
      'div',
      {
        class: 'card ' + (kind === 'error' ? 'error' : ''),
        role: kind === 'error' ? 'alert' : 'status',
        'data-kind': kind,
      },
      text,
      detail ? h('div', { class: 'muted' }, detail) : null,
    ),
  );
}
function errorMessage(el, err) {
  showMessage(
    el,
    'error',
    (ERROR_TEXT[err.code] || 'Có lỗi.') + ' [' + (err.code || 'lỗi') + (err.detail ? ' / ' + err.detail : '') + ']',
    err.message,
  );
}

// ---- tabs
for (const tab of document.querySelectorAll('[role=tab]')) {
  tab.addEventListener('click', () => {
    for (const t of document.querySelectorAll('[role=tab]')) t.setAttribute('aria-selected', String(t === tab));
    for (const p of document.querySelectorAll('[role=tabpanel]')) p.hidden = p.id !== 'tab-' + tab.dataset.tab;
    ({ documents: loadDocuments, questions: loadQuestions, curated: loadCurated, search: () => undefined })[
      tab.dataset.tab
    ]();
  });
}
$('#logout').addEventListener('click', async () => {
  await fetch('/admin/logout', { method: 'POST' });
  location.href = '/admin';
});

// ---- documents
const STATUS = {
  in_force: ['Còn hiệu lực', 'ok'],
  not_yet_in_force: ['Chưa có hiệu lực', 'warn'],
  expired: ['Hết hiệu lực', 'bad'],
  superseded: ['Đã bị thay thế', 'warn'],
  withdrawn: ['Đã rút', 'bad'],
};
const TYPES = { plan: 'Kế hoạch', procedure: 'Thủ tục', guide: 'Hướng dẫn', legal: 'Văn bản QPPL' };
const AUDIENCE = { residents: 'Người dân', officials: 'Cán bộ', both: 'Cả hai' };
let documents = [];

function reindexText(s) {
  if (s.state === 'running')
    return (
      'đang lập chỉ mục lại ' +
      s.progress.done +
      '/' +
      s.progress.total +
      (s.progress.path ? ' (' + s.progress.path + ')' : '')
    );
  if (s.state === 'failed') return 'lập chỉ mục lỗi: ' + s.error.code + ' — ' + s.error.message;
  if (s.state === 'done' && s.report) {
    const r = s.report;
    const failed = r.failed.length ? ' · lỗi: ' + r.failed.map((f) => f.path + ' (' + f.code + ')').join(', ') : '';
    return (
      'đã cập nhật lúc ' +
      vnTime(s.finishedAt) +
      ' · thêm ' +
      r.added.length +
      ', sửa ' +
      r.updated.length +
      ', gỡ ' +
      r.removed.length +
      ' · ' +
      r.chunks +
      ' đoạn' +
      failed +
      ingestNotes(r)
    );
  }
  return 'sẵn sàng';
}
// Procedures recognised in official documents, files read as passages, and what OCR did (issue 13).
function ingestNotes(r) {
  const files = r.procedures || [];
  const count = files.reduce((n, f) => n + f.procedures.length, 0);
  const parts = files.flatMap((f) =>
    f.procedures.map(
      (p) =>
        (p.code || p.name) +
        ': ' +
        p.parts.length +
        ' mục' +
        (p.missing.length ? ' (thiếu ' + p.missing.join('; ') + ')' : ''),
    ),
  );
  const passages = files.filter((f) => f.passage).map((f) => f.path);
  const ocr = (r.ocr || []).map(
    (o) =>
      o.path +
      (o.skipped
        ? ' — OCR bỏ qua: ' + o.skipped
        : o.diacriticsLost
          ? ' — OCR MẤT DẤU, cần kiểm tra'
          : ' — OCR ' + Math.round((o.markShare || 0) * 100) + '% âm tiết có dấu'),
  );
  return (
    (count ? ' · ' + count + ' thủ tục nhận dạng: ' + parts.join(', ') : '') +
    (passages.length ? ' · không nhận ra mục thủ tục nào, lập chỉ mục dạng đoạn văn: ' + passages.join(', ') : '') +
    (ocr.length ? ' · ' + ocr.join(', ') : '')
  );
}
function showReindex(s) {
  $('#reindex-status').textContent = reindexText(s);
  $('#reindex-status').dataset.state = s.state;
  const bar = $('#reindex-progress');
  bar.hidden = s.state !== 'running';
  bar.max = Math.max(1, s.progress.total);
  bar.value = s.progress.done;
}
// Zalo OA tokens (issue 10): when the access token ends, when the 3-month refresh token ends, whether a person
// must authorize the OA again (npm run zalo:oa-auth).
const OA_PROBLEM = {
  E_ZALO_TOKEN_DEAD: 'refresh token đã hết hạn hoặc bị thu hồi',
  E_ZALO_NOT_AUTHORIZED: 'OA chưa được cấp quyền',
};
function showOa(oa) {
  const status = $('#oa-status');
  if (!oa) {
    status.textContent = 'kênh Zalo OA chưa bật';
    status.dataset.state = 'off';
    $('#oa-details').replaceChildren();
    return;
  }
  const state = oa.reauthorize ? 'reauthorize' : oa.refreshTokenNearEnd ? 'near-end' : 'ok';
  status.dataset.state = state;
  status.replaceChildren(
    state === 'reauthorize'
      ? h('span', { class: 'badge bad' }, 'Cần cấp quyền lại: ' + (OA_PROBLEM[oa.problem] || oa.problem))
      : state === 'near-end'
        ? h('span', { class: 'badge warn' }, 'Refresh token sắp hết hạn 3 tháng — cấp quyền lại sớm')
        : h('span', { class: 'badge ok' }, 'Hoạt động'),
  );
  const items = [
    'Access token hết hạn: ' + (oa.accessTokenExpiresAt ? vnTime(oa.accessTokenExpiresAt) : 'chưa rõ'),
    'Refresh token hết hạn: ' +
      (oa.refreshTokenExpiresAt ? vnTime(oa.refreshTokenExpiresAt) : 'chưa rõ (token dán tay, chưa đổi lần nào)'),
  ];
  if (oa.reauthorize)
    items.push('Cách làm: chạy npm run zalo:oa-auth trên máy chủ và đăng nhập bằng tài khoản quản trị OA.');
  $('#oa-details').replaceChildren(...items.map((t) => h('li', {}, t)));
}
const OUTCOME = {
  added: ['Thêm mới', 'ok'],
  updated: ['Cập nhật', 'ok'],
  removed: ['Đã gỡ', 'warn'],
  failed: ['Lỗi', 'bad'],
};
function reportRow(r) {
  const [label, kind] = OUTCOME[r.outcome] || [r.outcome, ''];
  const procedures = r.procedures.map(
    (p) =>
      (p.code || p.name) +
      ': nhận ' +
      (p.parts.length ? p.parts.join(', ') : 'không mục nào') +
      (p.missing.length ? ' · thiếu ' + p.missing.join(', ') : ''),
  );
  if (r.passage) procedures.push('không nhận ra mục thủ tục nào: lập chỉ mục dạng đoạn văn');
  const ocr = !r.ocr
    ? '—'
    : r.ocr.skipped
      ? 'OCR bỏ qua: ' + r.ocr.skipped
      : r.ocr.diacriticsLost
        ? 'OCR MẤT DẤU (trang ' + r.ocr.read.join(', ') + '), cần kiểm tra'
        : 'OCR trang ' + r.ocr.read.join(', ') + ' · ' + Math.round((r.ocr.markShare || 0) * 100) + '% âm tiết có dấu';
  return h(
    'tr',
    { 'data-path': r.path, 'data-outcome': r.outcome },
    h('td', {}, r.path),
    h('td', {}, vnTime(r.at)),
    h(
      'td',
      {},
      h('span', { class: 'badge ' + kind }, label),
      r.failure ? h('div', { class: 'muted' }, r.failure.code + ' — ' + r.failure.reason) : null,
    ),
    h('td', { class: 'procedures' }, procedures.length ? procedures.map((t) => h('div', {}, t)) : '—'),
    h('td', { class: 'ocr', 'data-ocr': r.ocr ? (r.ocr.diacriticsLost ? 'lost' : 'read') : 'none' }, ocr),
  );
}
async function loadStatus() {
  const s = await api('GET', '/status');
  showOa(s.oa);
  $('#reports-empty').hidden = s.documents.length > 0;
  $('#document-reports').parentElement.hidden = s.documents.length === 0;
  $('#document-reports tbody').replaceChildren(...s.documents.map(reportRow));
}

let polling = null;
function watchReindex() {
  if (polling) return;
  polling = setInterval(async () => {
    const s = await api('GET', '/reindex');
    showReindex(s);
    if (s.state !== 'running' && !s.queued) {
      clearInterval(polling);
      polling = null;
      await loadDocuments();
    }
  }, 400);
}

function docRow(d) {
  const [label, kind] = STATUS[d.status] || [d.status, ''];
  const validity = [
    d.effectiveDate ? 'từ ' + vnDate(d.effectiveDate) : '',
    d.expiryDate ? 'đến ' + vnDate(d.expiryDate) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return h(
    'tr',
    { 'data-id': d.id },
    h('td', {}, h('div', {}, d.title), h('div', { class: 'doc-id' }, d.id)),
    h('td', {}, d.number || '—'),
    h('td', {}, d.issuer || '—'),
    h('td', {}, vnDate(d.issueDate) || '—'),
    h('td', {}, validity || '—', d.supersededBy ? h('div', { class: 'muted' }, 'thay bởi ' + d.supersededBy) : null),
    h('td', {}, TYPES[d.type] || d.type),
    h('td', {}, AUDIENCE[d.audience] || d.audience),
    h('td', {}, h('span', { class: 'badge ' + kind, 'data-status': d.status }, label)),
    h('td', { class: 'chunks' }, String(d.chunks)),
    h('td', {}, vnTime(d.lastIndexed)),
    h(
      'td',
      { class: 'actions' },
      h('button', { type: 'button', class: 'edit', onclick: () => editMeta(d) }, 'Sửa'),
      h('button', { type: 'button', class: 'replace', onclick: () => replaceFile(d) }, 'Thay bản mới'),
      d.status === 'withdrawn'
        ? null
        : h('button', { type: 'button', class: 'withdraw', onclick: () => withdraw(d) }, 'Rút'),
    ),
  );
}
async function loadDocuments() {
  const data = await api('GET', '/documents');
  documents = data.documents;
  $('#documents tbody').replaceChildren(...documents.map(docRow));
  showReindex(data.reindex);
  if (data.reindex.state === 'running' || data.reindex.queued) watchReindex();
  await loadStatus();
}

$('#upload-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const file = $('#upload-file').files[0];
  if (!file) return;
  const folder = $('#upload-folder').value;
  $('#upload-submit').disabled = true;
  try {
    const q = '?filename=' + encodeURIComponent(file.name) + (folder ? '&folder=' + folder : '');
    const r = await api('POST', '/documents' + q, file);
    showMessage(
      $('#doc-message'),
      'ok',
      'Đã nhận “' +
        r.document.title +
        '” (' +
        r.document.chunks +
        ' đoạn, mã ' +
        r.document.id +
        '). Đang lập chỉ mục lại…',
    );
    $('#upload-form').reset();
    showReindex(r.reindex);
    watchReindex();
  } catch (err) {
    errorMessage($('#doc-message'), err);
  }
  $('#upload-submit').disabled = false;
});

let replacing = null;
function replaceFile(d) {
  replacing = d;
  $('#replace-file').value = '';
  $('#replace-file').click();
}
$('#replace-file').addEventListener('change', async () => {
  const file = $('#replace-file').files[0];
  if (!file || !replacing) return;
  try {
    const r = await api(
      'PUT',
      '/documents/' + encodeURIComponent(replacing.id) + '/file?filename=' + encodeURIComponent(file.name),
      file,
    );
    showMessage(
      $('#doc-message'),
      'ok',
      'Đã thay “' + r.document.title + '” bằng bản mới (' + r.document.chunks + ' đoạn). Đang lập chỉ mục lại…',
    );
    watchReindex();
  } catch (err) {
    errorMessage($('#doc-message'), err);
  }
});

async function withdraw(d) {
  if (!confirm('Rút tài liệu “' + d.title + '”? Trợ lý sẽ ngừng trích dẫn tài liệu này ngay.')) return;
  try {
    await api('DELETE', '/documents/' + encodeURIComponent(d.id));
    showMessage($('#doc-message'), 'ok', 'Đã rút “' + d.title + '”: không còn được trích dẫn. Đang lập chỉ mục lại…');
    await loadDocuments();
    watchReindex();
  } catch (err) {
    errorMessage($('#doc-message'), err);
  }
}

const META_FIELDS = [
  ['title', 'Tiêu đề'],
  ['number', 'Số hiệu'],
  ['issuer', 'Cơ quan ban hành'],
  ['issueDate', 'Ngày ban hành (YYYY-MM-DD)'],
  ['effectiveDate', 'Ngày hiệu lực'],
  ['expiryDate', 'Ngày hết hiệu lực'],
  ['supersededBy', 'Bị thay thế bởi (mã/số hiệu)'],
  ['lastChecked', 'Ngày kiểm tra'],
  ['sourceUrl', 'Đường dẫn văn bản gốc'],
  ['type', 'Loại'],
  ['audience', 'Đối tượng'],
];
let editing = null;
function editMeta(d) {
  editing = d;
  $('#meta-id').textContent = d.id + ' — ' + d.sourcePath;
  $('#meta-error').textContent = '';
  $('#meta-fields').replaceChildren(
    ...META_FIELDS.map(([key, label]) => {
      const value = d[key] == null ? '' : d[key];
      const field =
        key === 'type' || key === 'audience'
          ? h(
              'select',
              { name: key },
              Object.entries(key === 'type' ? TYPES : AUDIENCE).map(([v, l]) =>
                h('option', { value: v, selected: v === value }, l),
              ),
            )
          : h('input', { name: key, value });
      return h('label', {}, label, field);
    }),
  );
  $('#meta-dialog').showModal();
}
$('#meta-cancel').addEventListener('click', () => $('#meta-dialog').close());
$('#meta-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const patch = {};
  for (const el of $('#meta-fields').querySelectorAll('[name]')) {
    const before = editing[el.name] == null ? '' : String(editing[el.name]);
    if (el.value.trim() !== before) patch[el.name] = el.value.trim();
  }
  try {
    await api('PATCH', '/documents/' + encodeURIComponent(editing.id), patch);
    $('#meta-dialog').close();
    showMessage($('#doc-message'), 'ok', 'Đã lưu thông tin “' + editing.title + '”. Đang lập chỉ mục lại…');
    watchReindex();
  } catch (err) {
    $('#meta-error').textContent = (ERROR_TEXT[err.code] || 'Có lỗi.') + ' ' + err.message;
  }
});
$('#reindex-now').addEventListener('click', async () => {
  showReindex(await api('POST', '/reindex'));
  watchReindex();
});

// ---- retrieval test
$('#search-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const data = await api('POST', '/search', { query: $('#search-query').value, k: 10 });
  const fields = (m) =>
    ['title', 'section', 'text']
      .filter((f) => m[f].length)
      .map((f) => ({ title: 'tiêu đề', section: 'mục', text: 'nội dung' })[f] + ': ' + m[f].join(', '))
      .join(' · ');
  $('#search-results').replaceChildren(
    ...(data.hits.length
      ? data.hits.map((hit) =>
          h(
            'li',
            { class: 'card hit', 'data-document-id': hit.documentId },
            h(
              'div',
              { class: 'hit-head' },
              hit.title +
                (hit.number ? ' (' + hit.number + ')' : '') +
                ' — ' +
                (hit.section || '(đầu văn bản)') +
                (hit.page ? ', trang ' + hit.page : '') +
                (hit.field ? ' [' + hit.field + ']' : ''),
            ),
            h(
              'div',
              { class: 'scores' },
              'điểm ' +
                hit.score.toFixed(3) +
                ' · từ khoá ' +
                hit.lexicalScore.toFixed(3) +
                ' · vector ' +
                hit.vectorScore.toFixed(3),
            ),
            h('div', { class: 'muted' }, 'Khớp — ' + (fields(hit.matchedIn) || 'chỉ theo vector')),
            h('details', {}, h('summary', {}, 'Nội dung đoạn'), h('p', {}, hit.text)),
          ),
        )
      : [h('li', { class: 'muted' }, 'Không có đoạn nào.')]),
  );
});

// ---- questions
const Q_STATUS = {
  open: 'Chưa xử lý',
  needs_document: 'Cần bổ sung tài liệu',
  assigned: 'Đã giao',
  resolved: 'Đã xử lý',
};
function questionItem(q) {
  const status = h(
    'select',
    { 'aria-label': 'Trạng thái' },
    Object.entries(Q_STATUS).map(([v, l]) => h('option', { value: v, selected: v === q.status }, l)),
  );
  const assignee = h('input', {
    placeholder: 'Người phụ trách',
    value: q.assignee || '',
    'aria-label': 'Người phụ trách',
  });
  const note = h('input', { placeholder: 'Ghi chú', value: q.note || '', 'aria-label': 'Ghi chú' });
  const save = h('button', { type: 'button' }, 'Lưu');
  save.addEventListener('click', async () => {
    await api('PATCH', '/questions/' + q.id, {
      status: status.value,
      assignee: assignee.value || null,
      note: note.value || null,
    });
    save.textContent = 'Đã lưu';
  });
  return h(
    'div',
    { class: 'card q-item', 'data-question-id': q.id },
    q.refused ? h('span', { class: 'badge bad' }, 'Từ chối') : null,
    q.rating < 0
      ? h('span', { class: 'badge bad' }, '👎')
      : q.rating > 0
        ? h('span', { class: 'badge ok' }, '👍')
        : null,
    q.curatedId ? h('span', { class: 'badge' }, 'Duyệt sẵn') : null,
    h('span', { class: 'muted' }, vnTime(q.at) + ' · ' + q.channel),
    h('div', { class: 'q-text' }, q.question),
    q.comments.length ? h('div', { class: 'muted' }, 'Góp ý: ' + q.comments.join(' | ')) : null,
    h('details', {}, h('summary', {}, 'Câu trả lời'), h('p', {}, q.answer)),
    h('div', { class: 'q-controls' }, status, assignee, note, save),
  );
}
async function loadQuestions() {
  const status = $('#question-filter').value;
  const data = await api('GET', '/questions' + (status ? '?status=' + status : ''));
  $('#questions').replaceChildren(
    ...(data.groups.length
      ? data.groups.map((g) =>
          h(
            'section',
            { class: 'topic' },
            h(
              'h3',
              {},
              g.topic + ' — ' + g.questions.length + ' câu' + (g.attention ? ', ' + g.attention + ' cần xem' : ''),
            ),
            g.questions.map(questionItem),
          ),
        )
      : [h('p', { class: 'muted' }, 'Chưa có câu hỏi.')]),
  );
}
$('#question-filter').addEventListener('change', loadQuestions);

// ---- curated answers
function curatedItem(c) {
  return h(
    'div',
    { class: 'card curated-item', 'data-curated-id': c.id },
    h('div', { class: 'q-text' }, c.question),
    c.variants.length ? h('div', { class: 'muted' }, 'Cách hỏi khác: ' + c.variants.join(' · ')) : null,
    h('p', {}, c.answer),
    h(
      'div',
      { class: 'muted' },
      'Nguồn: ' + c.citations.map((x) => '[' + x.n + '] ' + x.title + (x.section ? ' — ' + x.section : '')).join('; '),
    ),
    h('button', { type: 'button', onclick: () => fillCurated(c) }, 'Sửa'),
    ' ',
    h(
      'button',
      {
        type: 'button',
        onclick: async () => {
          if (confirm('Xoá câu trả lời này?')) {
            await api('DELETE', '/curated/' + c.id);
            loadCurated();
          }
        },
      },
      'Xoá',
    ),
  );
}
function fillCurated(c) {
  $('#curated-id').value = c ? c.id : '';
  $('#curated-form-title').textContent = c ? 'Sửa câu trả lời #' + c.id : 'Thêm câu trả lời duyệt sẵn';
  $('#curated-question').value = c ? c.question : '';
  $('#curated-variants').value = c ? c.variants.join('\n') : '';
  $('#curated-answer').value = c ? c.answer : '';
  $('#curated-citations').value = c ? c.citations.map((x) => x.documentId + ' | ' + x.section).join('\n') : '';
  $('#curated-error').textContent = '';
}
async function loadCurated() {
  const data = await api('GET', '/curated');
  $('#curated-list').replaceChildren(
    ...(data.curated.length
      ? data.curated.map(curatedItem)
      : [h('p', { class: 'muted' }, 'Chưa có câu trả lời duyệt sẵn.')]),
  );
}
$('#curated-reset').addEventListener('click', () => fillCurated(null));
$('#curated-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const lines = (id) =>
    $(id)
      .value.split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
  const body = {
    question: $('#curated-question').value.trim(),
    variants: lines('#curated-variants'),
    answer: $('#curated-answer').value.trim(),
    citations: lines('#curated-citations').map((l) => {
      const [documentId, ...rest] = l.split('|');
      const section = rest.join('|').trim();
      return section ? { documentId: documentId.trim(), section } : { documentId: documentId.trim() };
    }),
  };
  try {
    const id = $('#curated-id').value;
    await api(id ? 'PUT' : 'POST', '/curated' + (id ? '/' + id : ''), body);
    fillCurated(null);
    await loadCurated();
  } catch (err) {
    $('#curated-error').textContent = (ERROR_TEXT[err.code] || 'Có lỗi.') + ' ' + err.message;
  }
});

loadDocuments();
