/**
 * Plain-text tables and bars shared by the terminal output and the Markdown report.
 */
import type { Metrics } from './metrics.ts';
import { SLICES } from './slices.ts';
import type { EvalRun } from './run-eval.ts';

/** 0.8333 → "83.3%"; null → "—". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`;
}

/** ours / theirs as "×1.42"; "—" when either side is missing or theirs is 0. */
export function ratio(ours: number | null, theirs: number | null): string {
  if (ours === null || theirs === null) return '—';
  if (theirs === 0) return ours === 0 ? '×1.00' : '∞';
  return `×${(ours / theirs).toFixed(2)}`;
}

/** A 20-cell text bar for a 0..1 value. */
export function bar(x: number | null, width = 20): string {
  if (x === null) return '';
  const full = Math.round(x * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

/** Renders rows as a Markdown table (also readable on a terminal). */
export function mdTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export const METRIC_ROWS: ReadonlyArray<{ label: string; get: (m: Metrics) => number | null }> = [
  { label: 'hit@1', get: (m) => m.hit1 },
  { label: 'hit@5', get: (m) => m.hit5 },
  { label: 'MRR@10', get: (m) => m.mrr10 },
  { label: 'answer accuracy', get: (m) => m.answerAccuracy },
  { label: 'citation accuracy', get: (m) => m.citationAccuracy },
  { label: 'refusal accuracy', get: (m) => m.refusalAccuracy },
  { label: 'correct (whole question)', get: (m) => m.correct },
];

/** Ours next to each baseline, with the ratio ours/baseline. The first run is ours. */
export function comparisonTable(runs: readonly EvalRun[]): string {
  const [ours, ...others] = runs;
  if (ours === undefined) return '';
  const header = ['metric', ours.system, ...others.flatMap((o) => [o.system, `${ours.system}/${o.system}`])];
  const rows = METRIC_ROWS.map(({ label, get }) => [
    label,
    pct(get(ours.summary)),
    ...others.flatMap((o) => [pct(get(o.summary)), ratio(get(ours.summary), get(o.summary))]),
  ]);
  const lat = (r: EvalRun) =>
    `${r.summary.latencyMs.p50.toFixed(1)} / ${r.summary.latencyMs.p95.toFixed(1)} / ${r.summary.latencyMs.max.toFixed(1)}`;
  rows.push(['latency p50/p95/max ms', lat(ours), ...others.flatMap((o) => [lat(o), ''])]);
  return mdTable(header, rows);
}

/** One row per slice for one system: size and every metric. */
export function sliceTable(run: EvalRun): string {
  const header = ['slice', 'n', ...METRIC_ROWS.map((m) => m.label)];
  const rows: string[][] = [['all', String(run.summary.questions), ...METRIC_ROWS.map((m) => pct(m.get(run.summary)))]];
  for (const s of SLICES) {
    const m = run.summary.slices[s];
    if (m === undefined) continue;
    rows.push([s, String(m.questions), ...METRIC_ROWS.map((r) => pct(r.get(m)))]);
  }
  return mdTable(header, rows);
}

/** hit@5 per slice across systems, so a loss on one slice is visible at a glance. */
export function sliceComparison(runs: readonly EvalRun[], label: string, get: (m: Metrics) => number | null): string {
  const header = ['slice', ...runs.map((r) => r.system)];
  const rows = SLICES.filter((s) => runs[0]?.summary.slices[s] !== undefined).map((s) => [
    s,
    ...runs.map((r) => {
      const m = r.summary.slices[s];
      return m === undefined ? '—' : pct(get(m));
    }),
  ]);
  return `${label}\n\n${mdTable(header, rows)}`;
}

/** Text bar chart of one metric per slice. */
export function sliceBars(run: EvalRun, label: string, get: (m: Metrics) => number | null): string {
  const lines = [`${label} — ${run.system}`, ''];
  const rows: Array<[string, Metrics]> = [['all', run.summary]];
  for (const s of SLICES) {
    const m = run.summary.slices[s];
    if (m !== undefined) rows.push([s, m]);
  }
  for (const [name, m] of rows) {
    const v = get(m);
    if (v === null) continue;
    lines.push(`${name.padEnd(18)} ${bar(v)} ${pct(v)} (n=${m.questions})`);
  }
  return lines.join('\n');
}

/** Every group of a summary worth a row: all, the slices, the style tags, the set files. */
function groupsOf(run: EvalRun): Array<[string, Metrics]> {
  const rows: Array<[string, Metrics]> = [['all', run.summary]];
  for (const s of SLICES) {
    const m = run.summary.slices[s];
    if (m !== undefined) rows.push([s, m]);
  }
  for (const [tag, m] of Object.entries(run.summary.styles ?? {})) rows.push([`style: ${tag}`, m]);
  for (const [set, m] of Object.entries(run.summary.sets ?? {})) rows.push([`set: ${set}`, m]);
  return rows;
}

/**
 * Correctness and reply shape per group: first-line length (median / max, share ≤ 160), reply length
 * (median / max) over answered replies; cut and repeated lines and invented figures over all replies.
 */
export function shapeTable(run: EvalRun): string {
  const header = [
    'group',
    'n',
    'correct',
    '1st line med/max',
    '1st ≤160',
    'chars med/max',
    'cut',
    'repeated',
    'invented',
  ];
  const rows = groupsOf(run).map(([name, m]) => [
    name,
    String(m.questions),
    pct(m.correct),
    `${m.shape.firstLineMedian} / ${m.shape.firstLineMax}`,
    pct(m.shape.firstLineShortShare),
    `${m.shape.charsMedian} / ${m.shape.charsMax}`,
    String(m.shape.cutLines),
    String(m.shape.repeatedLines),
    String(m.inventedFacts),
  ]);
  return mdTable(header, rows);
}

/** One line: refusal precision and recall, and the invented-figure count. */
export function refusalLine(m: Metrics): string {
  return `refusal precision ${pct(m.refusalPrecision)} · refusal recall ${pct(m.refusalRecall)} · invented figures ${m.inventedFacts} · correct ${pct(m.correct)} (n=${m.questions})`;
}
