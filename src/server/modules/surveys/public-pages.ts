import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * Serves the public answer page (src/public, built to dist/public by `vite build`) at /s/: the address printed on
 * QR posters and slips (/s/?c=<link code>, /s/?t=<roster code>). Short and outside /api so a parent's browser
 * never meets the admin app. Nothing is served when the page has not been built (the API tests).
 */
const dir = fileURLToPath(new URL('../../../../dist/public/', import.meta.url));

export async function surveysPublicPages(app: FastifyInstance): Promise<void> {
  if (!existsSync(`${dir}index.html`)) return;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/s/',
    decorateReply: false,
    setHeaders: (res, filePath) => {
      res.setHeader(
        'cache-control',
        filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
