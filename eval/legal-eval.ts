/**
 * The legal-article benchmark: ingests a folder of laws/decrees into a temporary index with the real pipeline,
 * asks every question through kb.search and through answer(), and scores at the article level (a chunk counts
 * when it belongs to the gold Điều). The outside legal set is scored that way, so this is our stand-in for it.
 *
 *   npx tsx eval/legal-eval.ts [--questions eval/legal/questions.jsonl] [--corpus eval/legal/corpus]
 *                              [--k 10] [--json /tmp/out.json] [--failures] [--mix knowledge/sources]
 *
 * eval/legal/holdout.jsonl is the holdout: run it only to report, never to tune.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer, type AnswerResult } from '../answer/index.ts';
import { runIngest } from '../ingest/index.ts';
import { createEmbedder, KnowledgeBase } from '../knowledge/index.ts';
import { readEvalConfig } from './config.ts';
import {
  goldRank,
  isGold,
  pointsAtArticle,
  summariseRanks,
  withoutDiacritics,
  type ArticleRef,
  type LegalQuestion,
  type RankSummary,
} from './legal-metrics.ts';

interface Args {
  questions: string[];
  corpus: string;
  k: number;
  json: string | null;
  failures: boolean;
  /** Another sources folder indexed beside the corpus (its documents compete, as in the deployed build). */
  mix: string | null;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { questions: [], corpus: 'eval/legal/corpus', k: 10, json: null, failures: false, mix: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? '';
    if (a === '--questions') args.questions.push(next());
    else if (a === '--corpus') args.corpus = next();
    else if (a === '--k') args.k = Number(next());
    else if (a === '--json') args.json = next();
    else if (a === '--failures') args.failures = true;
    else if (a === '--mix') args.mix = next();
    else throw new Error(`unknown argument ${a}`);
  }
  if (args.questions.length === 0) args.questions.push('eval/legal/questions.jsonl');
  return args;
}

async function readQuestions(paths: readonly string[]): Promise<LegalQuestion[]> {
  const texts = await Promise.all(paths.map((p) => readFile(p, 'utf8')));
  return texts.flatMap((t) =>
    t
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as LegalQuestion),
  );
}

/** What one question gave: the search ranking, answer()'s retrieved list and its citations. */
interface Outcome {
  q: LegalQuestion;
  searchRank: number | null;
  answerRank: number | null;
  refused: boolean;
  citesGold: boolean;
  firstCitationGold: boolean;
  top: ArticleRef[];
}

async function ask(kb: KnowledgeBase, q: LegalQuestion, k: number): Promise<Outcome> {
  const hits = await kb.search(q.question, { k });
  const searched: ArticleRef[] = hits.map((h) => ({
    documentId: h.document.id,
    section: h.chunk.sectionPath.join(' > '),
  }));
  const res: AnswerResult = await answer(q.question, { kb, k, generator: null, asOf: '2026-11-29' });
  const cited = res.citations.map((c) => ({ documentId: c.documentId, section: c.section }));
  return {
    q,
    searchRank: goldRank(q, searched, k),
    answerRank: goldRank(q, res.retrieved, k),
    refused: res.refused,
    citesGold: cited.some((c) => isGold(q, c)),
    firstCitationGold: cited.length > 0 && isGold(q, cited[0]!),
    top: searched.slice(0, 3),
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const row = (name: string, s: RankSummary) =>
  `| ${name.padEnd(22)} | ${String(s.n).padStart(3)} | ${pct(s.hit1).padStart(6)} | ${pct(s.hit5).padStart(6)} | ${pct(s.mrr10).padStart(6)} |`;

function report(outcomes: readonly Outcome[]): string {
  const ans = outcomes.filter((o) => o.q.answerable);
  const un = outcomes.filter((o) => !o.q.answerable);
  const slice = (f: (o: Outcome) => boolean, by: 'searchRank' | 'answerRank') =>
    summariseRanks(ans.filter(f).map((o) => o[by]));
  const namesLaw = (o: Outcome) => /\b(luật|luat|nghị định|nghi dinh|nđ|thông tư|thong tu)\b/iu.test(o.q.question);
  const lines = [
    '| ranking (article level) |   n |  hit@1 |  hit@5 | MRR@10 |',
    '| --- | --- | --- | --- | --- |',
    row(
      'kb.search',
      slice(() => true, 'searchRank'),
    ),
    row(
      'answer() retrieved',
      slice(() => true, 'answerRank'),
    ),
    row(
      'search: no diacritics',
      slice((o) => withoutDiacritics(o.q.question), 'searchRank'),
    ),
    row(
      'search: with diacritics',
      slice((o) => !withoutDiacritics(o.q.question), 'searchRank'),
    ),
    row('search: names the law', slice(namesLaw, 'searchRank')),
    row(
      'search: "Điều N"',
      slice((o) => pointsAtArticle(o.q.question), 'searchRank'),
    ),
    '',
    `answer() cites the gold article: ${pct(ans.filter((o) => o.citesGold).length / Math.max(1, ans.length))}` +
      ` (first citation ${pct(ans.filter((o) => o.firstCitationGold).length / Math.max(1, ans.length))})` +
      ` · answerable refused: ${ans.filter((o) => o.refused).length}/${ans.length}` +
      ` · unanswerable refused: ${un.filter((o) => o.refused).length}/${un.length}`,
  ];
  return lines.join('\n');
}

function failures(outcomes: readonly Outcome[]): string {
  return outcomes
    .filter((o) => o.q.answerable && o.searchRank !== 1)
    .map(
      (o) =>
        `- ${o.q.id} [${o.searchRank ?? '—'}] ${o.q.question}  → gold ${o.q.document} Điều ${o.q.article}\n` +
        o.top.map((t) => `    · ${t.documentId} | ${t.section}`).join('\n'),
    )
    .join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const questions = await readQuestions(args.questions);
  const embedder = createEmbedder(readEvalConfig().embedder);
  const work = await mkdtemp(join(tmpdir(), 'hoidap-legal-'));
  const indexDir = join(work, 'index');
  try {
    // With --mix, both folders are copied side by side; a document id then starts with its folder ("legal/…").
    let sourcesDir = args.corpus;
    if (args.mix) {
      sourcesDir = join(work, 'sources');
      await cp(args.corpus, join(sourcesDir, 'legal'), { recursive: true });
      await cp(args.mix, join(sourcesDir, 'mix'), { recursive: true });
    }
    const built = await runIngest({ sourcesDir, indexDir, embedder });
    if (built.failed.length > 0) process.stderr.write(`failed: ${JSON.stringify(built.failed)}\n`);
    process.stderr.write(
      `Index: ${built.chunks} chunks from ${built.added.length} files; ${questions.length} questions` + '\n',
    );
    const kb = await KnowledgeBase.open(indexDir, { embedder });
    const outcomes: Outcome[] = [];
    for (const q of questions) outcomes.push(await ask(kb, q, args.k));
    process.stdout.write(`${report(outcomes)}\n`);
    if (args.failures) process.stdout.write(`\nNot first in kb.search:\n${failures(outcomes)}\n`);
    if (args.json) await writeFile(args.json, `${JSON.stringify(outcomes, null, 2)}\n`, 'utf8');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
