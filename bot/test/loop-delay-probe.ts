/**
 * Preloaded into the service by the bench (`--import`): measures the event-loop delay of the process. The first
 * SIGUSR2 starts a fresh measurement (start-up compiling is not load), the next one writes its percentiles (ms)
 * as JSON to the file named by `--loop-delay-out <file>` on the command line.
 * A delay here is time a webhook ack could not be answered; the bench prints it next to the ack latency so a
 * tail can be placed in the service or outside it.
 */
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const i = process.argv.indexOf('--loop-delay-out');
const file = i >= 0 ? process.argv[i + 1] : undefined;
if (file) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  let signals = 0;
  process.on('SIGUSR2', () => {
    signals += 1;
    if (signals === 1) return h.reset();
    const ms = (ns: number) => Number((ns / 1e6).toFixed(1));
    fs.writeFileSync(
      file,
      JSON.stringify({
        p50: ms(h.percentile(50)),
        p90: ms(h.percentile(90)),
        p99: ms(h.percentile(99)),
        max: ms(h.max),
      }),
    );
  });
}
