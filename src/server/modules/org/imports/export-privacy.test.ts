import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgTestContext, setupOrgTest } from '../test-context.js';

/** PIPL: an export shows no more than the list does, except to those who manage the rows' school. */
let t: OrgTestContext;
beforeAll(async () => {
  t = await setupOrgTest();
});
afterAll(async () => t.close());

const MASKED = /^\d{3}\*{4}\d{4}$/;
const WHOLE = /^\d{11}$/;

function phones(csv: string): string[] {
  const [header, ...rows] = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const column = header.split(',').indexOf('联系电话');
  expect(column).toBeGreaterThanOrEqual(0);
  return rows.map((r) => r.split(',')[column]).filter((p) => p !== '');
}

describe.each([
  ['guardians', 'teacherA'],
  ['staff', 'teacherA'],
] as const)('%s export', (kind, viewer) => {
  it(`masks phone numbers for a ${viewer} who only sees the rows`, async () => {
    const res = await t.as[viewer].request('GET', `/api/v1/io/${kind}/export?format=csv`);
    expect(res.statusCode).toBe(200);
    const list = phones(res.body);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => MASKED.test(p))).toBe(true);
  });

  it('shows them whole to the school’s 校长, who keeps the register', async () => {
    const res = await t.as.principalA.request('GET', `/api/v1/io/${kind}/export?format=csv`);
    const list = phones(res.body);
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((p) => WHOLE.test(p))).toBe(true);
  });
});
