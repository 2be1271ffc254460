import { describe, expect, it } from 'vitest';
import type { AnswerContext, AnswerResult } from '../answer/index.ts';
import type { KnowledgeBase } from '../knowledge/index.ts';
import { containsFolded, forbiddenFound, judge, missingGroups, refusalKindOf } from './judge.ts';
import { parseQuestions } from './question-set.ts';
import { askingOrder, runOurs } from './run-eval.ts';

const row = (over: Record<string, unknown>) =>
  JSON.stringify({ id: 'a', question: 'q', answerable: true, answer: 'x', evidence: null, must: [['x']], ...over });

function problemsOf(text: string): string {
  try {
    parseQuestions(text, 'fresh.jsonl');
  } catch (err) {
    return (err as Error).message;
  }
  return '';
}

describe('the question schema with must, mustNot, sessions and refusal kinds', () => {
  it('reads must groups, mustNot, session, turn and refusalKind', () => {
    const [a, b] = parseQuestions(
      [
        row({ id: 'a', must: [['miễn', 'không mất']], mustNot: ['35.000'], session: 's', turn: 1 }),
        row({ id: 'b', answerable: false, must: [['Đồng Nai']], refusalKind: 'scope', session: 's', turn: 2 }),
      ].join('\n'),
      'fresh.jsonl',
    );
    expect(a).toMatchObject({ must: [['miễn', 'không mất']], mustNot: ['35.000'], session: 's', turn: 1 });
    expect(b).toMatchObject({ answerable: false, refusalKind: 'scope', turn: 2 });
  });

  it('names file and line for an unreadable line and for every rule a row breaks', () => {
    const msg = problemsOf(
      [
        row({ id: 'ok' }),
        '{"id": "broken", ',
        row({ id: 'c', must: [[]] }),
        row({ id: 'd', must: [] }),
        row({ id: 'e', session: 'x' }),
        row({ id: 'f', refusalKind: 'scope' }),
        row({ id: 'g', answerable: false, evidence: 'span' }),
      ].join('\n'),
    );
    expect(msg).toContain('E_QUESTIONS_INVALID');
    expect(msg).toMatch(/fresh\.jsonl:2: not valid JSON \(/);
    expect(msg).toContain('fresh.jsonl:3: must.0: a must group needs at least one alternative');
    expect(msg).toContain('fresh.jsonl:4: evidence: answerable questions need evidence or at least one must group');
    expect(msg).toContain('fresh.jsonl:5: turn: session and turn go together');
    expect(msg).toContain('fresh.jsonl:6: refusalKind: refusalKind is only for unanswerable questions');
    expect(msg).toContain('fresh.jsonl:7: evidence: unanswerable questions must have evidence null');
    expect(msg).not.toContain('fresh.jsonl:1:');
  });

  it('rejects a session whose turns skip or repeat', () => {
    const msg = problemsOf(
      [row({ id: 'a', session: 's', turn: 1 }), row({ id: 'b', session: 's', turn: 3 })].join('\n'),
    );
    expect(msg).toContain('session "s" has turns 1, 3; expected 1..2');
  });
});

describe('must and mustNot matching', () => {
  it('matches without diacritics, case or thousands separators', () => {
    expect(containsFolded('Đăng ký đúng hạn thì MIỄN lệ phí.', 'mien le phi')).toBe(true);
    expect(containsFolded('Lệ phí 30,000 đồng/thẻ', '30.000')).toBe(true);
    expect(containsFolded('Lệ phí 30.000đ/thẻ', '30000')).toBe(true);
    expect(containsFolded('Nộp tại UBND cấp xã', 'ủy ban')).toBe(false);
  });

  it('does not match inside a longer word or number', () => {
    expect(containsFolded('tài khoản định danh', 'ai')).toBe(false);
    expect(containsFolded('Sở KH&CN đẩy mạnh AI.', 'ai')).toBe(true);
    expect(containsFolded('năm 2018', '18')).toBe(false);
    expect(containsFolded('nữ từ đủ 18 tuổi', '18')).toBe(true);
  });

  it('needs one alternative of every group and reports the groups missed', () => {
    const reply = 'Khai tử tại UBND cấp xã. Đăng ký đúng hạn được miễn lệ phí.';
    expect(
      missingGroups(
        [
          ['ubnd', 'uy ban'],
          ['mien', 'khong mat'],
        ],
        reply,
      ),
    ).toEqual([]);
    expect(missingGroups([['ubnd'], ['giay bao tu'], ['15 ngay', 'mười lăm ngày']], reply)).toEqual([
      ['giay bao tu'],
      ['15 ngay', 'mười lăm ngày'],
    ]);
    expect(forbiddenFound(['Trường học số Google', 'mien'], reply)).toEqual(['mien']);
  });
});

describe('the whole-question verdict', () => {
  const base = {
    answerable: true,
    answer: '',
    must: [['mien']],
    mustNot: [] as string[],
    document: 'procedures/dang-ky-khai-tu',
  };
  const reply = {
    reply: 'Miễn lệ phí.',
    refused: false,
    refusalKind: null,
    citedDocuments: ['procedures/dang-ky-khai-tu'],
  };

  it('is correct when the groups match and the expected document is cited', () => {
    expect(judge(base, reply)).toMatchObject({ correct: true, reasons: [] });
  });

  it('fails an answer that cites another document', () => {
    expect(judge(base, { ...reply, citedDocuments: ['procedures/dang-ky-khai-sinh'] }).reasons).toEqual([
      'does not cite procedures/dang-ky-khai-tu',
    ]);
  });

  it('fails a refusal of the wrong kind and passes one of the right kind', () => {
    const scope = { answerable: false, answer: '', must: [], mustNot: [], refusalKind: 'scope' as const };
    expect(
      judge(scope, { reply: 'Xin lỗi…', refused: true, refusalKind: 'not-in-sources', citedDocuments: [] }).reasons,
    ).toEqual(['refusal kind not-in-sources, expected scope']);
    expect(
      judge(scope, { reply: 'Tôi chỉ có nguồn của Đồng Nai.', refused: true, refusalKind: 'scope', citedDocuments: [] })
        .correct,
    ).toBe(true);
    expect(judge(scope, { ...reply, refused: false }).reasons).toContain('answered an unanswerable question');
  });

  it('falls back to the gold answer when a row has no must groups', () => {
    const old = { answerable: true, answer: '35.000đ', must: [], mustNot: [] };
    expect(judge(old, { ...reply, reply: 'Cấp lại 35.000đ/thẻ' }).correct).toBe(true);
    expect(judge(old, { ...reply, reply: 'Cấp lại 70.000đ/thẻ' }).reasons).toEqual([
      'answer misses gold numbers/words',
    ]);
  });

  it('reads the refusal kind from an explicit field or from the refused notice', () => {
    expect(refusalKindOf({ refused: true, notices: ['refused: weak-evidence'] })).toBe('not-in-sources');
    expect(refusalKindOf({ refused: true, notices: [], refusalKind: 'out-of-scope-province' })).toBe('scope');
    expect(refusalKindOf({ refused: true, notices: ['refused: clarify'] })).toBe('clarify');
    expect(refusalKindOf({ refused: false, notices: ['refused: weak-evidence'] })).toBeNull();
  });
});

describe('replaying sessions', () => {
  const rows = parseQuestions(
    [
      row({ id: 'x1', question: 'lone' }),
      row({ id: 's2', question: 'second', session: 's', turn: 2 }),
      row({ id: 'y1', question: 'other lone' }),
      row({ id: 's1', question: 'first', session: 's', turn: 1 }),
      row({ id: 's3', question: 'third', session: 's', turn: 3 }),
    ].join('\n'),
    'fresh.jsonl',
  );

  it('asks a session in turn order at the place of its first row', () => {
    expect(askingOrder(rows).map((g) => g.map((i) => rows[i]?.id))).toEqual([['x1'], ['s1', 's2', 's3'], ['y1']]);
  });

  it('passes every earlier turn of the session as history, oldest first, and nothing from other questions', async () => {
    const seen: Array<{ q: string; history: string[]; topics: Array<string | null> }> = [];
    const ask = async (q: string, ctx: AnswerContext): Promise<AnswerResult> => {
      seen.push({
        q,
        history: (ctx.history ?? []).map((t) => t.question),
        topics: (ctx.history ?? []).map((t) => t.topicDocumentId),
      });
      return {
        answer: `reply to ${q} x`,
        refused: false,
        citations: [],
        retrieved: [],
        latencyMs: 1,
        topicDocumentId: `doc-${q}`,
        mode: 'extractive',
        notices: [],
      };
    };
    const run = await runOurs(rows, { kb: {} as KnowledgeBase, ask });
    expect(seen).toEqual([
      { q: 'lone', history: [], topics: [] },
      { q: 'first', history: [], topics: [] },
      { q: 'second', history: ['first'], topics: ['doc-first'] },
      { q: 'third', history: ['first', 'second'], topics: ['doc-first', 'doc-second'] },
      { q: 'other lone', history: [], topics: [] },
    ]);
    expect(run.questions.map((q) => [q.id, q.session, q.turn, q.reply])).toEqual([
      ['x1', null, null, 'reply to lone x'],
      ['s2', 's', 2, 'reply to second x'],
      ['y1', null, null, 'reply to other lone x'],
      ['s1', 's', 1, 'reply to first x'],
      ['s3', 's', 3, 'reply to third x'],
    ]);
    expect(run.summary.styles).toEqual({});
    expect(run.summary.sets['fresh.jsonl']?.correct).toBe(1);
  });
});
