/**
 * npm run search -- [--json] [--k N] [--sources DIR] [--index DIR] "query"
 * Makes sure the index is fresh (building it if needed), then prints the ranked chunks.
 * --json prints exactly one object: {"results":[{documentId,title,number,section,page,text,score}]}.
 * Exit 2 on bad arguments.
 */
import { parseArgs } from 'node:util';
import type { SearchHit } from '../knowledge/index.ts';
import { errorCode, errorReason } from './errors.ts';
import { formatReport } from './report-format.ts';

const USAGE = 'usage: npm run search -- [--json] [--k N] [--sources DIR] [--index DIR] "query"';
const MAX_K = 100;

interface Args {
  json: boolean;
  k: number;
  query: string;
  sources?: string;
  index?: string;
}

function readArgs(): Args | string {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        k: { type: 'string' },
        sources: { type: 'string' },
        index: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    return errorReason(err);
  }
  const { values, positionals } = parsed;
  const query = positionals.join(' ').trim();
  if (!query) return 'missing the query';
  const k = values.k === undefined ? 5 : Number(values.k);
  if (!Number.isInteger(k) || k < 1 || k > MAX_K)
    return `--k must be a whole number from 1 to ${MAX_K}, got "${values.k}"`;
  return { json: values.json ?? false, k, query, sources: values.sources, index: values.index };
}

type Label = (path: readonly string[]) => string;

function render(hits: SearchHit[], sectionLabel: Label): string {
  if (hits.length === 0) return 'no results';
  return hits
    .map((h, i) => {
      const doc = h.document.number ? `${h.document.number} · ${h.document.title}` : h.document.title;
      const page = h.chunk.page === null ? '' : ` (trang ${h.chunk.page})`;
      const excerpt = h.chunk.text.replace(/\s+/g, ' ');
      const short = excerpt.length > 240 ? `${excerpt.slice(0, 239)}…` : excerpt;
      return `${i + 1}. [${h.score.toFixed(3)}] ${doc}\n   ${sectionLabel(h.chunk.sectionPath) || '(đầu văn bản)'}${page}\n   ${short}`;
    })
    .join('\n\n');
}

async function main(): Promise<number> {
  const args = readArgs();
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  // Imported after the arguments are checked: knowledge pulls in LangChain, which is slow to load.
  const [{ createEmbedder, KnowledgeBase, sectionLabel, toSearchResultJson }, { loadIngestConfig }, { ensureIndex }] =
    await Promise.all([import('../knowledge/index.ts'), import('./config.ts'), import('./run-ingest.ts')]);
  try {
    const env = {
      ...process.env,
      ...(args.sources ? { SOURCES_DIR: args.sources } : {}),
      ...(args.index ? { INDEX_DIR: args.index } : {}),
    };
    const config = loadIngestConfig(env);
    const embedder = createEmbedder({ ...config.embedder });
    const built = await ensureIndex({ sourcesDir: config.sourcesDir, indexDir: config.indexDir, embedder });
    if (built) console.error(formatReport(built));
    const kb = await KnowledgeBase.open(config.indexDir, { embedder });
    const hits = await kb.search(args.query, { k: args.k });
    console.log(args.json ? JSON.stringify({ results: hits.map(toSearchResultJson) }) : render(hits, sectionLabel));
    return 0;
  } catch (err) {
    console.error(`error [${errorCode(err)}]: ${errorReason(err)}`);
    return errorCode(err) === 'E_CONFIG_INVALID' ? 2 : 1;
  }
}

process.exitCode = await main();
