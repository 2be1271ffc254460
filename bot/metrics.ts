/**
 * The service's Prometheus metrics, kept by prom-client in a registry of their own (one per app, so two apps
 * in one test process never share counts), with Node's default process metrics (CPU, memory, event-loop lag,
 * handles) beside ours. The metric names are the ones dashboards already use; keep them.
 */
import {
  Counter as PromCounter,
  Gauge as PromGauge,
  Histogram as PromHistogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

type Labels = Record<string, string>;

/**
 * A prom-client counter that can also be read synchronously. prom-client's own `get()` is async and returns
 * every series; the worker and tests ask for one series at a time, so the counts are mirrored here.
 */
class Counter {
  private readonly prom: PromCounter;
  private readonly seen = new Map<string, number>();

  constructor(registry: Registry, name: string, help: string, labelNames: string[]) {
    this.prom = new PromCounter({ name, help, labelNames, registers: [registry] });
  }

  inc(labels: Labels = {}, by = 1): void {
    this.prom.inc(labels, by);
    const k = seriesKey(labels);
    this.seen.set(k, (this.seen.get(k) ?? 0) + by);
  }

  /** The current count of one series (0 when never incremented). */
  get(labels: Labels = {}): number {
    return this.seen.get(seriesKey(labels)) ?? 0;
  }
}

const seriesKey = (labels: Labels): string =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

/** The service's metrics. */
export class BotMetrics {
  /** The registry /metrics renders; add gauges of your own to it. */
  readonly registry = new Registry();
  readonly messagesIn = new Counter(this.registry, 'hoidap_messages_in_total', 'Events accepted, by channel and kind', [
    'channel',
    'kind',
  ]);
  readonly duplicates = new Counter(
    this.registry,
    'hoidap_duplicates_total',
    'Redelivered events acknowledged without answering',
    ['channel'],
  );
  readonly messagesOut = new Counter(
    this.registry,
    'hoidap_messages_out_total',
    'Reply messages delivered, by channel',
    ['channel'],
  );
  readonly refusals = new Counter(
    this.registry,
    'hoidap_refusals_total',
    'Answers that refused (no grounded answer), by channel',
    ['channel'],
  );
  readonly sendErrors = new Counter(
    this.registry,
    'hoidap_send_errors_total',
    'Failed send attempts, by channel and code',
    ['channel', 'code'],
  );
  readonly rejected = new Counter(
    this.registry,
    'hoidap_webhook_rejected_total',
    'Webhook requests rejected, by reason',
    ['reason'],
  );
  readonly rateLimited = new Counter(
    this.registry,
    'hoidap_rate_limited_total',
    'Messages or requests over a rate limit, by scope',
    ['scope'],
  );
  readonly answerFailures = new Counter(
    this.registry,
    'hoidap_answer_failures_total',
    'answer() threw; the user got the fallback',
    [],
  );
  readonly answerSeconds = new PromHistogram({
    name: 'hoidap_answer_seconds',
    help: 'Time to answer one question, seconds',
    registers: [this.registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

  /**
   * Adds a gauge read at scrape time (outbox backlog, OA token lifetimes); a null reading leaves the series out.
   */
  gauge(name: string, help: string, read: () => number | null | Promise<number | null>): void {
    new PromGauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        const v = await read();
        if (v === null) this.reset();
        else this.set(v);
      },
    });
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The content type of {@link render}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Prometheus text exposition. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
