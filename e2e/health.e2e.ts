/**
 * Student health in a real browser against the real server (demo county): the principal of 城关第一小学 imports the
 * fitness results of one 六年级 class (not in the demo data), sees the class in the school's report, and finds the
 * student who failed in the 补测 list.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applicableItems } from '../src/common/health/fitness';
import { ITEM_INFO } from '../src/common/health/ranges';
import { ITEM_KEYS, type ItemKey, STANDARD_2014 } from '../src/common/health/standard';
import { launchBrowser } from './browser';

const base = inject('baseUrl');
let browser: Browser;
let tmp: string;

beforeAll(async () => {
  browser = await launchBrowser();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tisheng-e2e-health-'));
});

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function apiGet<T>(context: BrowserContext, apiPath: string): Promise<T> {
  const res = await context.request.get(`/api/v1${apiPath}`);
  expect(res.ok(), `${apiPath} → ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

async function openFromMenu(page: Page, p: string): Promise<void> {
  await page.getByTestId(`nav${p.replaceAll('/', '-')}`).click();
  await page.waitForURL((u) => u.pathname === p);
  await page.waitForLoadState('networkidle');
}

/** A 六年级 result at the threshold of `level` points on every item (level 0: below every threshold). */
function resultRow(sex: 'M' | 'F', level: number): Record<ItemKey, string> {
  const out = {} as Record<ItemKey, string>;
  for (const [item] of applicableItems('P6', sex)) {
    const table = STANDARD_2014.grades.P6[sex][item]!;
    const ten = table.cells.find((c) => c.score === 10)!.threshold!;
    const at = table.cells.find((c) => c.score === level)?.threshold;
    const worse = table.direction === 'higher' ? Math.max(0, Math.floor(ten * 0.8)) : Math.ceil(ten * 1.1);
    out[item] = String(level === 0 ? worse : at);
  }
  return out;
}

describe('student health', () => {
  it('imports a class’s fitness results, shows the school report and the 补测 list', async () => {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto('/login');
    await page.getByTestId('login-username').fill('principal');
    await page.getByTestId('login-password').fill('Demo@2025');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sidebar').waitFor();

    const scope = await apiGet<{ schools: { id: number }[] }>(context, '/org/scope');
    const schoolId = scope.schools[0].id;
    const years = await apiGet<{ items: { id: number; isCurrent: boolean }[] }>(context, '/org/school-years');
    const yearId = years.items.find((y) => y.isCurrent)!.id;
    const classes = await apiGet<{ items: { id: number; name: string; gradeLevel: number }[] }>(
      context,
      `/org/classes?schoolId=${schoolId}&schoolYearId=${yearId}&gradeLevel=6&pageSize=50`,
    );
    const cls = classes.items.find((c) => c.gradeLevel === 6)!;
    const students = await apiGet<{ items: { studentNo: string; gender: 'M' | 'F'; status: string }[] }>(
      context,
      `/org/students?classId=${cls.id}&status=active&pageSize=500`,
    );
    const list = students.items;
    expect(list.length).toBeGreaterThan(3);
    // Everyone at the 80-point thresholds (良好) but the first, below every 10-point threshold (不及格).
    const header = ['学籍号', '性别', '身高', '体重', ...ITEM_KEYS.map((k) => ITEM_INFO[k].cn)];
    const lines = list.map((s, i) => {
      const r = resultRow(s.gender, i === 0 ? 0 : 80);
      return [s.studentNo, s.gender === 'M' ? '男' : '女', '145', '36', ...ITEM_KEYS.map((k) => r[k] ?? '')].join(',');
    });
    const file = path.join(tmp, 'fitness.csv');
    writeFileSync(file, `${[header.join(','), ...lines].join('\n')}\n`);

    await openFromMenu(page, '/health/fitness');
    await page.getByTestId('fitness-summary').waitFor();
    await page.getByTestId('import-button').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.locator('[data-testid="import-status"][data-status="validated"]').waitFor({ timeout: 90_000 });
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="import-status"][data-status="committed"]').waitFor({ timeout: 90_000 });
    await page.getByTestId('import-done').click();
    await page.getByTestId('import-done').waitFor({ state: 'detached' });

    // The school's report lists the class with its pass rate: 1 of n failed.
    const row = page.getByTestId('fitness-subunits').locator('tbody tr', { hasText: cls.name });
    await row.waitFor();
    const n = list.length;
    expect(await row.textContent()).toContain(`${(((n - 1) / n) * 100).toFixed(1)}%`);

    // The 补测 list of that class holds exactly the student who failed.
    await page.goto(`/health/retests?classId=${cls.id}&schoolId=${schoolId}`);
    await page.locator('[data-testid="table-total"][data-total="1"]').waitFor();
    const retest = page.locator('[data-testid="table-health-fitness-results"] tbody tr.ant-table-row');
    expect(await retest.count()).toBe(1);
    expect(await retest.first().textContent()).toContain(list[0].studentNo);
    await context.close();
  });
});
