/**
 * Guards the committed dev sets: shape, mix of typing styles, share of unanswerable questions, and that
 * every evidence string really is a span of a source document (so hit@k measures retrieval, not typos).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadQuestionSets, parseQuestions } from './question-set.ts';
import { slicesOf } from './slices.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = join(ROOT, 'knowledge', 'sources');
const SETS = [
  'plan.jsonl',
  'procedures.jsonl',
  'fresh.jsonl',
  'fresh-holdout.jsonl',
  'fresh2.jsonl',
  'fresh2-holdout.jsonl',
  'fresh3.jsonl',
  'refusal-probe.jsonl',
  'fresh4.jsonl',
].map((f) => join(ROOT, 'eval', 'questions', f));
/** The questions issue 9 asks to see answered; they belong to the working set, never the holdout. */
const NAMED_IN_ISSUE_9 = [
  'con tôi 15 tuổi làm căn cước lần đầu có mất tiền không',
  'khai tử cho ông nội mất ở bệnh viện thì làm ở đâu, có mất phí không',
  'Sở Y tế được giao những nhiệm vụ gì trong kế hoạch chuyển đổi số 2024',
  'đăng ký tạm trú ở Bình Dương cần gì',
  "What share of online payments does Dong Nai's 2024 plan target?",
];

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Each source document's id (path without extension) → its searchable text pieces. */
async function sourceTexts(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) await walk(path);
      else if (!/\.meta\.ya?ml$/.test(e.name)) {
        const id = relative(SOURCES, path)
          .replace(/\.[^.]+$/, '')
          .split('\\')
          .join('/');
        const raw = await readFile(path, 'utf8');
        const pieces = /\.ya?ml$/.test(e.name) ? strings(parseYaml(raw)) : [raw];
        out.set(id, pieces.map(squash));
      }
    }
  };
  await walk(SOURCES);
  return out;
}

describe('the dev question sets', async () => {
  const questions = await loadQuestionSets(SETS);
  const sources = await sourceTexts();

  it('quotes every evidence string verbatim from a source document', () => {
    const missing = questions
      .filter((q) => q.evidence !== null)
      .filter((q) => {
        const ev = squash(q.evidence as string);
        const docs = q.document !== undefined ? [q.document] : [...sources.keys()];
        return !docs.some((d) => (sources.get(d) ?? []).some((piece) => piece.includes(ev)));
      })
      .map((q) => q.id);
    expect(missing).toEqual([]);
  });

  it('keeps evidence short enough to sit in one chunk', () => {
    const long = questions.filter((q) => (q.evidence ?? '').split(/\s+/).length > 40).map((q) => q.id);
    expect(long).toEqual([]);
  });

  for (const set of ['plan.jsonl', 'procedures.jsonl']) {
    it(`${set} has at least 60 questions, half phone-typed, some English and multi-part, 10% unanswerable`, () => {
      const rows = questions.filter((q) => q.set === set);
      const slices = rows.map((q) => slicesOf(q));
      const count = (s: string) => slices.filter((x) => x.includes(s as never)).length;
      expect(rows.length).toBeGreaterThanOrEqual(60);
      expect(count('unaccented/abbrev')).toBeGreaterThanOrEqual(rows.length / 2);
      expect(count('english')).toBeGreaterThanOrEqual(3);
      expect(count('multi-part')).toBeGreaterThanOrEqual(3);
      expect(count('unanswerable')).toBeGreaterThanOrEqual(rows.length * 0.1);
    });
  }

  for (const [set, min] of [
    ['fresh.jsonl', 120],
    ['fresh-holdout.jsonl', 60],
    ['fresh2.jsonl', 100],
    ['fresh2-holdout.jsonl', 50],
  ] as const) {
    it(`${set} has at least ${min} questions, about 12% unanswerable, sessions, English and every style`, () => {
      const rows = questions.filter((q) => q.set === set);
      const tagged = (t: string) => rows.filter((q) => q.tags.includes(t)).length;
      expect(rows.length).toBeGreaterThanOrEqual(min);
      const unanswerable = rows.filter((q) => !q.answerable).length / rows.length;
      expect(unanswerable).toBeGreaterThanOrEqual(0.1);
      expect(unanswerable).toBeLessThanOrEqual(0.15);
      expect(new Set(rows.filter((q) => q.session !== undefined).map((q) => q.session)).size).toBeGreaterThanOrEqual(4);
      for (const t of [
        'story',
        'yesno',
        'condition',
        'multi',
        'en',
        'scope',
        'covers',
        'agency',
        'group',
        'signer',
        'teencode',
      ])
        expect(tagged(t), t).toBeGreaterThanOrEqual(3);
      expect(rows.filter((q) => q.answerable && q.must.length === 0 && q.evidence === null)).toEqual([]);
    });
  }

  it('keeps the questions named in issue 9 in the working set, and no question in two sets', () => {
    const fresh = questions.filter((q) => q.set === 'fresh.jsonl').map((q) => q.question);
    for (const q of NAMED_IN_ISSUE_9) expect(fresh).toContain(q);
    const texts = questions
      .filter((q) => q.session === undefined || q.turn === 1)
      .map((q) => squash(q.question).toLowerCase());
    expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
  });

  it('stores Vietnamese text in NFC', () => {
    const notNfc = questions.filter((q) =>
      [q.question, q.answer, q.evidence ?? ''].some((s) => s !== s.normalize('NFC')),
    );
    expect(notNfc.map((q) => q.id)).toEqual([]);
  });
});

describe('parsing a question set', () => {
  it('reports every bad line at once with code E_QUESTIONS_INVALID', () => {
    const text = [
      '{"id":"a","question":"q","answerable":true,"answer":"x","evidence":"e"}',
      'not json',
      '{"id":"b","question":"q","answerable":true,"answer":"x","evidence":null}',
      '{"id":"a","question":"q","answerable":false,"answer":"x","evidence":null}',
    ].join('\n');
    let caught: unknown;
    try {
      parseQuestions(text, 'bad.jsonl');
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'E_QUESTIONS_INVALID' });
    const msg = (caught as Error).message;
    expect(msg).toContain('bad.jsonl:2');
    expect(msg).toContain('bad.jsonl:3');
    expect(msg).toContain('duplicate id "a"');
  });

  it('ignores extra fields and keeps tags and asOf', () => {
    const [q] = parseQuestions(
      '{"id":"a","question":"q","answerable":true,"answer":"x","evidence":"e","asOf":"2026-11-27","tags":["en"],"note":"hi"}',
      's',
    );
    expect(q).toMatchObject({ id: 'a', asOf: '2026-11-27', tags: ['en'], set: 's' });
  });

  it('fails with E_QUESTIONS_UNREADABLE when a set file is missing', async () => {
    await expect(loadQuestionSets([join(ROOT, 'eval', 'questions', 'nope.jsonl')])).rejects.toMatchObject({
      code: 'E_QUESTIONS_UNREADABLE',
    });
  });
});
