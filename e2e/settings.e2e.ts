/**
 * 工作日历 in a real browser: the county admin sees this year's arrangement in the month grid, is warned that next
 * year is missing, enters it (a holiday and a 调休 workday) and sees the warning go and the grid show the new days.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cstDate } from '../src/common/calendar/dates';
import { launchBrowser } from './browser';
import { ADMIN_PASSWORD } from './global-setup';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('working-day calendar', () => {
  it('shows the year, warns of the missing next year, and lets the county admin enter it', async () => {
    const year = Number(cstDate(new Date()).slice(0, 4));
    const next = year + 1;
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto('/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sidebar').waitFor();

    await page.goto('/admin/calendar');
    await page.getByTestId('calendar-grid').waitFor();
    // The shipped arrangement of this year: 1 January is a day off.
    expect(await page.locator(`[data-date="${year}-01-01"]`).getAttribute('data-kind')).toBe('off');
    const warning = page.getByTestId(`calendar-missing-${next}`);
    await warning.waitFor();

    await warning.getByRole('button').click();
    const modal = page.locator('.ant-modal');
    await modal.waitFor();
    await modal.getByPlaceholder('如：').fill(`国务院办公厅关于${next}年部分节假日安排的通知（测试）`);
    await modal.getByRole('button', { name: '添加假期' }).click();
    await modal.getByPlaceholder('名称').fill('国庆节');
    await modal.getByPlaceholder('开始').fill(`${next}-10-01`);
    await modal.getByPlaceholder('开始').press('Enter');
    await modal.getByPlaceholder('结束').fill(`${next}-10-07`);
    await modal.getByPlaceholder('结束').press('Enter');
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await warning.waitFor({ state: 'detached' });

    await page.locator(`[data-date="${next}-10-01"]`).waitFor();
    expect(await page.locator(`[data-date="${next}-10-05"]`).getAttribute('data-kind')).toBe('off');
    await context.close();
  });
});
