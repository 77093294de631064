/**
 * The teaching routine in a real browser on a phone-sized screen: the demo principal observes a lesson from the
 * 听课登记 page (teacher searched by name, levels tapped, 评课 written), and the principal's own quota
 * ("校长每学期听课不少于20节") moves by one on the same page and on the compliance page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

const DEMO_PASSWORD = 'Demo@2025';
const base = inject('baseUrl');

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({
    baseURL: base,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

interface Rule {
  id: number;
  code: string;
}
interface StaffRow {
  id: number;
  name: string;
}

/** Taps a radio button: antd puts the test id on the hidden input, the visible target is its label. */
async function tap(testId: string): Promise<void> {
  await page.getByTestId(testId).locator('xpath=ancestor::label[1]').click();
}

/** The principal's own row of a rule as the quota card shows it. */
async function measured(ruleId: number): Promise<number> {
  const item = page.getByTestId(`my-quota-${ruleId}`);
  await item.waitFor();
  return Number(await item.getAttribute('data-measured'));
}

describe('activities on a phone', () => {
  it('enters an observation and sees the principal’s quota move', async () => {
    await page.goto('/login');
    await page.getByTestId('login-username').fill('principal');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname !== '/login');

    const rules = (await (await context.request.get('/api/v1/activities/quota-rules')).json()) as Rule[];
    const rule = rules.find((r) => r.code === 'observe-principal-term')!;
    const me = (await (await context.request.get('/api/v1/auth/me')).json()) as { user: { staffId: number } };
    const staff = (await (await context.request.get('/api/v1/org/staff?pageSize=50&sort=name')).json()) as {
      items: StaffRow[];
    };
    const teacher = staff.items.find((s) => s.id !== me.user.staffId)!;

    await page.goto('/activities/observe');
    const before = await measured(rule.id);

    await page.getByTestId('observe-teacher').click();
    await page.keyboard.type(teacher.name);
    await page
      .getByRole('option', { name: new RegExp(teacher.name) })
      .first()
      .click();
    // the subject is proposed from the teacher's record; wait for it before going on
    await expect
      .poll(async () => (await page.getByTestId('observe-subject').textContent())?.trim().length ?? 0, {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    await tap('observe-period-8');
    await tap('observe-kind-随堂');
    for (const criterion of ['breadth', 'depth', 'efficacy', 'satisfaction']) await tap(`observe-score-${criterion}-3`);
    await page.getByTestId('observe-evidence').fill('小组合作时多数学生参与，板书清楚');
    await page.getByTestId('observe-strengths').fill('目标明确，环节紧凑');
    await page.getByTestId('observe-improvement').fill('给学困生多留一点思考时间');
    await page.getByTestId('observe-submit').click();

    // the card refetches after the save (the compliance of the whole demo county is computed on request)
    await expect.poll(() => measured(rule.id), { timeout: 20_000 }).toBe(before + 1);

    // The same lesson again is refused with a clear message.
    await tap('observe-period-8');
    for (const criterion of ['breadth', 'depth', 'efficacy', 'satisfaction']) await tap(`observe-score-${criterion}-2`);
    await page.getByTestId('observe-strengths').fill('再次登记');
    await page.getByTestId('observe-improvement').fill('再次登记');
    await page.getByTestId('observe-submit').click();
    await expect(page.getByTestId('observe-error').textContent()).resolves.toContain('已登记过');

    // The compliance page shows the same count.
    await page.goto('/activities/compliance');
    expect(await measured(rule.id)).toBe(before + 1);
  });
});
