/**
 * An open-loop HTTP load generator for the bench: request i is due at start + i / rate, whatever happened to
 * the requests before it, and its latency is counted from that due time (so a stall in the service shows up in
 * every request it delayed, with no "coordinated omission" correction needed).
 *
 * Why not autocannon: with `overallRate`, autocannon 9 lets each connection send its per-second quota back to
 * back as soon as its 1 s window opens (200/s over 20 connections = a burst of 200 requests at full speed every
 * second, then silence), and its coordinated-omission correction uses an expected interval of ceil(1 / rate) =
 * 1 ms, so a response of T ms is recorded about T times. Both made its p50/p99 measure the harness, not the
 * service (see bot/README.md, Load).
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface OpenLoopOptions {
  url: string;
  /** Requests per second, spread evenly. */
  rate: number;
  seconds: number;
  /**
   * Seconds of the same load sent first and not timed (default 0): the first requests of a fresh process take
   * new sockets and cold code paths (40–50 ms seen for requests 5–8), which is start-up, not steady state.
   */
  warmupSeconds?: number;
  /** Called when the first timed request is due (e.g. to start other measurements). */
  onMeasureStart?: () => void;
  /** Keep-alive sockets; requests wait for a free one (and that wait counts in their latency). */
  connections: number;
  /** The body and headers of request i (0-based). */
  request: (i: number) => { body: string; headers: Record<string, string> };
  /** Called with each response (status, body text). */
  onResponse?: (i: number, status: number, body: string) => void;
  timeoutMs?: number;
}

export interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface OpenLoopResult {
  /** Counts include the warm-up requests. */
  sent: number;
  completed: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Due time → response complete, ms (timed requests only). */
  latencyMs: Percentiles;
  /** Due time → the generator started the request: how late the generator itself was. */
  sendLagMs: Percentiles;
}

/** Nearest-rank percentiles of `values` (ms, one decimal). */
export function percentiles(values: number[]): Percentiles {
  const s = Float64Array.from(values).sort();
  const at = (q: number) => (s.length ? Number(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!.toFixed(1)) : 0);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

/** Sends `rate * (warmupSeconds + seconds)` POST requests on schedule; resolves when every one has finished. */
export async function openLoopLoad(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const warmup = Math.round(o.rate * (o.warmupSeconds ?? 0));
  const total = warmup + Math.round(o.rate * o.seconds);
  const intervalMs = 1000 / o.rate;
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const latencies: number[] = [];
  const lags: number[] = [];
  const counts = { sent: 0, completed: 0, non2xx: 0, errors: 0, timeouts: 0 };
  const start = performance.now() + 10;

  await new Promise<void>((resolve) => {
    const settle = () => {
      counts.completed += 1;
      if (counts.completed === total) resolve();
    };
    const fire = (i: number) => {
      const due = start + i * intervalMs;
      const timed = i >= warmup;
      if (i === warmup) o.onMeasureStart?.();
      if (timed) lags.push(performance.now() - due);
      const { body, headers } = o.request(i);
      let timedOut = false;
      const req = http.request(o.url, {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      });
      req.setTimeout(o.timeoutMs ?? 10_000, () => {
        timedOut = true;
        counts.timeouts += 1;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        if (!timedOut) counts.errors += 1;
        settle();
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (timed) latencies.push(performance.now() - due);
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) counts.non2xx += 1;
          o.onResponse?.(i, status, Buffer.concat(chunks).toString('utf8'));
          settle();
        });
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      const dueCount = Math.min(total, Math.floor((now - start) / intervalMs) + 1);
      while (counts.sent < dueCount) fire(counts.sent++);
      if (counts.sent < total) setTimeout(tick, Math.max(0, start + counts.sent * intervalMs - performance.now()));
    };
    setTimeout(tick, 10);
  });
  agent.destroy();
  return { ...counts, latencyMs: percentiles(latencies), sendLagMs: percentiles(lags) };
}
