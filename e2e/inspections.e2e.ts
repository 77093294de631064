/**
 * The inspection loop in a real browser against the real server (demo county): the bureau plans a visit to
 * 城关第一小学 → the inspector scores it on a phone-sized screen with a photo (and keeps the draft through a lost
 * connection) → the result proposes a problem, which is confirmed → an order (整改通知) → the school answers with a
 * report and a photo → the verifier rejects it → the school answers again → 回头看 re-scores the criterion → 销号.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';
import { ADMIN_PASSWORD } from './global-setup';

const base = inject('baseUrl');
/** UI state waits (autosave runs ~1 s after a change; pages load their data first). */
const WAIT = { timeout: 20_000 };
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAGCAIAAABxZ0isAAAAEUlEQVR4nGOoWHACK2IYSAkAURxaAYQJg/UAAAAASUVORK5CYII=',
  'base64',
);
const SCHOOL = '城关第一小学';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function session(
  username: string,
  password: string,
  phone = false,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname !== '/login');
  await page.waitForLoadState('networkidle');
  return { context, page };
}

async function apiGet<T>(context: BrowserContext, path: string): Promise<T> {
  const res = await context.request.get(`/api/v1/inspections${path}`);
  expect(res.ok(), `${path} → ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** Picks an option in an antd Select by typing its text. */
async function choose(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.keyboard.type(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
  await page.keyboard.press('Escape');
}

async function problemStatus(page: Page, label: string): Promise<void> {
  await expect.poll(() => page.getByTestId('problem-status').textContent(), WAIT).toBe(label);
}

describe('inspection loop', () => {
  it('plans, scores on a phone with a photo, and takes the problem through the ledger to 销号', async () => {
    const bureau = await session('admin', ADMIN_PASSWORD);
    const title = `食堂专项检查-${Date.now()}`;

    // 1. Plan a visit (desktop).
    await bureau.page.goto('/inspections/visits');
    await bureau.page.getByTestId('plan-create').click();
    await bureau.page.getByTestId('plan-title').fill(title);
    await choose(bureau.page, 'plan-template', '学校食堂检查表');
    await choose(bureau.page, 'plan-schools', SCHOOL);
    await choose(bureau.page, 'plan-inspectors', 'admin');
    await bureau.page.getByTestId('plan-ok').click();
    await bureau.page.getByText(title).first().waitFor();
    const visits = await apiGet<{ items: { id: number; planTitle: string }[] }>(bureau.context, '/visits');
    const visitId = visits.items.find((v) => v.planTitle === title)!.id;

    // 2. Score on a phone-sized screen, with a photo, through a lost connection.
    const phone = await session('admin', ADMIN_PASSWORD, true);
    await phone.page.goto(`/inspections/visits?score=${visitId}`);
    const answer = (code: string) => phone.page.getByTestId(`answer-${code}`);
    const pass = (code: string, ok: boolean) =>
      answer(code)
        .getByText(ok ? '达标' : '不达标', { exact: true })
        .click();
    await pass('A1.1', true);
    await phone.page
      .getByTestId('photo-A1.1')
      .setInputFiles({ name: 'receipts.png', mimeType: 'image/png', buffer: PNG });
    await phone.page.getByTestId('criterion-A1.1').locator('img').waitFor();
    await pass('A1.2', true);
    await answer('A2.1').fill('12');
    await phone.page
      .getByTestId('photo-A2.1')
      .setInputFiles({ name: 'kitchen.png', mimeType: 'image/png', buffer: PNG });
    await phone.page.getByTestId('criterion-A2.1').locator('img').waitFor();
    await pass('A2.2', true);
    await pass('A3.1', true);
    await phone.context.setOffline(true);
    await pass('A3.2', false);
    await expect.poll(() => phone.page.getByTestId('save-state').getAttribute('data-state'), WAIT).toBe('offline');
    await phone.context.setOffline(false);
    await expect.poll(() => phone.page.getByTestId('save-state').getAttribute('data-state'), WAIT).toBe('saved');
    await pass('A4.1', true);
    await answer('A5.1').fill('8');
    await expect.poll(() => phone.page.getByTestId('save-state').getAttribute('data-state'), WAIT).toBe('saved');
    await phone.page.getByTestId('sheet-submit').click();
    await phone.page.getByTestId('sheet-submitted').waitFor();
    await phone.context.close();

    // 3. Result → publish → the failed criterion becomes a problem.
    await bureau.page.goto(`/inspections/visits?result=${visitId}`);
    await expect.poll(() => bureau.page.getByTestId('result-total').textContent(), WAIT).toBe('85');
    await bureau.page.getByTestId('publish').click();
    await bureau.page.getByTestId('raise-A3.2').click();
    await bureau.page.getByTestId('finding-description').fill('燃气、消防设施不完好：灭火器过期');
    await bureau.page.getByTestId('finding-ok').click();
    await bureau.page.getByText(/已登记 #\d+/).waitFor();
    const problems = await apiGet<{ items: { id: number; description: string }[] }>(
      bureau.context,
      '/problems?status=found',
    );
    const problemId = problems.items.find((p) => p.description.includes('灭火器过期'))!.id;

    // 4. The order (整改通知).
    await bureau.page.goto(`/inspections/problems?problem=${problemId}`);
    await bureau.page.getByTestId('order-unit').fill('总务处');
    await bureau.page.getByTestId('order-person').fill('李主任');
    await bureau.page.getByTestId('order-submit').click();
    await problemStatus(bureau.page, '整改中');

    // 5. The school answers with a report and a photo.
    const school = await session('principal', 'Demo@2025');
    const answerAsSchool = async (report: string) => {
      await school.page.goto(`/inspections/problems?problem=${problemId}`);
      await school.page.getByTestId('respond-report').fill(report);
      await school.page
        .getByTestId('respond-photo')
        .setInputFiles({ name: 'fixed.png', mimeType: 'image/png', buffer: PNG });
      await school.page.locator('.ant-drawer img').first().waitFor();
      await school.page.getByTestId('respond-submit').click();
      await problemStatus(school.page, '待核验');
    };
    await answerAsSchool('已更换灭火器');

    // 6. Rejected with reasons: back to the school.
    await bureau.page.reload();
    await bureau.page.getByTestId('verify-reason').fill('燃气报警器仍未安装，整改不彻底');
    await bureau.page.getByTestId('verify-submit').click();
    await problemStatus(bureau.page, '整改中');

    // 7. The school answers again.
    await answerAsSchool('已加装燃气报警器并完成验收');

    // 8. 回头看: the criterion scored again; accepted → 销号, with before/after.
    await bureau.page.reload();
    await bureau.page.getByTestId('verify-fixed').check();
    await bureau.page.getByTestId('verify-fully').check();
    await bureau.page.getByTestId('answer-A3.2').getByText('达标', { exact: true }).click();
    await bureau.page.getByTestId('verify-submit').click();
    await problemStatus(bureau.page, '已销号');
    await expect.poll(() => bureau.page.getByTestId('before-after').textContent(), WAIT).toBe('0% → 100%');
    await school.context.close();
    await bureau.context.close();
  });
});
