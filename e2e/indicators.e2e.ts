/**
 * 方案与指标 in a real browser, one full loop as the bureau (局领导): create a plan with one goal bound to the exam
 * module's pass rate (`exams.passRate`), see the goal grey before any matching exam, import a score file as the
 * county's 教研员 so it turns green on the 挂图作战 board, export the 总结 as Word and find the pass rate with its
 * footnote naming the exam.
 *
 * The goal's indicator is made here (a library entry bound to `exams.passRate` for 抽测 of grade 5, 语文) rather than a
 * seeded one, so no demo exam matches before the import. The hand-entered path (evidence + approval) is covered by
 * the API test in src/server/modules/indicators/indicators.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
interface Row {
  id: number;
  studentNo: string;
  schoolId: number;
}

const GOAL = { code: 'e2e-g5-chinese-pass-rate', name: 'E2E 五年级语文抽测及格率' };
const EXAM = '五年级语文抽测（方案浏览器测试）';

async function api<T>(ctx: BrowserContext, method: 'GET' | 'POST', url: string, csrf: string, data?: unknown) {
  const res = await ctx.request.fetch(`/api/v1${url}`, { method, data, headers: { 'x-csrf-token': csrf } });
  expect(res.ok(), `${method} ${url} → ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

async function signIn(p: Page, user: string): Promise<void> {
  await p.goto('/login');
  await p.getByTestId('login-username').fill(user);
  await p.getByTestId('login-password').fill('Demo@2025');
  await p.getByTestId('login-submit').click();
  await p.getByTestId('sidebar').waitFor();
  await p.waitForLoadState('networkidle');
}

/**
 * As the 教研员: a grade-5 语文 抽测 of one school, every student scoring 90 of 100 (pass rate 100%), imported through
 * the exams page; resolves once the analysis job has finished.
 */
async function importExamScores(schoolId: number, students: Row[]): Promise<void> {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const p = await ctx.newPage();
  p.setDefaultTimeout(30_000);
  await signIn(p, 'researcher');
  const { csrfToken } = await api<{ csrfToken: string }>(ctx, 'GET', '/auth/me', '');
  const terms = await api<{ items: { id: number; isCurrent: boolean }[] }>(ctx, 'GET', '/org/terms', csrfToken);
  const subjects = await api<{ items: { id: number; name: string }[] }>(ctx, 'GET', '/org/subjects?pageSize=100', '');
  const exam = await api<{ id: number }>(ctx, 'POST', '/exams', csrfToken, {
    name: EXAM,
    kind: 'sampling',
    termId: terms.items.find((t) => t.isCurrent)!.id,
    gradeLevel: 5,
    schoolIds: [schoolId],
    subjects: [{ subjectId: subjects.items.find((s) => s.name === '语文')!.id, fullMarks: 100 }],
  });
  const file = path.join(tmp, 'scores.csv');
  writeFileSync(file, ['学籍号,语文', ...students.map((s) => `${s.studentNo},90`)].join('\n'));
  // The demo's exams are analysed by the worker right after the first start; let those runs finish first.
  await expect
    .poll(
      async () =>
        (await api<{ items: { analysisStatus: string }[] }>(ctx, 'GET', '/exams', csrfToken)).items.filter((e) =>
          ['queued', 'running'].includes(e.analysisStatus),
        ).length,
      { timeout: 120_000, interval: 1000 },
    )
    .toBe(0);
  await p.goto('/exams');
  await p.getByTestId(`exam-import-${exam.id}`).click();
  await p.getByTestId('exam-import-file').setInputFiles(file);
  await p.getByTestId('import-commit').click();
  await p.getByTestId('import-committed').waitFor();
  await p.getByTestId('import-done').click();
  await p.getByTestId(`exam-open-${exam.id}`).click();
  await expect
    .poll(async () => p.getByTestId('exam-analysis-status').textContent(), { timeout: 60_000 })
    .toBe('已完成');
  await ctx.close();
}

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
  it('binds a goal to the exam pass rate, sees it turn green after a score import, and exports the 总结', async () => {
    await signIn(page, 'leader');
    const { csrfToken } = await api<{ csrfToken: string }>(context, 'GET', '/auth/me', '');

    const periods = (await api<{ items: Period[] }>(context, 'GET', '/indicators/periods', '')).items;
    const today = new Date().toISOString().slice(0, 10);
    const year = periods.find((p) => p.kind === 'school_year' && p.startDate <= today && p.endDate >= today) as Period;
    // One school's grade 5 (at least 10 students), named as the goal's unit.
    const students = await api<{ items: Row[] }>(
      context,
      'GET',
      '/org/students?gradeLevel=5&status=active&pageSize=500',
      '',
    );
    const bySchool = new Map<number, Row[]>();
    for (const s of students.items) bySchool.set(s.schoolId, [...(bySchool.get(s.schoolId) ?? []), s]);
    const [schoolId, rows] = [...bySchool.entries()].find(([, r]) => r.length >= 10)!;
    const schools = await api<{ items: { id: number; name: string }[] }>(
      context,
      'GET',
      '/org/schools?pageSize=500',
      '',
    );
    const school = schools.items.find((s) => s.id === schoolId)!;

    await api(context, 'POST', '/indicators/library', csrfToken, {
      code: GOAL.code,
      name: GOAL.name,
      unit: 'percent',
      direction: 'higher',
      level: 'school',
      definition: '五年级语文抽测及格人数 ÷ 参考人数（浏览器测试）',
      sourceKey: 'exams.passRate',
      params: { examKind: 'sampling', gradeLevel: 5 },
    });

    await openFromMenu('/indicators/plans');
    await page.getByTestId('create-plan').click();
    await page.getByTestId('plan-title').fill('E2E 教学质量提升年活动');
    await page.getByLabel('开始日期').fill(year.startDate);
    await page.keyboard.press('Enter');
    await page.getByLabel('结束日期').fill(year.endDate);
    await page.keyboard.press('Enter');
    await page.getByTestId('plan-ok').click();
    await page.getByTestId('plan-heading').filter({ hasText: 'E2E 教学质量提升年活动' }).waitFor();

    await page.getByRole('tab', { name: '目标' }).click();
    await page.getByTestId('add-goal').click();
    await pick('goal-indicator', GOAL.code);
    await pick('goal-unit', school.name);
    await pick('goal-period', year.name);
    await page.getByTestId('goal-target').fill('0.9');
    await page.getByTestId('goal-ok').click();
    await page.getByTestId('goal-ok').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '挂图作战' }).click();
    await expect.poll(() => page.getByTestId(`goal-status-${GOAL.code}`).getAttribute('data-status')).toBe('grey');

    await importExamScores(schoolId, rows);

    // Storing the analysis forgets the cached values of exam indicators: the board reads the new pass rate.
    await page.reload();
    await page.getByRole('tab', { name: '挂图作战' }).click();
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
    expect(doc.footnotes).toContain(EXAM);
    expect(doc.footnotes).toMatch(/来源：考试 \d+：.+指标来源 exams\.passRate.+计算于 \d{4}-\d{2}-\d{2}/);
  });
});
