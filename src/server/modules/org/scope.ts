import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { regionVisible, schoolVisible } from '../../platform/auth/scope-sql.js';
import { authOf } from '../../platform/http.js';
import { orgPolicy } from './policy.js';
import { Nullable } from './shared.js';

/**
 * GET /org/scope: what the caller may switch to in the web app's org picker — the regions of their scope (their
 * granted subtrees and the way up to the county) and the schools they see at all (whole, by a grade, or through
 * one of their classes). Archived units are left out. Both lists are small (a county has at most a few hundred
 * schools), so the answer is whole, not paged.
 */
const ScopeAnswer = Type.Object({
  regions: Type.Array(
    Type.Object({ id: Type.Integer(), parentId: Nullable(Type.Integer()), name: Type.String(), level: Type.String() }),
  ),
  schools: Type.Array(
    Type.Object({ id: Type.Integer(), name: Type.String(), regionId: Type.Integer(), type: Type.String() }),
  ),
});

export function scopeRoutes(app: FastifyInstance) {
  app.get(
    '/scope',
    { config: { policy: orgPolicy.read }, schema: { tags: ['org'], response: { 200: ScopeAnswer } } },
    async (req) => {
      const auth = authOf(req);
      const countyId = auth.user.countyId;
      const [regions, schools] = await Promise.all([
        app.db
          .selectFrom('regions as r')
          .select(['r.id', 'r.parent_id as parentId', 'r.name', 'r.level'])
          .where('r.county_id', '=', countyId)
          .where(regionVisible(auth.scope, 'r.id'))
          .where('r.archived_at', 'is', null)
          .orderBy('r.sort')
          .orderBy('r.id')
          .execute(),
        app.db
          .selectFrom('schools as s')
          .select(['s.id', 's.name', 's.region_id as regionId', 's.type'])
          .where('s.county_id', '=', countyId)
          .where(schoolVisible(auth.scope, 's.id'))
          .where('s.archived_at', 'is', null)
          .orderBy('s.code')
          .orderBy('s.id')
          .execute(),
      ]);
      return { regions, schools };
    },
  );
}
