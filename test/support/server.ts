/** A real Relais server on loopback, and an HTTP client with a cookie jar, for integration tests. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server.ts';
import { loadConfig, type Config } from '../../src/core/config.ts';
import type { Db } from '../../src/core/db/types.ts';

export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ErrorResponseBody {
  error: { code: string; message: string; field?: string; issues?: { field: string; message: string }[]; details?: Record<string, unknown>; requestId: string };
}

export class TestClient {
  private cookies = new Map<string, string>();
  constructor(readonly baseUrl: string) {}

  async request<T = unknown>(
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      if (!name) continue;
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, { body, headers });
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, { body });
  }
  put<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, { body });
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async login(email: string, password: string): Promise<void> {
    const r = await this.post('/api/session', { email, password });
    if (r.status !== 204) throw new Error(`login of ${email} failed: ${r.status} ${r.text}`);
  }
}

export interface TestServer {
  app: FastifyInstance;
  baseUrl: string;
  client(): TestClient;
  close(): Promise<void>;
}

export async function startServer(db: Db, overrides: Partial<Config> = {}): Promise<TestServer> {
  const config = { ...loadConfig({}), ...overrides };
  const app = await buildApp({ db, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  return { app, baseUrl, client: () => new TestClient(baseUrl), close: () => app.close() };
}
