// The officials' chat page: asks POST /api/ask with a per-tab sessionId (follow-ups keep their topic),
/* global document, sessionStorage, crypto, fetch, h */
// shows citations as expandable source snippets, notices about dated/superseded sources, and 👍/👎 + comment.
'use strict';

const log = document.getElementById('log');
const form = document.getElementById('ask');
const input = document.getElementById('question');
const send = document.getElementById('send');

function newSessionId() {
  return crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2);
}
let sessionId = sessionStorage.getItem('hoidap-session') || newSessionId();
sessionStorage.setItem('hoidap-session', sessionId);

const vnDate = (iso) =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso.slice(8, 10) + '/' + iso.slice(5, 7) + '/' + iso.slice(0, 4) : iso;

/** The answer's machine notices as sentences for officials; internal ones are not shown. */
function noticeText(n) {
  let m;
  if ((m = /^dated source: (.+)$/.exec(n)))
    return 'Nguồn ' + m[1] + ' đã ban hành khá lâu: hãy kiểm tra văn bản mới nhất trước khi áp dụng.';
  if ((m = /^superseded source: (.+) → (.+)$/.exec(n)))
    return 'Văn bản nguồn đã được thay thế bởi ' + m[2] + '; nội dung có thể không còn áp dụng.';
  if ((m = /^rule changes on (\d{4}-\d{2}-\d{2})$/.exec(n)))
    return 'Quy định này thay đổi từ ngày ' + vnDate(m[1]) + '.';
  if (n === 'no district level since 2025-07-01')
    return 'Từ 01/07/2025 không còn cấp huyện: nơi giải quyết ghi theo cấp xã hoặc cấp tỉnh.';
  if (/^Đồng Nai is a centrally-run city since (\d{4}-\d{2}-\d{2})$/.test(n))
    return 'Lưu ý: tên gọi cơ quan có thể đã thay đổi theo sắp xếp đơn vị hành chính mới.';
  if (/^(evidence |refused: |curated answer: )/.test(n)) return null;
  return n;
}

function sourceLine(c, meta) {
  const parts = ['[' + c.n + '] ' + c.title];
  if (c.number) parts.push('Số ' + c.number);
  const date = meta && (meta.issueDate || meta.effectiveDate || meta.lastChecked);
  if (date) parts.push((meta.issueDate ? 'ngày ' : meta.effectiveDate ? 'hiệu lực ' : 'kiểm tra ') + vnDate(date));
  if (c.section) parts.push('Mục: ' + c.section);
  if (c.page) parts.push('trang ' + c.page);
  return parts.join(' · ');
}

function renderSources(result, metas) {
  if (!result.citations || result.citations.length === 0) return null;
  const byId = new Map(metas.map((m) => [m.id, m]));
  return h(
    'section',
    { class: 'sources' },
    h('h2', {}, 'Nguồn trích dẫn'),
    result.citations.map((c) => {
      const meta = byId.get(c.documentId);
      const flag =
        meta && meta.supersededBy
          ? h('span', { class: 'src-flag' }, ' (đã được thay thế bởi ' + meta.supersededBy + ')')
          : null;
      return h(
        'details',
        { class: 'source', 'data-document-id': c.documentId },
        h('summary', {}, sourceLine(c, meta), flag),
        h('blockquote', {}, c.text),
        meta && meta.sourceUrl
          ? h(
              'p',
              { class: 'muted' },
              'Văn bản gốc: ',
              h('a', { href: meta.sourceUrl, target: '_blank', rel: 'noopener noreferrer' }, meta.sourceUrl),
            )
          : null,
      );
    }),
  );
}

