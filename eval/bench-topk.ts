/**
 * The ranking check behind an index-format change: prints the top 10 of every dev-set question (all sets in
 * eval/questions except the sealed holdouts) for one index, hybrid, lexical only and filtered, one JSON line per
 * search with its scores. Run it with the old and the new code on the same corpus and compare the files: a format change
 * must not move a single id.
 *
 *   npx tsx eval/bench-topk.ts <indexDir> > top10.jsonl
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KnowledgeBase, type KnowledgeSearchOptions } from '../knowledge/index.ts';

const QUESTIONS = fileURLToPath(new URL('./questions', import.meta.url));

const VARIANTS: Record<string, KnowledgeSearchOptions> = {
  hybrid: { k: 10 },
  lexical: { k: 10, legs: { vector: false } },
  inForce: { k: 10, filter: { inForceOn: '2026-11-29' } },
  procedures: { k: 10, filter: { types: ['procedure'] } },
};

async function main(): Promise<void> {
  const indexDir = process.argv[2];
  if (!indexDir) throw new Error('usage: npx tsx eval/bench-topk.ts <indexDir>');
  const files = (await readdir(QUESTIONS)).filter((f) => f.endsWith('.jsonl') && !f.includes('holdout')).sort();
  const kb = await KnowledgeBase.open(indexDir);
  for (const file of files) {
    const lines = (await readFile(join(QUESTIONS, file), 'utf8')).split('\n').filter((l) => l.trim());
    for (const line of lines) {
      const q = (JSON.parse(line) as { question: string }).question;
      for (const [variant, opts] of Object.entries(VARIANTS)) {
        const hits = await kb.search(q, opts);
        const ids = hits.map((h) => h.chunk.id);
        // Scores too: a format change that keeps the order should keep them to the last bit.
        const scores = hits.map((h) => [h.score, h.lexicalScore, h.vectorScore]);
        process.stdout.write(`${JSON.stringify({ file, q, variant, ids, scores })}\n`);
      }
    }
  }
  kb.close();
}

main().catch((err: unknown) => {
  console.error((err as Error).stack ?? String(err));
  process.exit(1);
});
