/**
 * Every module of the admin app, in sidebar order. Add a module here and it gets its menu entry and routes;
 * its pages load on demand, so this list costs only a few bytes of the initial bundle.
 */
import { activitiesModule } from '../modules/activities/module';
import { adminModule } from '../modules/admin/module';
import { examsModule } from '../modules/exams/module';
import { healthModule } from '../modules/health/module';
import { indicatorsModule } from '../modules/indicators/module';
import { inspectionsModule } from '../modules/inspections/module';
import { ioModule } from '../modules/io/module';
import { notificationsModule } from '../modules/notifications/module';
import { orgModule } from '../modules/org/module';
import { surveysModule } from '../modules/surveys/module';
import type { AppModule } from './module-registry';
import type { User } from './types';

export const MODULES: readonly AppModule[] = [
  indicatorsModule,
  examsModule,
  inspectionsModule,
  activitiesModule,
  surveysModule,
  healthModule,
  orgModule,
  ioModule,
  adminModule,
  notificationsModule,
];

/** The modules and pages this user may open; a module whose pages are all hidden is hidden too. */
export function visibleModules(user: User): AppModule[] {
  return MODULES.filter((m) => !m.visibleTo || m.visibleTo(user))
    .map((m) => ({ ...m, pages: m.pages.filter((p) => !p.visibleTo || p.visibleTo(user)) }))
    .filter((m) => m.pages.length > 0);
}