function feedbackBar(result, question) {
  const bar = h('div', { class: 'feedback' });
  const up = h(
    'button',
    { type: 'button', class: 'fb-up', 'aria-label': 'Hữu ích', 'aria-pressed': 'false' },
    '👍 Hữu ích',
  );
  const down = h(
    'button',
    { type: 'button', class: 'fb-down', 'aria-label': 'Chưa đúng hoặc chưa đủ', 'aria-pressed': 'false' },
    '👎 Chưa đúng',
  );
  let rating = null;
  const box = h('div', { class: 'fb-comment', hidden: true });
  const text = h('textarea', {
    rows: 2,
    maxlength: 2000,
    placeholder: 'Góp ý (không bắt buộc): câu trả lời sai/thiếu ở đâu?',
    'aria-label': 'Góp ý',
  });
  const submit = h('button', { type: 'button', class: 'fb-send primary' }, 'Gửi đánh giá');
  box.append(text, submit);
  const choose = (r) => {
    rating = r;
    up.setAttribute('aria-pressed', String(r === 'up'));
    down.setAttribute('aria-pressed', String(r === 'down'));
    box.hidden = false;
    text.focus();
  };
  up.addEventListener('click', () => choose('up'));
  down.addEventListener('click', () => choose('down'));
  submit.addEventListener('click', async () => {
    submit.disabled = true;
    const body = { rating, sessionId, comment: text.value.trim() || undefined };
    if (result.questionId) body.questionId = result.questionId;
    else body.question = question;
    try {
      const res = await fetch('/api/feedback', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error((await res.json()).message);
      bar.replaceChildren(
        h(
          'span',
          { class: 'fb-thanks', role: 'status' },
          rating === 'down' ? 'Cảm ơn anh/chị. Tổ nội dung sẽ xem lại câu trả lời này.' : 'Cảm ơn anh/chị đã đánh giá.',
        ),
      );
    } catch (err) {
      submit.disabled = false;
      box.append(h('span', { class: 'error', role: 'alert' }, 'Chưa gửi được đánh giá: ' + err.message));
    }
  });
  bar.append(h('span', { class: 'muted' }, 'Câu trả lời có hữu ích không?'), up, down, box);
  return bar;
}

async function sourceMetas(result) {
  const ids = [...new Set((result.citations || []).map((c) => c.documentId))];
  if (ids.length === 0) return [];
  try {
    const res = await fetch('/api/sources?ids=' + encodeURIComponent(ids.join(',')));
    return res.ok ? (await res.json()).sources : [];
  } catch {
    return [];
  }
}

/**
 * The reply text without its source line or list (written for Zalo: "Nguồn: [1] … — Cơ quan; [2] …", or
 * "Nguồn (áp dụng …):", or "Source:"); the page shows the sources below it, expandable.
 */
function withoutSourceList(result) {
  if (!result.citations || result.citations.length === 0) return result.answer;
  const lines = result.answer.split('\n');
  const at = lines.findLastIndex((l) => /^(?:Nguồn|Sources?)\b[^:\n]*:/.test(l));
  return at > 0 ? lines.slice(0, at).join('\n') : result.answer;
}

/** The "Còn N mục — hỏi "xem thêm"." line a phone reply ends with when more is held back; null when none. */
const MORE_LINE = /^.*(?:hỏi "xem thêm"|ask "more")[^\n]*$/m;

/** The reply shown on the page: the "xem thêm" hint becomes a button under the answer. */
function shownText(result) {
  return withoutSourceList(result).replace(MORE_LINE, '').trimEnd();
}

function moreButton(result) {
  const line = MORE_LINE.exec(result.answer);
  if (!line) return null;
  const button = h('button', { type: 'button', class: 'more', title: line[0] }, 'Xem thêm');
  button.addEventListener('click', async () => {
    button.disabled = true;
    await ask('xem thêm');
  });
  return button;
}

async function renderAnswer(result, question) {
  const metas = await sourceMetas(result);
  const notices = (result.notices || []).map(noticeText).filter(Boolean);
  for (const m of metas)
    if (m.supersededBy) notices.push('Văn bản “' + m.title + '” đã được thay thế bởi ' + m.supersededBy + '.');
  return h(
    'article',
    {
      class: 'answer' + (result.refused ? ' refused' : ''),
      'data-mode': result.mode,
      'data-question-id': result.questionId || null,
    },
    result.curated ? h('span', { class: 'badge ok curated' }, 'Câu trả lời đã được tổ nội dung duyệt') : null,
    result.refused ? h('span', { class: 'badge bad' }, 'Chưa có trong tài liệu') : null,
    h('p', { class: 'answer-text' }, shownText(result)),
    moreButton(result),
    [...new Set(notices)].map((n) => h('div', { class: 'notice', role: 'note' }, '⚠ ' + n)),
    renderSources(result, metas),
    feedbackBar(result, question),
  );
}

async function ask(question) {
  document.getElementById('intro')?.remove();
  log.append(h('div', { class: 'q' }, question));
  const wait = h('p', { class: 'thinking' }, 'Đang tra cứu…');
  log.append(wait);
  wait.scrollIntoView({ block: 'end' });
  try {
    const res = await fetch('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, sessionId }),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(body.message || res.statusText);
    wait.replaceWith(await renderAnswer(body, question));
  } catch (err) {
    wait.replaceWith(
      h(
        'p',
        { class: 'error', role: 'alert' },
        'Không trả lời được lúc này (' + err.message + '). Vui lòng thử lại hoặc gọi Tổng đài 1022.',
      ),
    );
  }
  log.lastElementChild.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  input.value = '';
  send.disabled = true;
  await ask(question);
  send.disabled = false;
  input.focus();
});
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault();
    form.requestSubmit();
  }
});
document.getElementById('new-session').addEventListener('click', () => {
  sessionId = newSessionId();
  sessionStorage.setItem('hoidap-session', sessionId);
  log.replaceChildren(h('p', { class: 'muted' }, 'Đã bắt đầu cuộc hỏi mới.'));
  input.focus();
});
