/**
 * 方案与指标 in a real browser, one full loop as the bureau (局领导): create a plan, bind one goal to an indicator,
 * record the indicator's value so the goal turns green on the 挂图作战 board, export the 总结 as Word.
 *
 * The goal's indicator is GOAL.code. Today it is a hand-entered indicator (source `indicators.manual`, on this
 * branch); to bind the goal to the exam module's pass rate instead, change GOAL to
 * `{ code: 'primary-grad-pass-rate', record: importExamScores }` — the rest of the loop does not change.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readDocx } from '../src/server/platform/documents/read-docx';
import { launchBrowser } from './browser';

const base = inject('baseUrl');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let tmp: string;

interface Period {
  id: number;
  kind: string;
  name: string;
  startDate: string;
  endDate: string;
}
interface Goal {
  name: string;
  unit: string;
  value: number;
  target: number;
}

const EVIDENCE = 'E2E 省教育考试院录取统计';

/** Records the goal's value through the 目标与达成 page: entered by hand with evidence, approved by the bureau. */
async function recordManualValue(goal: Goal, period: Period): Promise<void> {
  await openFromMenu('/indicators/targets');
  await pick('manual-indicator', goal.name);
  await pick('manual-unit', goal.unit);
  await pick('manual-period', period.name);
  await page.getByTestId('manual-value').fill(String(goal.value));
  await page.getByTestId('manual-evidence').fill(EVIDENCE);
  await page.getByTestId('manual-submit').click();
  // The row of this entry (the demo has other entries waiting for approval).
  const approve = page.locator('tr', { hasText: EVIDENCE }).locator('[data-testid^="approve-"]');
  await approve.click();
  await approve.waitFor({ state: 'detached' });
}

const GOAL = { code: 'gaokao-bachelor-rate', name: '高考本科上线率', record: recordManualValue };

beforeAll(async () => {
  browser = await launchBrowser();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tisheng-e2e-indicators-'));
  context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});
afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function openFromMenu(p: string): Promise<void> {
  await page.getByTestId(`nav${p.replaceAll('/', '-')}`).click();
  await page.waitForURL((u) => u.pathname === p);
  await page.waitForLoadState('networkidle');
}

/** Chooses an option of an antd Select (by its test id) by typing part of its label. */
async function pick(testId: string, label: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(label);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
}

describe('plans and indicators', () => {
  it('creates a plan with one goal, records the value so it turns green, and exports the 总结', async () => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill('leader');
    await page.getByTestId('login-password').fill('Demo@2025');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sidebar').waitFor();

    const periods = (await (await context.request.get('/api/v1/indicators/periods')).json()).items as Period[];
    const today = new Date().toISOString().slice(0, 10);
    const year = periods.find((p) => p.kind === 'school_year' && p.startDate <= today && p.endDate >= today) as Period;
    const county = (await (await context.request.get('/api/v1/org/scope')).json()).regions.find(
      (r: { level: string }) => r.level === 'county',
    );
    const goal: Goal = { name: GOAL.name, unit: county.name, value: 8.6, target: 8 };

    await openFromMenu('/indicators/plans');
    await page.getByTestId('create-plan').click();
    await page.getByTestId('plan-title').fill('E2E 教学质量提升年活动');
    await page.getByLabel('开始日期').fill(year.startDate);
    await page.keyboard.press('Enter');
    await page.getByLabel('结束日期').fill(year.endDate);
    await page.keyboard.press('Enter');
    await page.getByTestId('plan-ok').click();
    await page.getByTestId('plan-heading').filter({ hasText: 'E2E 教学质量提升年活动' }).waitFor();
    const planUrl = page.url();

    await page.getByRole('tab', { name: '目标' }).click();
    await page.getByTestId('add-goal').click();
    await pick('goal-indicator', GOAL.code);
    await pick('goal-unit', goal.unit);
    await pick('goal-period', year.name);
    await page.getByTestId('goal-target').fill(String(goal.target));
    await page.getByTestId('goal-ok').click();
    await page.getByTestId('goal-ok').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '挂图作战' }).click();
    await expect.poll(() => page.getByTestId(`goal-status-${GOAL.code}`).getAttribute('data-status')).toBe('grey');

    await GOAL.record(goal, year);

    await page.goto(planUrl);
    await expect.poll(() => page.getByTestId(`goal-status-${GOAL.code}`).getAttribute('data-status')).toBe('green');

    await page.getByRole('tab', { name: '总结与通报' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-summary').click()]);
    expect(download.suggestedFilename()).toBe('E2E 教学质量提升年活动工作总结.docx');
    const file = path.join(tmp, 'summary.docx');
    await download.saveAs(file);
    const doc = await readDocx(readFileSync(file));
    expect(doc.text).toContain(GOAL.name);
    expect(doc.text).toContain('已达成');
    expect(doc.text).toContain('组织发动');
    expect(doc.footnotes).toMatch(/来源：.+计算于 \d{4}-\d{2}-\d{2}/);
  });
});
