/**
 * The readable report (`eval/report.md`): metrics, per-slice charts, baselines, ablation, tuning, and every
 * failed question with what was retrieved.
 */
import type { AblationRow, RetrievalScore, TuningRow } from './ablation.ts';
import {
  comparisonTable,
  mdTable,
  pct,
  refusalLine,
  shapeTable,
  sliceBars,
  sliceComparison,
  sliceTable,
} from './report-table.ts';
import type { EvalRun, ScoredQuestion } from './run-eval.ts';

export interface ReportMeta {
  date: string;
  sets: string[];
  k: number;
  asOf: string | undefined;
  index: string;
}

export interface ReportInput {
  meta: ReportMeta;
  /** Ours first, then the baselines. */
  runs: EvalRun[];
  ablation?: AblationRow[];
  tuning?: { rows: TuningRow[]; defaults: RetrievalScore & { tuning: TuningRow['tuning'] } };
}

const clip = (s: string, n: number) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** Why a question counts as failed, or null when it passed everything that applies. */
export function failureReasons(q: ScoredQuestion): string[] {
  const out: string[] = [];
  if (q.answerable && q.hit5 === false) out.push('evidence not in top 5');
  if (q.answerable && !q.refused && !q.answerCorrect) out.push('answer misses gold numbers/words');
  if (q.answerable && q.refused) out.push('refused an answerable question');
  if (!q.answerable && !q.refused) out.push('answered an unanswerable question');
  if (q.answerable && !q.refused && q.citationCorrect === false) out.push('citation does not hold the evidence');
  for (const f of q.failures ?? []) if (!out.includes(f)) out.push(f);
  if ((q.inventedFacts ?? []).length > 0) out.push(`figures in no cited chunk: ${q.inventedFacts.join(', ')}`);
  return out;
}

function failedSection(run: EvalRun): string {
  const failed = run.questions.filter((q) => failureReasons(q).length > 0);
  if (failed.length === 0) return 'No failed questions.';
  const blocks = failed.map((q) => {
    const top = q.retrieved
      .slice(0, 3)
      .map(
        (r, i) =>
          `   ${i + 1}. \`${r.documentId}\` › ${r.section || '—'} (${r.score.toFixed(3)}): ${clip(r.text, 140)}`,
      )
      .join('\n');
    return [
      `- **${q.id}** (${q.set}${q.session ? `, ${q.session} turn ${q.turn}` : ''}) — ${failureReasons(q).join('; ')}`,
      `  - Q: ${clip(q.question, 160)}`,
      `  - Gold: ${clip(q.answer, 160)}${q.evidence ? ` — evidence: “${clip(q.evidence, 120)}”` : ''}`,
      `  - Reply${q.refused ? ' (refused)' : ''}: ${clip(q.reply, 220)}`,
      `  - Retrieved (rank of evidence: ${q.rank ?? 'none'}):`,
      top || '   (nothing)',
    ].join('\n');
  });
  return `${failed.length} of ${run.questions.length} questions failed at least one check.\n\n${blocks.join('\n')}`;
}

function ablationSection(rows: readonly AblationRow[]): string {
  return mdTable(
    ['variant', 'hit@1', 'hit@5', 'MRR@10', 'hit@5 unaccented', 'what it is'],
    rows.map((r) => [r.variant, pct(r.hit1), pct(r.hit5), pct(r.mrr10), pct(r.hit5Unaccented), r.note]),
  );
}

function tuningSection(t: NonNullable<ReportInput['tuning']>): string {
  const fmt = (x: TuningRow['tuning']) =>
    `lex ${x.lexicalWeight} / vec ${x.vectorWeight}, k1 ${x.bm25.k1}, b ${x.bm25.b}, folded(accented q) ${x.foldedWeightAccentedQuery}`;
  const rows = [
    ['defaults', fmt(t.defaults.tuning), pct(t.defaults.hit1), pct(t.defaults.hit5), pct(t.defaults.mrr10)],
    ...t.rows.slice(0, 8).map((r, i) => [`#${i + 1}`, fmt(r.tuning), pct(r.hit1), pct(r.hit5), pct(r.mrr10)]),
    ...t.rows.slice(-2).map((r) => ['worst', fmt(r.tuning), pct(r.hit1), pct(r.hit5), pct(r.mrr10)]),
  ];
  return `${t.rows.length} settings tried, ranked by MRR@10 then hit@5.\n\n${mdTable(['rank', 'settings', 'hit@1', 'hit@5', 'MRR@10'], rows)}`;
}

/** Renders the whole report. */
export function renderReport(input: ReportInput): string {
  const [ours] = input.runs;
  if (ours === undefined) return '# Evaluation report\n\nNo runs.\n';
  const m = input.meta;
  const parts = [
    '# Evaluation report',
    `Generated ${m.date} · sets: ${m.sets.join(', ')} · k=${m.k} · as-of: ${m.asOf ?? 'today (per-question asOf wins)'} · index: ${m.index}`,
    '## Overall',
    comparisonTable(input.runs),
    '## Per slice — ours',
    sliceTable(ours),
    '## Whole-question verdict and reply shape — ours',
    refusalLine(ours.summary),
    shapeTable(ours),
    '## Whole-question verdict and reply shape — ours',
    refusalLine(ours.summary),
    shapeTable(ours),
    '```\n' +
      sliceBars(ours, 'hit@5', (x) => x.hit5) +
      '\n\n' +
      sliceBars(ours, 'answer accuracy', (x) => x.answerAccuracy) +
      '\n```',
  ];
  if (input.runs.length > 1) {
    parts.push(
      '## Per slice — side by side',
      sliceComparison(input.runs, 'hit@5', (x) => x.hit5),
      sliceComparison(input.runs, 'answer accuracy', (x) => x.answerAccuracy),
    );
  }
  if (input.ablation)
    parts.push('## Ablation (retrieval only, kb.search on the raw question)', ablationSection(input.ablation));
  if (input.tuning) parts.push('## Tuning grid', tuningSection(input.tuning));
  parts.push(`## Failed questions — ${ours.system}`, failedSection(ours));
  return `${parts.join('\n\n')}\n`;
}

/** The short terminal summary: overall table (with baselines) and per-slice table. */
export function renderTerminal(input: ReportInput): string {
  const [ours] = input.runs;
  if (ours === undefined) return '';
  const lines = [
    comparisonTable(input.runs),
    '',
    sliceTable(ours),
    '',
    refusalLine(ours.summary),
    '',
    shapeTable(ours),
  ];
  if (input.ablation) lines.push('', ablationSection(input.ablation));
  if (input.tuning?.rows[0])
    lines.push(
      '',
      `best tuning: ${JSON.stringify(input.tuning.rows[0].tuning)} MRR@10 ${pct(input.tuning.rows[0].mrr10)} (defaults ${pct(input.tuning.defaults.mrr10)})`,
    );
  return lines.join('\n');
}
