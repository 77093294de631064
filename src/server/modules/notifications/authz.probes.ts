import { notify } from '../../platform/notifications/notify.js';
import { ALL, type Probe, type ProbeContext } from '../../testing/authz.js';

/**
 * The notification centre's rows of the authorization matrix: everyone signed in reads and marks their own
 * messages; a message of 校长A can be marked read by 校长A only (anyone else: 403).
 */
export async function notificationsProbes({ fx, db }: ProbeContext): Promise<Probe[]> {
  const n = '/api/v1/notifications';
  await notify(db, {
    countyId: fx.countyId,
    recipients: [{ userId: fx.users.principalA.id }],
    kind: 'test.probe',
    title: '矩阵测试',
  });
  const mine = await db
    .selectFrom('notifications')
    .select('id')
    .where('county_id', '=', fx.countyId)
    .where('user_id', '=', fx.users.principalA.id)
    .executeTakeFirstOrThrow();
  return [
    { method: 'GET', route: n, url: n, allow: ALL },
    { method: 'GET', route: `${n}/unread-count`, url: `${n}/unread-count`, allow: ALL },
    { method: 'POST', route: `${n}/:id/read`, url: `${n}/${mine.id}/read`, allow: ['principalA'] },
    { method: 'POST', route: `${n}/read-all`, url: `${n}/read-all`, allow: ALL },
  ];
}
