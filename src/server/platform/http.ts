import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/pool.js';
import type { AuditActor } from './audit.js';
import { cachedAuth, dataChanged, rememberAuth } from './auth/cache.js';
import { resolveScope } from './auth/scope.js';
import { hashToken, loadSession, SESSION_COOKIE } from './auth/session.js';
import type { AuthContext } from './auth/types.js';
import { AppError, forbidden, unauthenticated } from './errors.js';
import type { FileStore } from './files.js';
import type { Jobs } from './jobs.js';
import { type Lang, langOf } from './messages.js';

/**
 * Every route declares who may call it in `config.policy`:
 * - 'public': anyone (health, login, the public survey pages);
 * - 'signedIn': any signed-in user (their own profile);
 * - a function of the auth context (and the request): a module's policy rule, e.g. `orgPolicy.readRegistry`.
 * Record-level checks ("may this user edit *this* school") happen in the service, with the same policy module.
 * The app refuses to start if an /api route has no policy (see assertEveryRouteHasPolicy).
 */
export type RoutePolicy = 'public' | 'signedIn' | ((auth: AuthContext, req: FastifyRequest) => boolean);

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** Skip the CSRF check (only for login, which has no session yet). */
    noCsrf?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    lang: Lang;
  }
  interface FastifyInstance {
    /** Every route with its policy, as registered (the authorization-matrix test walks it). */
    routeTable: { method: string; url: string; policy: RoutePolicy | undefined }[];
    db: Db;
    jobs: Jobs | null;
    files: FileStore;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuthHooks(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('lang', 'zh');

  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      app.routeTable.push({ method, url: route.url, policy: route.config?.policy });
    if (route.url.startsWith('/api') && !route.url.startsWith('/api/docs') && route.config?.policy === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no policy`);
    }
  });

  app.addHook('onRequest', async (req) => {
    const token = req.cookies?.[SESSION_COOKIE];
    if (token) {
      req.auth = cachedAuth(hashToken(token)) ?? null;
      if (!req.auth) {
        const session = await loadSession(app.db, token);
        if (session) {
          req.auth = { ...session, scope: await resolveScope(app.db, session.user) };
          rememberAuth(req.auth);
        }
      }
    }
    req.lang = langOf(req.auth?.user.locale, req.headers['accept-language']);
  });

  // A successful write may change what someone may see (a new region, a class teacher, an assignment) and list
  // totals: drop the county's cached scopes and the cached totals on this node. Writes are rare next to reads.
  // (onSend, before the answer leaves, so the caller's next request already sees the change.)
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.auth && UNSAFE.has(req.method) && reply.statusCode < 300) dataChanged(req.auth.user.countyId);
    return payload;
  });

  // preValidation, not preHandler: who may call comes before what they sent, so a caller without the right
  // gets 403 whatever the body, and schema errors never tell an outsider about a route's shape.
  app.addHook('preValidation', async (req) => {
    const policy = req.routeOptions.config?.policy;
    if (policy === undefined || policy === 'public') return;
    const auth = req.auth;
    if (!auth) throw unauthenticated();
    if (UNSAFE.has(req.method) && !req.routeOptions.config?.noCsrf && req.headers['x-csrf-token'] !== auth.csrfToken) {
      throw new AppError(403, 'csrf_failed');
    }
    if (policy === 'signedIn') return;
    if (!policy(auth, req)) throw forbidden();
  });
}

/** The signed-in context of a request whose policy already required it. */
export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}

export function actorOf(req: FastifyRequest): AuditActor {
  const auth = authOf(req);
  return { countyId: auth.user.countyId, userId: auth.user.id, username: auth.user.username, ip: req.ip };
}

export function sendFile(reply: FastifyReply, body: Buffer, fileName: string, contentType: string) {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}
