import { activitiesProbes } from '../modules/activities/authz.probes.js';
import { examsProbes } from '../modules/exams/authz.probes.js';
import { healthProbes } from '../modules/health/authz.probes.js';
import { indicatorsProbes } from '../modules/indicators/authz.probes.js';
import { inspectionsProbes } from '../modules/inspections/authz.probes.js';
import { notificationsProbes } from '../modules/notifications/authz.probes.js';
import { surveysProbes } from '../modules/surveys/authz.probes.js';
import type { Probe, ProbeContext } from './authz.js';

/** Every module's rows of the authorization matrix. A module adds one line here. */
export async function moduleProbes(ctx: ProbeContext): Promise<Probe[]> {
  return [
    ...(await examsProbes(ctx)),
    ...(await inspectionsProbes(ctx)),
    ...(await surveysProbes(ctx)),
    ...(await activitiesProbes(ctx)),
    ...(await healthProbes(ctx)),
    ...(await indicatorsProbes(ctx)),
    ...(await notificationsProbes(ctx)),
  ];
}
