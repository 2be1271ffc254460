/**
 * npm run ingest -- [--json] [--sources DIR] [--index DIR]
 * Builds or updates the index. Exit 0 when every source was indexed, 1 when any failed (the rest is
 * still indexed), 2 on bad arguments or configuration.
 */
import { parseArgs } from 'node:util';
import type { IngestConfig } from './config.ts';
import { errorCode, errorReason } from './errors.ts';
import { ProgressBar } from './progress-bar.ts';
import { formatReport } from './report-format.ts';

const USAGE = 'usage: npm run ingest -- [--json] [--sources DIR] [--index DIR]';

function readArgs(): { json: boolean; sources?: string; index?: string } | null {
  try {
    const { values } = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        sources: { type: 'string' },
        index: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return { json: values.json ?? false, sources: values.sources, index: values.index };
  } catch (err) {
    console.error(`${errorReason(err)}\n${USAGE}`);
    return null;
  }
}

async function readConfig(args: { sources?: string; index?: string }): Promise<IngestConfig | null> {
  // Imported after the arguments are checked: knowledge pulls in LangChain, which is slow to load.
  const { loadIngestConfig } = await import('./config.ts');
  try {
    const env = {
      ...process.env,
      ...(args.sources ? { SOURCES_DIR: args.sources } : {}),
      ...(args.index ? { INDEX_DIR: args.index } : {}),
    };
    return loadIngestConfig(env);
  } catch (err) {
    console.error(`error [${errorCode(err)}]: ${errorReason(err)}`);
    return null;
  }
}

async function main(): Promise<number> {
  const args = readArgs();
  if (!args) return 2;
  const config = await readConfig(args);
  if (!config) return 2;
  const [{ createEmbedder }, { runIngest }] = await Promise.all([
    import('../knowledge/index.ts'),
    import('./run-ingest.ts'),
  ]);
  const bar = !args.json && process.stderr.isTTY ? new ProgressBar(process.stderr) : null;
  try {
    const report = await runIngest({
      sourcesDir: config.sourcesDir,
      indexDir: config.indexDir,
      embedder: createEmbedder({ ...config.embedder }),
      onProgress: bar ? (p) => bar.update(p.done, p.total, p.path) : undefined,
    });
    bar?.finish();
    console.log(args.json ? JSON.stringify(report) : formatReport(report));
    return report.failed.length > 0 ? 1 : 0;
  } catch (err) {
    bar?.finish();
    console.error(`error [${errorCode(err)}]: ${errorReason(err)}`);
    return 1;
  }
}

process.exitCode = await main();
