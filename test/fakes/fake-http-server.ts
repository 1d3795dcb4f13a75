import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when there is none. */
  body: unknown;
  /** The body's bytes as received (to check a signature over them). */
  raw: Buffer;
  headers: IncomingMessage['headers'];
  /** Date.now() on arrival. */
  at: number;
}

/**
 * A handler's answer: JSON `body` with `status` (200 unless given); a string is sent as
 * text/plain and a Buffer as is, unless `headers` name another content-type.
 */
export interface FakeReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/**
 * Something to go wrong on the next requests to one path, applied in order:
 * wait `delayMs`, then `drop` the connection without an answer, or answer `status` / `body`
 * instead of the endpoint, or (with only a delay) let the endpoint answer late.
 */
export interface FakeFault {
  /** How many requests it applies to (default 1). */
  times?: number;
  delayMs?: number;
  drop?: boolean;
  status?: number;
  body?: unknown;
}

/**
 * A real HTTP server on 127.0.0.1 and a random port, for API tests: a router of endpoint
 * handlers, a fault queue per path, and a log of every request. Protocol fakes (WeChat, later
 * WeChat Pay) extend it with their endpoints and state.
 */
export class FakeHttpServer {
  /** Every request received, oldest first (faulted ones too). */
  readonly requests: FakeRequest[] = [];
  /** Whether requests are kept in `requests` (turn off for benchmarks sending 100,000 requests). */
  logRequests = true;
  private readonly routes = new Map<string, FakeHandler>();
  private readonly faults = new Map<string, FakeFault[]>();
  private readonly latencies = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  private port = 0;

  /** `http://127.0.0.1:<port>`, once started. */
  get url(): string {
    if (!this.port) throw new Error('fake server not started');
    return `http://127.0.0.1:${this.port}`;
  }

  /** Adds (or replaces) the endpoint for `method path`. */
  route(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, handler: FakeHandler): this {
    this.routes.set(`${method} ${path}`, handler);
    return this;
  }

  /** Queues a fault for the next request(s) to `path`; faults queued earlier apply first. */
  fault(path: string, fault: FakeFault): this {
    const queue = this.faults.get(path) ?? [];
    queue.push({ ...fault, times: fault.times ?? 1 });
    this.faults.set(path, queue);
    return this;
  }

  /**
   * Every request to `path` from now on waits `ms` before being handled (faults' own `delayMs`
   * adds to it); 0 removes it. `clear()` removes all.
   */
  latency(path: string, ms: number): this {
    if (ms > 0) this.latencies.set(path, ms);
    else this.latencies.delete(path);
    return this;
  }

  /** The requests received on `path`. */
  calls(path: string): FakeRequest[] {
    return this.requests.filter((r) => r.path === path);
  }

  /** Forgets the request log, any faults not yet used and the latencies. */
  clear(): void {
    this.requests.length = 0;
    this.faults.clear();
    this.latencies.clear();
  }

  /** Listens on a random port the first time, on the same port when started again after `stop`. */
  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Closes the server and every open connection; requests then fail with ECONNREFUSED. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(raw.toString('utf8')),
      raw,
      headers: req.headers,
      at: Date.now(),
    };
    if (this.logRequests) this.requests.push(request);
    const fault = this.takeFault(request.path);
    const delay = (this.latencies.get(request.path) ?? 0) + (fault?.delayMs ?? 0);
    if (delay) await this.sleep(delay);
    if (!this.server || req.socket.destroyed) return; // stopped, or the client gave up meanwhile
    if (fault?.drop) {
      req.socket.destroy();
      return;
    }
    let reply: FakeReply;
    if (fault && (fault.status !== undefined || fault.body !== undefined)) {
      reply = { status: fault.status ?? 200, body: fault.body ?? {} };
    } else {
      const handler = this.routes.get(`${request.method} ${request.path}`);
      reply = handler ? await handler(request) : { status: 404, body: { errcode: 404, errmsg: `no fake endpoint ${request.method} ${request.path}` } };
    }
    const bytes = Buffer.isBuffer(reply.body) ? reply.body : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const type = Buffer.isBuffer(reply.body) ? 'application/octet-stream' : typeof reply.body === 'string' ? 'text/plain' : 'application/json';
    res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
    res.end(bytes);
  }

  private takeFault(path: string): FakeFault | undefined {
    const queue = this.faults.get(path);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.times = (head.times ?? 1) - 1;
    if (head.times <= 0) queue.shift();
    return head;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
