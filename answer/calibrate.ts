/* eslint-disable no-console -- a command-line tool: its output is the table it prints */
/**
 * Calibrates the refusal threshold on the dev sets: runs answer() on every question with the threshold off,
 * prints the evidence-score distribution of answerable vs unanswerable questions, and the threshold that
 * maximises refusal accuracy (a question is refused when its score is below the threshold, or when the
 * composer refuses for a structural reason: missing figure, missing field).
 *
 *   npx tsx answer/calibrate.ts [--as-of YYYY-MM-DD] [set.jsonl …]
 *
 * Reads the sets directly (eval/ is not imported: nothing imports eval/).
 */
import { readFile } from 'node:fs/promises';
import { answer } from './answer.ts';
import { readAnswerConfig } from './config.ts';
import { EVIDENCE_THRESHOLD } from './evidence.ts';
import { openKnowledge } from './open-knowledge.ts';
import { foldTokens } from './query-text.ts';

const DEFAULT_SETS = ['eval/questions/plan.jsonl', 'eval/questions/procedures.jsonl'];
/** The day the facts were last re-checked; rows may carry their own asOf. */
const DEFAULT_AS_OF = '2026-11-27';

interface Row {
  id: string;
  question: string;
  answerable: boolean;
  asOf?: string;
  evidence: string | null;
  tags?: string[];
}
/** `supported`: the reply (given with the threshold off) contains most words of the gold evidence. */
interface Scored {
  row: Row;
  score: number;
  structural: boolean;
  supported: boolean;
}

/** Share of the gold evidence's words found in the reply: a reply built from the wrong passage scores low. */
function supports(reply: string, evidence: string | null): boolean {
  if (!evidence) return false;
  const have = new Set(foldTokens(reply));
  const need = foldTokens(evidence);
  return need.length > 0 && need.filter((t) => have.has(t)).length / need.length >= SUPPORT_SHARE;
}

/** How much of the gold evidence a reply must contain to count as right. */
const SUPPORT_SHARE = 0.5;

async function readRows(path: string): Promise<Row[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Row);
}

const refusedAt = (s: Scored, t: number) => s.structural || s.score < t;

/** Refusal accuracy: refused exactly the unanswerable questions. */
function accuracy(scored: readonly Scored[], t: number): number {
  return scored.filter((s) => refusedAt(s, t) === !s.row.answerable).length / scored.length;
}

/**
 * Outcome accuracy: an unanswerable question refused, or an answerable one answered *from the right
 * passage*. Answering from the wrong passage counts as wrong: a wrong answer is worse than none.
 */
function outcome(scored: readonly Scored[], t: number): number {
  return (
    scored.filter((s) => (s.row.answerable ? !refusedAt(s, t) && s.supported : refusedAt(s, t))).length / scored.length
  );
}

