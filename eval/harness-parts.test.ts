import { describe, expect, it } from 'vitest';
import { bm25Retriever, miniSearchRetriever, runFlat, splitDocuments } from './baselines.ts';
import { Bm25Index, plainTokens } from './bm25.ts';
import { placeName, scaleCorpus, varyNumbers } from './bench-corpus.ts';
import { floorFailures, parseEvalArgs } from './cli-args.ts';
import { parseEvalConfig } from './config.ts';
import type { EvalQuestion } from './question-set.ts';
import { failureReasons, renderReport } from './report-md.ts';

const TRU = 'Đăng ký tạm trú: 03 ngày làm việc. Lệ phí nộp trực tiếp 15.000đ/lần, nộp trực tuyến 7.000đ/lần.';
const KS = 'Đăng ký khai sinh đúng hạn trong 60 ngày kể từ ngày sinh thì miễn lệ phí.';

function question(over: Partial<EvalQuestion>): EvalQuestion {
  return {
    id: 'q',
    question: 'lệ phí tạm trú',
    answerable: true,
    answer: '7.000đ',
    evidence: 'nộp trực tuyến 7.000đ/lần',
    tags: [],
    must: [],
    mustNot: [],
    set: 't.jsonl',
    ...over,
  };
}

describe('command-line arguments', () => {
  it('accepts several question sets and every option', () => {
    const a = parseEvalArgs([
      '--questions',
      'a.jsonl',
      '--questions',
      'b.jsonl',
      '--k',
      '5',
      '--as-of',
      '2026-11-27',
      '--json',
      'o.json',
      '--min-hit5',
      '0.8',
      '--min-answer',
      '0.7',
      '--baselines',
    ]);
    expect(a).toMatchObject({
      questions: ['a.jsonl', 'b.jsonl'],
      k: 5,
      asOf: '2026-11-27',
      json: 'o.json',
      minHit5: 0.8,
      minAnswer: 0.7,
      baselines: true,
    });
  });

  it('lists every bad argument at once with code E_EVAL_ARGS', () => {
    let caught: unknown;
    try {
      parseEvalArgs(['--k', 'zero', '--as-of', '27/11/2026', '--min-hit5', '2', '--wat']);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'E_EVAL_ARGS' });
    const msg = (caught as Error).message;
    for (const part of ['--k', '--as-of', '--min-hit5', '"--wat"', '--questions']) expect(msg).toContain(part);
  });

  it('names the floors a run falls under', () => {
    expect(floorFailures({ hit5: 0.7, answerAccuracy: 0.9 }, { minHit5: 0.8, minAnswer: 0.8 })).toEqual([
      'hit@5 0.700 < --min-hit5 0.8',
    ]);
    expect(floorFailures({ hit5: 0.9, answerAccuracy: 0.9 }, { minHit5: 0.8, minAnswer: undefined })).toEqual([]);
    expect(
      floorFailures(
        { hit5: 0.9, answerAccuracy: 0.9, correct: 0.84 },
        { minHit5: undefined, minAnswer: undefined, minCorrect: 0.85 },
      ),
    ).toEqual(['correct 0.840 < --min-correct 0.85']);
    expect(parseEvalArgs(['--questions', 'a.jsonl', '--min-correct', '0.85']).minCorrect).toBe(0.85);
  });
});

describe('eval configuration', () => {
  it('defaults to the committed sources and the hashed embedder', () => {
    const cfg = parseEvalConfig({}, '/repo');
    expect(cfg).toMatchObject({
      indexDir: '/repo/knowledge/index',
      sourcesDir: '/repo/knowledge/sources',
      embedder: { provider: 'hashed' },
    });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it('rejects an unknown embeddings provider with code E_EVAL_CONFIG', () => {
    expect(() => parseEvalConfig({ EMBEDDINGS_PROVIDER: 'magic' })).toThrow(
      expect.objectContaining({ code: 'E_EVAL_CONFIG' }),
    );
  });
});

describe('the generic baselines', () => {
  it('tokenises on whitespace and punctuation without folding accents', () => {
    expect(plainTokens('Lệ phí: 15.000đ/lần')).toEqual(['lệ', 'phí', '15', '000đ', 'lần']);
  });

  it('ranks by BM25 and finds nothing when the accents are missing', () => {
    const idx = new Bm25Index();
    idx.addAll([KS, TRU]);
    expect(idx.search('lệ phí tạm trú', 2)[0]?.id).toBe(1);
    expect(idx.search('le phi tam tru', 2)).toEqual([]);
  });

  it('splits long documents into overlapping fixed-size chunks', async () => {
    const long = Array.from({ length: 60 }, (_, i) => `Câu số ${i} về thủ tục hành chính.`).join(' ');
    const chunks = await splitDocuments([{ id: 'd', text: long }], { chunkSize: 200, chunkOverlap: 50 });
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => c.text.length <= 200 && c.documentId === 'd')).toBe(true);
  });

  it('answers with the top chunk and never refuses when something matched', () => {
    const chunks = [
      { documentId: 'ks', text: KS },
      { documentId: 'tru', text: TRU },
    ];
    for (const r of [bm25Retriever(chunks), miniSearchRetriever(chunks)]) {
      const run = runFlat(r, chunks, [question({})]);
      expect(run.questions[0]).toMatchObject({ refused: false, hit1: true, answerCorrect: true, reply: TRU });
    }
  });
});

describe('the report', () => {
  it('lists a failed question with its reasons and what was retrieved', () => {
    const chunks = [{ documentId: 'ks', text: KS }];
    const run = runFlat(bm25Retriever(chunks), chunks, [question({ id: 'miss', question: 'miễn lệ phí khai sinh' })]);
    expect(failureReasons(run.questions[0] as never)).toContain('answer misses gold numbers/words');
    const md = renderReport({
      meta: { date: 'd', sets: ['t.jsonl'], k: 10, asOf: undefined, index: 'i' },
      runs: [run],
    });
    expect(md).toContain('## Failed questions');
    expect(md).toContain('**miss**');
    expect(md).toContain('`ks`');
    expect(md).toMatch(/hit@5\s+█*░*/);
  });
});

describe('the scaled benchmark corpus', () => {
  const doc = {
    meta: { id: 'p', title: 'T', sourcePath: 'p.txt' } as never,
    contentHash: 'h',
    chunks: [{ id: 'c0', documentId: 'p', sectionPath: [], page: null, ordinal: 0, text: 'Phí 15.000đ trong 03 ngày' }],
  };

  it('makes exactly the requested number of chunks with unique ids', () => {
    const docs = scaleCorpus([doc], 25);
    const ids = docs.flatMap((d) => d.chunks.map((c) => c.id));
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
    expect(new Set(docs.map((d) => d.meta.id)).size).toBe(25);
  });

  it('varies numbers and place names between copies but keeps copy 0 verbatim', () => {
    expect(varyNumbers('Phí 15.000đ', 0)).toBe('Phí 15.000đ');
    expect(varyNumbers('Phí 15.000đ', 1)).not.toBe('Phí 15.000đ');
    expect(placeName(1)).not.toBe(placeName(2));
  });
});
