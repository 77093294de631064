import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { DEFAULT_SUBJECTS } from '../../common/org/default-subjects.js';
import type { Db } from '../db/pool.js';
import { audit } from './audit.js';
import { hashPassword } from './auth/password.js';

export interface BootstrapOptions {
  demo: boolean;
  countyName: string;
  adminPassword?: string;
  /** Loads the demo county into an empty database and returns its county id. */
  loadDemo?: (db: Db) => Promise<number>;
  log: (message: string) => void;
}

/**
 * First start of an empty database: a county (the demo county, or an empty one named by TISHENG_COUNTY_NAME)
 * and the `admin` account. Runs under an advisory lock so several app nodes starting together do it once.
 * Returns the generated admin password when one was generated (it is printed once and never stored in clear).
 */
export async function bootstrap(db: Db, opts: BootstrapOptions): Promise<{ created: boolean; adminPassword?: string }> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7401)`.execute(conn);
    try {
      const existing = await conn.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst();
      if (existing) return { created: false };
      let countyId = (
        await conn.selectFrom('regions').select('id').where('level', '=', 'county').orderBy('id').executeTakeFirst()
      )?.id;
      if (countyId == null) {
        if (opts.demo && opts.loadDemo) {
          opts.log('loading the demo county (first start; TISHENG_DEMO=0 starts empty)…');
          countyId = await opts.loadDemo(conn);
        } else {
          countyId = await createEmptyCounty(conn, opts.countyName);
        }
      }
      const generated = opts.adminPassword ? undefined : randomBytes(9).toString('base64url');
      const password = opts.adminPassword ?? generated!;
      const admin = await conn
        .insertInto('users')
        .values({
          county_id: countyId,
          username: 'admin',
          display_name: '系统管理员',
          password_hash: await hashPassword(password),
          must_change_password: generated !== undefined,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await conn
        .insertInto('user_roles')
        .values({ county_id: countyId, user_id: admin.id, role: 'bureau_admin', region_id: countyId })
        .execute();
      await audit(
        conn,
        { countyId, userId: null, username: 'system' },
        {
          action: 'create',
          entity: 'user',
          entityId: admin.id,
          summary: '首次启动：创建管理员 admin',
        },
      );
      return { created: true, adminPassword: generated };
    } finally {
      await sql`select pg_advisory_unlock(7401)`.execute(conn);
    }
  });
}

/** An empty county: its region row (a tenant root) and the national subject list. */
export async function createEmptyCounty(db: Db, name: string, code = 'county-1'): Promise<number> {
  return db.transaction().execute(async (tx) => {
    // A county is its own tenant: its id is its county_id, so take the id from the sequence first.
    const { rows } = await sql<{
      id: number;
    }>`select nextval(pg_get_serial_sequence('regions', 'id'))::bigint as id`.execute(tx);
    const region = { id: Number(rows[0].id) };
    await tx
      .insertInto('regions')
      .values({ id: region.id, level: 'county', code, name, county_id: region.id })
      .execute();
    await tx
      .insertInto('subjects')
      .values(
        DEFAULT_SUBJECTS.map((s, i) => ({
          county_id: region.id,
          code: s.code,
          name: s.name,
          stages: s.stages,
          sort: i + 1,
        })),
      )
      .execute();
    return region.id;
  });
}