/** The threshold with the best accuracy; among equally good ones, the middle of the best run. */
export function bestThreshold(
  scored: readonly Scored[],
  metric: (s: readonly Scored[], t: number) => number,
): { threshold: number; accuracy: number } {
  const values = [...new Set(scored.map((s) => s.score))].sort((a, b) => a - b);
  const candidates = [0, ...values.slice(1).map((v, i) => round((v + (values[i] as number)) / 2)), 1.01];
  const results = candidates.map((t) => ({ t, acc: metric(scored, t) }));
  const top = Math.max(...results.map((r) => r.acc));
  const best = results.filter((r) => r.acc === top);
  const middle = best[Math.floor((best.length - 1) / 2)] as { t: number; acc: number };
  return { threshold: middle.t, accuracy: top };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function histogram(scored: readonly Scored[]): string {
  const lines = ['| evidence score | answerable | unanswerable |', '|---|---|---|'];
  for (let b = 0; b < 10; b++) {
    const lo = b / 10;
    const inBucket = scored.filter((s) => (b === 9 ? s.score >= lo : s.score >= lo && s.score < lo + 0.1));
    const yes = inBucket.filter((s) => s.row.answerable).length;
    lines.push(`| ${lo.toFixed(1)}–${(lo + 0.1).toFixed(1)} | ${yes} | ${inBucket.length - yes} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const asOfAt = argv.indexOf('--as-of');
  const asOf = asOfAt >= 0 ? (argv[asOfAt + 1] as string) : DEFAULT_AS_OF;
  const sets = argv.filter((a, i) => !a.startsWith('--') && i !== asOfAt + 1);
  const cfg = readAnswerConfig();
  const kb = await openKnowledge(cfg, (l) => console.error(l));
  const scored: Scored[] = [];
  for (const path of sets.length > 0 ? sets : DEFAULT_SETS) {
    for (const row of await readRows(path)) {
      const r = await answer(row.question, { kb, asOf: row.asOf ?? asOf, evidenceThreshold: -1 });
      const notice = r.notices.find((n) => n.startsWith('evidence '));
      const score = notice ? Number(notice.split(' ')[1]) : 0;
      scored.push({ row, score, structural: r.refused, supported: supports(r.answer, row.evidence) });
    }
  }
  const answerable = scored.filter((s) => s.row.answerable);
  const negatives = scored.filter((s) => !s.row.answerable);
  console.log(`questions: ${scored.length} (${answerable.length} answerable, ${negatives.length} unanswerable)`);
  console.log(
    `structural refusals: ${answerable.filter((s) => s.structural).length} answerable, ${negatives.filter((s) => s.structural).length} unanswerable\n`,
  );
  console.log(histogram(scored));
  console.log(
    `\nanswerable questions whose reply contains the gold evidence (threshold off): ${answerable.filter((s) => s.supported).length}/${answerable.length}`,
  );
  console.log(
    '\n| threshold | refusal accuracy | outcome accuracy | answerable refused | unanswerable answered |\n|---|---|---|---|---|',
  );
  for (const t of [0, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]) {
    const ar = answerable.filter((s) => refusedAt(s, t)).length;
    const ua = negatives.filter((s) => !refusedAt(s, t)).length;
    console.log(
      `| ${t} | ${pct(accuracy(scored, t))} | ${pct(outcome(scored, t))} | ${ar}/${answerable.length} | ${ua}/${negatives.length} |`,
    );
  }
  const best = bestThreshold(scored, accuracy);
  const bestOutcome = bestThreshold(scored, outcome);
  console.log(`\nbest threshold for refusal accuracy: ${best.threshold} (${pct(best.accuracy)})`);
  console.log(`best threshold for outcome accuracy: ${bestOutcome.threshold} (${pct(bestOutcome.accuracy)})`);
  console.log(
    `current EVIDENCE_THRESHOLD ${EVIDENCE_THRESHOLD}: refusal ${pct(accuracy(scored, EVIDENCE_THRESHOLD))}, outcome ${pct(outcome(scored, EVIDENCE_THRESHOLD))}`,
  );
  const t = EVIDENCE_THRESHOLD;
  const wrongRefused = answerable.filter((s) => s.structural || s.score < t);
  const wrongAnswered = negatives.filter((s) => !s.structural && s.score >= t);
  console.log(
    `\nat ${t}: answerable refused ${wrongRefused.length}/${answerable.length}, unanswerable answered ${wrongAnswered.length}/${negatives.length}`,
  );
  for (const s of wrongRefused)
    console.log(
      `  refused  ${s.row.id} (${s.score}${s.structural ? ', structural' : ''}${s.supported ? '' : ', unsupported'}) ${s.row.question}`,
    );
  const unsupported = answerable.filter((s) => !refusedAt(s, t) && !s.supported);
  console.log(`answered without the gold evidence: ${unsupported.length}`);
  for (const s of unsupported) console.log(`  weak     ${s.row.id} (${s.score}) ${s.row.question}`);
  for (const s of wrongAnswered) console.log(`  answered ${s.row.id} (${s.score}) ${s.row.question}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() as string)) {
  main().catch((err: unknown) => {
    console.error((err as Error).message);
    process.exitCode = 1;
  });
}
