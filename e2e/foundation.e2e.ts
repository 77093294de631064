/**
 * The foundation in a real browser against the real server (embedded PostgreSQL, demo county): sign-in,
 * the region tree, a student import with a dry-run error and its fix, a teacher's scoped view, the language
 * switch and sign-out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GRADE_LEVELS, labelOf } from '../src/common/org/enums';
import { launchBrowser } from './browser';
import { ADMIN_PASSWORD } from './global-setup';

const DEMO_PASSWORD = 'Demo@2025';
const base = inject('baseUrl');

let browser: Browser;
let tmp: string;

beforeAll(async () => {
  browser = await launchBrowser();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tisheng-e2e-files-'));
});

afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** A fresh browser profile (own cookies and storage), as a different person at another PC. */
async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('sidebar').waitFor();
  await page.waitForLoadState('networkidle');
}

/** GET an API path with the page's session cookie (the browser context's request shares its cookies). */
async function apiGet<T>(context: BrowserContext, apiPath: string): Promise<T> {
  const res = await context.request.get(`/api/v1${apiPath}`);
  expect(res.ok(), `${apiPath} → ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** The list's total as the pagination shows it, once the list has loaded. */
async function listTotal(page: Page): Promise<number> {
  const total = page.getByTestId('table-total');
  await total.waitFor();
  await page.waitForLoadState('networkidle');
  return Number(await total.getAttribute('data-total'));
}

/** Opens a page through the sidebar, as a user would. */
async function openFromMenu(page: Page, path: string): Promise<void> {
  await page.getByTestId(`nav${path.replaceAll('/', '-')}`).click();
  await page.waitForURL((u) => u.pathname === path);
  await page.waitForLoadState('networkidle');
}

interface SchoolClass {
  id: number;
  schoolId: number;
  gradeLevel: number;
  classNo: number;
  name: string;
}

describe('foundation', () => {
  let admin: { context: BrowserContext; page: Page };
  let adminStudentTotal = 0;

  beforeAll(async () => {
    admin = await newPage();
  });
  afterAll(async () => {
    await admin?.context.close();
  });

  it('rejects a wrong password in Chinese, then signs the admin in', async () => {
    const { page } = admin;
    await page.goto('/');
    await page.waitForURL(/\/login/);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(page.url()).toContain('/login');

    await page.getByTestId('login-password').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('sidebar').waitFor();
    expect(new URL(page.url()).pathname).not.toBe('/login');
    expect(await page.getByTestId('user-menu').textContent()).toContain('系统管理员');
  });

  it('browses the region tree: the county, its 学区, one 学区’s details', async () => {
    const { page, context } = admin;
    const { items: regions } = await apiGet<{
      items: { id: number; parentId: number | null; level: string; name: string; code: string }[];
    }>(context, '/org/regions?pageSize=500');
    const county = regions.find((r) => r.level === 'county');
    expect(county?.name).toBe('示范县');
    const districts = regions.filter((r) => r.parentId === county?.id);
    expect(districts.length).toBeGreaterThan(0);

    await openFromMenu(page, '/org/regions');
    const tree = page.getByTestId('region-tree');
    await tree.getByText('示范县', { exact: true }).waitFor();
    for (const d of districts) await tree.getByText(d.name, { exact: true }).waitFor();

    const district = districts[0];
    await tree.getByText(district.name, { exact: true }).click();
    const details = page.getByTestId('region-details');
    await details.waitFor();
    const text = await details.textContent();
    expect(text).toContain(district.name);
    expect(text).toContain(district.code);
    expect(text).toContain('学区'); // the level
    expect(text).toContain('示范县'); // the parent
  });

  it('imports students: template, a dry-run error by row and column, the fixed file, the new student in the list', async () => {
    const { page, context } = admin;
    // A real class of the demo county and its school's code.
    const { items: classes } = await apiGet<{ items: SchoolClass[] }>(context, '/org/classes?pageSize=1');
    const cls = classes[0];
    const school = await apiGet<{ code: string; name: string }>(context, `/org/schools/${cls.schoolId}`);
    const grade = labelOf(GRADE_LEVELS, cls.gradeLevel, 'zh');
    const stamp = Date.now().toString().slice(-9);
    const good = { no: `E2E${stamp}1`, name: '测试导入甲' };
    const bad = { no: `E2E${stamp}2`, name: '测试导入乙' };
    const csv = (badDate: string) =>
      [
        '学籍号,姓名,性别,出生日期,学校代码,年级,班号',
        `${good.no},${good.name},男,2018-03-01,${school.code},${grade},${cls.classNo}`,
        `${bad.no},${bad.name},女,${badDate},${school.code},${grade},${cls.classNo}`,
      ].join('\n');
    const wrongFile = path.join(tmp, 'students-wrong.csv');
    const fixedFile = path.join(tmp, 'students-fixed.csv');
    writeFileSync(wrongFile, `${csv('2015-02-30')}\n`);
    writeFileSync(fixedFile, `${csv('2015-02-28')}\n`);

    await openFromMenu(page, '/org/students');
    adminStudentTotal = await listTotal(page);
    expect(adminStudentTotal).toBeGreaterThan(0);

    await page.getByTestId('import-button').click();
    const template = page.getByTestId('import-template-csv');
    await template.waitFor();
    expect(await page.getByTestId('import-template-xlsx').isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), template.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    // Dry run of the file with 2015-02-30: nothing is written, the problem is shown by row and column.
    await page.getByTestId('import-file-input').setInputFiles(wrongFile);
    await page.locator('[data-testid="import-status"][data-status="invalid"]').waitFor({ timeout: 60_000 });
    const errors = page.getByTestId('import-errors');
    const errorRow = errors.locator('tbody tr', { hasText: '出生日期' });
    await errorRow.waitFor();
    const cells = await errorRow.locator('td').allTextContents();
    expect(cells[0]).toBe('3'); // header is row 1: the second data row
    expect(cells[1]).toBe('出生日期');
    expect(cells[2]).toContain('2015-02-30');

    // The corrected file validates; 确认导入 writes it.
    await page.getByTestId('import-file-input').setInputFiles(fixedFile);
    await page.locator('[data-testid="import-status"][data-status="validated"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-summary').textContent()).toContain('2');
    await page.getByTestId('import-commit').click();
    await page.locator('[data-testid="import-status"][data-status="committed"]').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-committed').textContent()).toBe('导入完成');
    await page.getByTestId('import-done').click();
    await page.getByTestId('import-done').waitFor({ state: 'detached' });

    // The new student is in the register.
    const search = page.getByTestId('table-search');
    await search.fill(good.no);
    await search.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === good.no);
    // The search's answer (not the list shown meanwhile): exactly one student.
    await page.locator('[data-testid="table-total"][data-total="1"]').waitFor();
    const rows = page.locator('[data-testid="table-org-students"] tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    const rowText = await rows.first().textContent();
    expect(rowText).toContain(good.no);
    expect(rowText).toContain(good.name);
    expect(rowText).toContain(school.name);
    expect(rowText).toContain(cls.name);
    expect(rowText).toContain('在读');
  });

  it('shows a teacher only the students of their classes, without import or create', async () => {
    const teacher = await newPage();
    const { page, context } = teacher;
    try {
      await signIn(page, 'teacher', DEMO_PASSWORD);
      const me = await apiGet<{ user: { staffId: number } }>(context, '/auth/me');
      const { items: terms } = await apiGet<{ items: { id: number; isCurrent: boolean }[] }>(context, '/org/terms');
      const current = terms.find((t) => t.isCurrent);
      expect(current).toBeDefined();
      const { items: assignments } = await apiGet<{ items: { className: string }[] }>(
        context,
        `/org/teaching-assignments?staffId=${me.user.staffId}&termId=${current?.id}&pageSize=500`,
      );
      const myClasses = new Set(assignments.map((a) => a.className));
      expect(myClasses.size).toBeGreaterThan(0);

      await openFromMenu(page, '/org/students');
      const total = await listTotal(page);
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThan(adminStudentTotal);

      // Every student shown sits in one of the teacher's classes (column 班级).
      const table = page.getByTestId('table-org-students');
      const headers = await table.locator('thead th').allTextContents();
      const classColumn = headers.indexOf('班级');
      expect(classColumn).toBeGreaterThanOrEqual(0);
      const rows = table.locator('tbody tr.ant-table-row');
      const count = await rows.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const className = await rows.nth(i).locator('td').nth(classColumn).textContent();
        expect(myClasses.has(className ?? '')).toBe(true);
      }

      // Nothing to change here: no import, no create, no row actions; the admin menus are hidden too.
      expect(await page.getByTestId('import-button').count()).toBe(0);
      expect(await page.getByTestId('create-button').count()).toBe(0);
      expect(await page.getByTestId('row-edit').count()).toBe(0);
      expect(await page.getByTestId('nav-admin-users').count()).toBe(0);
      expect(await page.getByTestId('nav-io-imports').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('switches to English and back, then signs out to the login page', async () => {
    const { page } = admin;
    await page.goto('/org/students');
    const sidebar = page.getByTestId('sidebar');
    await sidebar.getByText('学生', { exact: true }).waitFor();

    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await sidebar.getByText('Students', { exact: true }).waitFor();
    for (const label of ['Organisation', 'Regions', 'Schools', 'Accounts', 'Audit log']) {
      await sidebar.getByText(label, { exact: true }).waitFor();
    }
    expect(await sidebar.getByText('学生', { exact: true }).count()).toBe(0);

    // Back to Chinese: the choice is stored on the account, and later tests sign the admin in again.
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-zh-CN').click();
    await sidebar.getByText('学生', { exact: true }).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-logout').click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByTestId('login-username').waitFor();
    // Signed out for real: the session is gone on the server too.
    expect((await admin.context.request.get('/api/v1/auth/me')).status()).toBe(401);
  });
});
