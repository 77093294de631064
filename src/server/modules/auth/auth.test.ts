import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/pool.js';
import { bootstrap } from '../../platform/bootstrap.js';
import { createTestApp, signIn } from '../../testing/app.js';
import { createTestDb } from '../../testing/db.js';

let db: Db;
let drop: () => Promise<void>;
let app: FastifyInstance;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  await bootstrap(db, { demo: false, countyName: '测试县', adminPassword: 'Admin@2025', log: () => {} });
  app = await createTestApp(db);
});
afterAll(async () => {
  await app.close();
  await drop();
});

describe('auth', () => {
  it('signs in the bootstrap admin and returns the user with the csrf token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'Admin@2025' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.username).toBe('admin');
    expect(body.user.countyName).toBe('测试县');
    expect(body.user.roles.map((r: { role: string }) => r.role)).toEqual(['bureau_admin']);
    expect(body.csrfToken).toMatch(/.{20,}/);
    const cookie = res.cookies.find((c) => c.name === 'tisheng_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
  });

  it('rejects a wrong password with a Chinese message, and in English for an English browser', async () => {
    const zh = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'unauthenticated', message: '用户名或密码错误' });
    const en = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(en.json().error.message).toBe('Wrong username or password');
  });

  it('requires the csrf header on unsafe methods', async () => {
    const client = await signIn(app, 'admin', 'Admin@2025');
    const withToken = await client.request('PATCH', '/api/v1/auth/me', { locale: 'zh-CN' });
    expect(withToken.statusCode).toBe(200);
    const without = await client.request('PATCH', '/api/v1/auth/me', { locale: 'zh-CN' }, { 'x-csrf-token': 'wrong' });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf_failed');
  });

  it('signs out: the old session no longer works', async () => {
    const client = await signIn(app, 'admin', 'Admin@2025');
    expect((await client.request('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await client.request('POST', '/api/v1/auth/logout')).statusCode).toBe(200);
    expect((await client.request('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('changes the password with the policy enforced', async () => {
    const client = await signIn(app, 'admin', 'Admin@2025');
    const weak = await client.request('POST', '/api/v1/auth/password', {
      oldPassword: 'Admin@2025',
      newPassword: 'short',
    });
    expect(weak.json().error.message).toBe('新密码至少 8 位');
    const wrongOld = await client.request('POST', '/api/v1/auth/password', {
      oldPassword: 'nope',
      newPassword: 'Better2026x',
    });
    expect(wrongOld.json().error.message).toBe('原密码不正确');
    const ok = await client.request('POST', '/api/v1/auth/password', {
      oldPassword: 'Admin@2025',
      newPassword: 'Better2026x',
    });
    expect(ok.statusCode).toBe(200);
    await signIn(app, 'admin', 'Better2026x');
    const back = await (await signIn(app, 'admin', 'Better2026x')).request('POST', '/api/v1/auth/password', {
      oldPassword: 'Better2026x',
      newPassword: 'Admin@2025',
    });
    expect(back.statusCode).toBe(200);
  });

  it('locks the account after 5 wrong passwords, even for the right password, and audits it', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'bad' },
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'bad' },
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('locked');
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'Admin@2025' },
    });
    expect(right.statusCode).toBe(423);
    const lockRow = await db.selectFrom('audit_log').selectAll().where('action', '=', 'lock').executeTakeFirst();
    expect(lockRow?.entity).toBe('user');
    await db.updateTable('users').set({ locked_until: null }).where('username', '=', 'admin').execute();
  });

  it('reports database health', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});
