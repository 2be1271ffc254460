/**
 * A small round-robin HTTP proxy on loopback, standing in for the load balancer in front of several instances.
 * A backend that refuses the connection (down, restarting) is skipped for the next one, as a real balancer's
 * health check would; a request lost mid-way (the backend was killed) gets 502, so the sender retries it.
 */
import http from 'node:http';
import type net from 'node:net';

export class RoundRobinProxy {
  private server: http.Server | null = null;
  private next = 0;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  url = '';

  constructor(private readonly backends: () => string[]) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const targets = this.backends();
    for (let tries = 0; tries < targets.length; tries++) {
      const target = targets[this.next++ % targets.length]!;
      const outcome = await this.forward(target, req, body, res);
      if (outcome !== 'refused') return;
    }
    res.writeHead(503).end('no backend');
  }

  private forward(
    target: string,
    req: http.IncomingMessage,
    body: Buffer,
    res: http.ServerResponse,
  ): Promise<'done' | 'refused'> {
    return new Promise((resolve) => {
      let answered = false;
      const up = http.request(
        `${target}${req.url}`,
        { method: req.method, headers: { ...req.headers, host: new URL(target).host }, agent: this.agent },
        (r) => {
          answered = true;
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
          r.on('end', () => resolve('done'));
          r.on('error', () => {
            res.destroy();
            resolve('done');
          });
        },
      );
      up.on('error', (err: NodeJS.ErrnoException) => {
        if (answered) return;
        if (err.code === 'ECONNREFUSED') return resolve('refused');
        res.writeHead(502).end('backend lost');
        resolve('done');
      });
      up.end(body);
    });
  }
}
