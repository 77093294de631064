/**
 * The survey loop in a real browser against the real server (demo county): a parent scans the class poster's link
 * on a phone-sized screen, answers and submits; a single-use code works once and is refused the second time on
 * another phone; the principal's coverage view shows the new answer; the 满意度通报 downloads as Word.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

const base = inject('baseUrl');
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A cheap phone in WeChat: small screen, touch, WeChat's user agent, its own storage. */
async function phone(): Promise<Page> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    userAgent:
      'Mozilla/5.0 (Linux; Android 10; V1990A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/86.0.4240.99 XWEB/4317 MMWEBSDK/20220903 Mobile Safari/537.36 MicroMessenger/8.0.28.2240(0x28001C57) WeChat/arm64',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

async function desk(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto('/login');
  await page.getByTestId('login-username').fill('principal');
  await page.getByTestId('login-password').fill('Demo@2025');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('sidebar').waitFor();
  return { context, page };
}

/** Picks an option of a scale or choice question (labels are exact: 满意 is not 基本满意). */
async function choose(scope: ReturnType<Page['locator']>, option: string) {
  await scope
    .locator('label')
    .filter({ hasText: new RegExp(`^${option}$`) })
    .first()
    .click();
}

interface Campaign {
  id: number;
  title: string;
  units: { linkCode: string | null; className: string; respondents: number }[];
  total: { respondents: number };
}

describe('surveys', () => {
  it('a parent answers on a phone, a code is single-use, coverage updates, the bulletin downloads', async () => {
    const { context, page } = await desk();
    const list = (await (await context.request.get('/api/v1/surveys/campaigns')).json()) as {
      items: { id: number; title: string }[];
    };
    const current = list.items.find((c) => c.title === '本学期家长满意度测评')!;
    const detail = (await (await context.request.get(`/api/v1/surveys/campaigns/${current.id}`)).json()) as Campaign;
    const before = detail.total.respondents;

    // The principal's coverage view, opened from the menu.
    await page.getByTestId('nav-surveys-campaigns').click();
    await page.getByRole('button', { name: '本学期家长满意度测评' }).click();
    await page
      .getByTestId('total-respondents')
      .filter({ hasText: new RegExp(`^${before}$`) })
      .waitFor();

    // A parent opens the class link (what the poster's QR code holds) on a phone and answers.
    const parent = await phone();
    await parent.goto(`/s/?c=${detail.units[0].linkCode}`);
    await parent.getByRole('heading', { name: '本学期家长满意度测评' }).waitFor();
    expect(await parent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await choose(parent.locator('section[data-q="overall"]'), '基本满意');
    const items = parent.locator('section[data-q="dims"] .item');
    for (let i = 0; i < (await items.count()); i++) await choose(items.nth(i), '满意');
    await parent.locator('section[data-q="comment"] textarea').fill('<b>希望</b>多开展体育活动');
    await parent.getByRole('button', { name: '提交' }).click();
    await parent.getByText('提交成功，感谢您的参与！').waitFor();
    // Opening the link again on the same phone does not offer a second answer.
    await parent.reload();
    await parent.getByText('您已在本机提交过本问卷').waitFor();

    // The coverage view shows it (after its refresh).
    await page.reload();
    await page
      .getByTestId('total-respondents')
      .filter({ hasText: new RegExp(`^${before + 1}$`) })
      .waitFor();

    // One code per family: the principal opens a code campaign (the one-question homework check) and issues codes.
    const surveys = (await (await context.request.get('/api/v1/surveys/definitions')).json()) as {
      items: { id: number; templateKey: string }[];
    };
    const homework = surveys.items.find((s) => s.templateKey === 'homework')!;
    const me = (await (await context.request.get('/api/v1/auth/me')).json()) as {
      csrfToken: string;
      user: { roles: { schoolId: number }[] };
    };
    const headers = { 'x-csrf-token': me.csrfToken };
    const created = await context.request.post('/api/v1/surveys/campaigns', {
      headers,
      data: {
        surveyId: homework.id,
        title: '今日作业时长（三年级）',
        schoolIds: [me.user.roles[0].schoolId],
        gradeLevels: [3],
        mode: 'tokens',
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(created.status()).toBe(201);
    const slips = await context.request.post(`/api/v1/surveys/campaigns/${(await created.json()).id}/tokens`, {
      headers,
      data: {},
    });
    const code = /class="code">([A-Z0-9]{5}-[A-Z0-9]{5})</.exec(await slips.text())![1];

    const family = await phone();
    await family.goto('/s/');
    await family.getByLabel('填写码').fill(code);
    await family.getByRole('button', { name: '开始填写' }).click();
    await family.locator('section[data-q="minutes"] input').fill('75');
    await family.getByRole('button', { name: '提交' }).click();
    await family.getByText('提交成功').waitFor();
    const other = await phone();
    await other.goto(`/s/?t=${code.replace('-', '')}`);
    await other.getByText('该填写码已经使用过，每户只能填写一次').waitFor();

    // The bulletin downloads as a Word file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载满意度通报（Word）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('本学期家长满意度测评-满意度通报.docx');
    const file = readFileSync((await download.path())!);
    expect(file.subarray(0, 2).toString()).toBe('PK');
  });
});
