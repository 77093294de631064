import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import type { Db } from '../db/pool.js';
import type { Jobs } from '../platform/jobs.js';

/** Builds the app over a test database (no listening socket; requests go through app.inject). */
export async function createTestApp(db: Db, jobs?: Jobs): Promise<FastifyInstance> {
  const app = await buildApp({
    db,
    jobs,
    config: {
      webDir: 'dist/web-missing-in-tests',
      secureCookies: false,
      logLevel: 'silent',
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'tisheng-files-')),
    },
    logger: false,
  });
  await app.ready();
  return app;
}

/** A signed-in client: keeps the session cookie and sends the CSRF token on unsafe methods. */
export interface Client {
  user: { id: number; roles: { role: string }[] } & Record<string, unknown>;
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tisheng_session')!;
  const { user, csrfToken } = res.json();
  return {
    user,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        payload: body as object | undefined,
        cookies: { tisheng_session: cookie.value },
        headers: { 'x-csrf-token': csrfToken, ...headers },
      }),
  };
}
