/**
 * A small Prometheus registry (text exposition format 0.0.4): counters with labels and one latency
 * histogram. Hand-written because prom-client is not installed and we need only a few series.
 */

type Labels = Record<string, string>;

const labelKey = (labels: Labels): string =>
  Object.keys(labels).sort().map((k) => `${k}="${labels[k]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',');

class Counter {
  private readonly values = new Map<string, number>();
  constructor(readonly name: string, readonly help: string) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = labelKey(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  get(labels: Labels = {}): number {
    return this.values.get(labelKey(labels)) ?? 0;
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines;
  }
}

class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(readonly name: string, readonly help: string, readonly buckets: number[]) {
    this.counts = buckets.map(() => 0);
  }
  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((b, i) => { if (value <= b) this.counts[i]! += 1; });
  }
  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((b, i) => lines.push(`${this.name}_bucket{le="${b}"} ${this.counts[i]}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines;
  }
}

/** A value read when /metrics is scraped (a gauge); null leaves the series out. */
class Gauge {
  constructor(readonly name: string, readonly help: string, readonly read: () => number | null) {}
  render(): string[] {
    const v = this.read();
    return v === null ? [] : [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${v}`];
  }
}

/** The service's metrics. */
export class BotMetrics {
  private readonly gauges: Gauge[] = [];

  /** Adds a gauge read at scrape time (outbox backlog, OA token lifetimes). */
  gauge(name: string, help: string, read: () => number | null): void {
    this.gauges.push(new Gauge(name, help, read));
  }

  readonly messagesIn = new Counter('hoidap_messages_in_total', 'Events accepted, by channel and kind');
  readonly duplicates = new Counter('hoidap_duplicates_total', 'Redelivered events acknowledged without answering');
  readonly messagesOut = new Counter('hoidap_messages_out_total', 'Reply messages delivered, by channel');
  readonly refusals = new Counter('hoidap_refusals_total', 'Answers that refused (no grounded answer), by channel');
  readonly sendErrors = new Counter('hoidap_send_errors_total', 'Failed send attempts, by channel and code');
  readonly rejected = new Counter('hoidap_webhook_rejected_total', 'Webhook requests rejected, by reason');
  readonly rateLimited = new Counter('hoidap_rate_limited_total', 'Messages or requests over a rate limit, by scope');
  readonly answerFailures = new Counter('hoidap_answer_failures_total', 'answer() threw; the user got the fallback');
  readonly answerSeconds = new Histogram('hoidap_answer_seconds', 'Time to answer one question, seconds',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);

  /** Prometheus text exposition. */
  render(): string {
    const all = [this.messagesIn, this.duplicates, this.messagesOut, this.refusals, this.sendErrors, this.rejected,
      this.rateLimited, this.answerFailures, this.answerSeconds, ...this.gauges];
    return `${all.flatMap((m) => m.render()).join('\n')}\n`;
  }
}
