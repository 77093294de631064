import type { FastifyInstance } from 'fastify';
import { onAuditedWrite } from '../../platform/audit.js';
import { indicatorRoutes } from './indicator-routes.js';
import { largeClassShare, studentCount, studentTeacherRatio } from './org-sources.js';
import { manualSource, planFilingSource, taskCompletionSource } from './own-sources.js';
import { planRoutes } from './plans/routes.js';
import { registerIndicatorSource } from './sources.js';
import { targetRoutes } from './target-routes.js';
import { forgetValuesOfAuditedModule } from './values.js';

/** The sources this branch provides: the org registry's, hand entry, and the plans' own numbers. */
export function registerOwnSources(): void {
  for (const s of [
    studentCount,
    largeClassShare,
    studentTeacherRatio,
    manualSource,
    planFilingSource,
    taskCompletionSource,
  ])
    registerIndicatorSource(s);
}

/** The indicators module's API, under /api/v1/indicators: library, periods, targets, values, plans and tasks. */
export async function indicatorsRoutes(app: FastifyInstance): Promise<void> {
  registerOwnSources();
  // Every audited write that can change a source's numbers forgets the cached values of that module's indicators,
  // so attainment is recomputed on its next read (the exam analysis, written by a worker, calls it itself).
  onAuditedWrite(forgetValuesOfAuditedModule);
  indicatorRoutes(app);
  targetRoutes(app);
  planRoutes(app);
}
