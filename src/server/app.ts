import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/pool.js';
import { registerModules } from './modules/index.js';
import { AppError } from './platform/errors.js';
import { FileStore } from './platform/files.js';
import { registerAuthHooks } from './platform/http.js';
import type { Jobs } from './platform/jobs.js';
import { translate } from './platform/messages.js';

export interface AppOptions {
  db: Db;
  /** Background jobs; absent in tests that need none (routes that queue work then answer 503). */
  jobs?: Jobs;
  config: Pick<Config, 'webDir' | 'secureCookies' | 'logLevel' | 'dataDir'> & Partial<Pick<Config, 'trustProxy'>>;
  logger?: boolean;
}

/** Uploads above this size are refused before they are read (the import limit in architecture.md). */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** Builds the Fastify app: used by main.ts and by the integration tests (through app.inject). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.logLevel },
    trustProxy: opts.config.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', opts.db);
  app.decorate('jobs', opts.jobs ?? null);
  app.decorate('files', new FileStore(path.join(opts.config.dataDir, 'uploads')));
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await app.register(swagger, {
    openapi: { info: { title: 'Tisheng API', version: '1' }, components: {} },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuthHooks(app);
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const lang = req.lang ?? 'zh';
    if (err instanceof AppError) {
      return reply.status(err.status).send({
        error: { code: err.code, message: translate(lang, err.messageKey, err.params), details: err.details },
      });
    }
    if ((err as FastifyError).validation) {
      const detail = (err as FastifyError)
        .validation!.map((v) => `${v.instancePath || v.params?.missingProperty || ''} ${v.message}`)
        .join('; ');
      return reply.status(400).send({
        error: {
          code: 'validation_failed',
          message: translate(lang, 'validation_failed', { detail }),
          details: (err as FastifyError).validation,
        },
      });
    }
    const pgError = databaseError(err);
    if (pgError)
      return reply
        .status(pgError.status)
        .send({ error: { code: pgError.code, message: translate(lang, pgError.code, { detail: pgError.detail }) } });
    const status = (err as FastifyError).statusCode ?? 500;
    if (status === 413 || (err as FastifyError).code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send({
        error: { code: 'payload_too_large', message: translate(lang, 'payload_too_large', { limit: '50 MB' }) },
      });
    }
    if (status >= 500) req.log.error(err);
    const code = status >= 500 ? 'internal' : 'bad_request';
    return reply.status(status).send({ error: { code, message: translate(lang, code) } });
  });

  await registerModules(app);

  // The admin web app (built by `vite build`); any non-API GET falls back to index.html for client routing.
  const webDir = opts.config.webDir;
  if (existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDir,
      index: 'index.html',
      // Hashed bundles never change under their name; index.html must be re-read to pick up a new build.
      setHeaders: (res, filePath) => {
        res.setHeader(
          'cache-control',
          filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api') && existsSync(path.join(webDir, 'index.html'))) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'not_found', message: translate(req.lang ?? 'zh', 'not_found') } });
  });
  return app;
}

/**
 * Constraint violations that reach the handler are the user's data clashing with other data (a duplicate
 * 学校代码, a reference to a missing record): 409/400 naming the fields, not a 500.
 */
function databaseError(err: unknown): { status: number; code: string; detail: string } | null {
  const e = err as { code?: string; detail?: string; constraint?: string };
  if (typeof e?.code !== 'string' || e.code.length !== 5) return null;
  const fields = /Key \(([^)]*)\)=\(([^)]*)\)/.exec(e.detail ?? '');
  const detail = fields
    ? fields[1]
        .split(', ')
        .map((f, i) => [f, fields[2].split(', ')[i]])
        .filter(([f]) => f !== 'county_id')
        .map(([f, v]) => `${f}=${v}`)
        .join(', ')
    : (e.constraint ?? '');
  if (e.code === '23505') return { status: 409, code: 'conflict', detail };
  if (e.code === '23503' || e.code === '23514' || e.code === '23502')
    return { status: 400, code: 'validation_failed', detail };
  return null;
}
