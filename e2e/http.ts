import type { RunningServer } from './server.js';

/** A signed-in HTTP client for tests that drive a running server directly (no browser). */
export interface HttpSession {
  /** The session cookie (`tisheng_session=…`), for callers that issue their own requests. */
  cookie: string;
  get(path: string): Promise<Response>;
  json<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  upload(path: string, fileName: string, content: Buffer, fields?: Record<string, string>): Promise<Response>;
}

export async function httpSession(base: string, username: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('tisheng_session='))!
    .split(';')[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return {
    cookie,
    get: (path) => fetch(`${base}${path}`, { headers }),
    async json(method, path, body) {
      const r = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
      return (await r.json()) as never;
    },
    upload(path, fileName, content, fields = {}) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(content)]), fileName);
      return fetch(`${base}${path}`, { method: 'POST', headers, body: form });
    },
  };
}

export const adminSession = (server: RunningServer) => httpSession(server.base, 'admin', server.adminPassword);

/** Polls until `done` holds, every `everyMs`, for at most `timeoutMs`. */
export async function waitFor<T>(
  fn: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 120_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
