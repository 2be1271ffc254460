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
const SETS = ['plan.jsonl', 'procedures.jsonl'].map((f) => join(ROOT, 'eval', 'questions', f));

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
        const id = relative(SOURCES, path).replace(/\.[^.]+$/, '').split('\\').join('/');
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

  it('stores Vietnamese text in NFC', () => {
    const notNfc = questions.filter((q) => [q.question, q.answer, q.evidence ?? ''].some((s) => s !== s.normalize('NFC')));
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
    const [q] = parseQuestions('{"id":"a","question":"q","answerable":true,"answer":"x","evidence":"e","asOf":"2026-11-27","tags":["en"],"note":"hi"}', 's');
    expect(q).toMatchObject({ id: 'a', asOf: '2026-11-27', tags: ['en'], set: 's' });
  });

  it('fails with E_QUESTIONS_UNREADABLE when a set file is missing', async () => {
    await expect(loadQuestionSets([join(ROOT, 'eval', 'questions', 'nope.jsonl')])).rejects.toMatchObject({ code: 'E_QUESTIONS_UNREADABLE' });
  });
});
