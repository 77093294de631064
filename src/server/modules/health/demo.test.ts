/**
 * The demo seeder on a small generated county: fast, deterministic, and the reports of the demo accounts' units
 * show data (fitness of two grades in two school years, one vision screening, mental-health rounds).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCounty, schoolTermOn } from '../../../../scripts/demo/county.js';
import { loadCounty } from '../../../../scripts/demo/load.js';
import type { Db } from '../../db/pool.js';
import { createTestDb } from '../../testing/db.js';
import { seedHealthDemo } from './demo.js';

let db: Db;
let drop: () => Promise<void>;
let countyId: number;

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  const data = generateCounty({ seed: 1, students: 3000, ...schoolTermOn(new Date('2026-03-10')) });
  countyId = (await loadCounty(db, data)).countyId;
}, 120_000);
afterAll(async () => drop());

describe('health demo', () => {
  it('seeds fitness results of 五、八年级 in two years, a vision screening and mental-health rounds, quickly', async () => {
    const started = Date.now();
    await seedHealthDemo(db, countyId);
    expect(Date.now() - started).toBeLessThan(10_000);
    const byYear = await db
      .selectFrom('health_fitness_results')
      .select(['school_year_id', 'grade_level', db.fn.countAll<number>().as('n')])
      .groupBy(['school_year_id', 'grade_level'])
      .execute();
    expect(new Set(byYear.map((r) => r.school_year_id)).size).toBe(2);
    expect([...new Set(byYear.map((r) => r.grade_level))].sort()).toEqual([5, 8]);
    const graded = await db
      .selectFrom('health_fitness_results')
      .select(db.fn.countAll<number>().as('n'))
      .where('grade', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(graded.n)).toBeGreaterThan(100);
    const fails = await db
      .selectFrom('health_fitness_results')
      .select(db.fn.countAll<number>().as('n'))
      .where('grade', '=', '不及格')
      .executeTakeFirstOrThrow();
    expect(Number(fails.n)).toBeGreaterThan(0);
    // about one in twenty fails (county reports: 合格率 around 90–97%)
    expect(Number(fails.n) / Number(graded.n)).toBeGreaterThan(0.01);
    expect(Number(fails.n) / Number(graded.n)).toBeLessThan(0.15);
    const vision = await db
      .selectFrom('health_vision_screenings')
      .select(['term_id', db.fn.countAll<number>().as('n')])
      .groupBy('term_id')
      .execute();
    expect(vision).toHaveLength(1); // one screening, this term
    expect(Number(vision[0].n)).toBeGreaterThan(1000);
    const rounds = await db.selectFrom('health_mental_rounds').select('id').execute();
    const cards = await db.selectFrom('health_mental_cards').select('level').execute();
    expect(rounds.length).toBeGreaterThan(5);
    expect(new Set(cards.map((c) => c.level)).size).toBeGreaterThan(1);
  });
});
