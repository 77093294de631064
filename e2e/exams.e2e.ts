/**
 * 学业质量监测 in a real browser against the real server (demo county): the county's 教研员 imports a small score file
 * for an exam, sees the county overview once the analysis job has run, drills down to a school, a class and one
 * student's report, and downloads the overview as Excel.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

const base = inject('baseUrl');
let browser: Browser;
let tmp: string;

beforeAll(async () => {
  browser = await launchBrowser();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tisheng-e2e-exams-'));
});
afterAll(async () => {
  await browser?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Row {
  id: number;
  studentNo: string;
  schoolId: number;
  classId: number;
}

async function api<T>(
  context: BrowserContext,
  method: 'GET' | 'POST',
  url: string,
  csrf: string,
  data?: unknown,
): Promise<T> {
  const res = await context.request.fetch(`/api/v1${url}`, { method, data, headers: { 'x-csrf-token': csrf } });
  expect(res.ok(), `${method} ${url} → ${res.status()} ${await res.text()}`).toBe(true);
  return (await res.json()) as T;
}

it('imports scores, shows the county overview, drills down to a student and exports Excel', async () => {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
    locale: 'zh-CN',
  });
  const page: Page = await context.newPage();
  page.setDefaultTimeout(30_000);

  await page.goto('/login');
  await page.getByTestId('login-username').fill('researcher');
  await page.getByTestId('login-password').fill('Demo@2025');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('sidebar').waitFor();
  await page.waitForLoadState('networkidle');
  const { csrfToken } = await api<{ csrfToken: string }>(context, 'GET', '/auth/me', '');

  // An exam of two schools' grade 5 (set up through the API; the browser does the import and the reports).
  const students = await api<{ items: Row[] }>(
    context,
    'GET',
    '/org/students?gradeLevel=5&status=active&pageSize=500',
    csrfToken,
  );
  const bySchool = new Map<number, Row[]>();
  for (const s of students.items) bySchool.set(s.schoolId, [...(bySchool.get(s.schoolId) ?? []), s]);
  const [a, b] = [...bySchool.entries()].filter(([, rows]) => rows.length >= 10).slice(0, 2);
  const terms = await api<{ items: { id: number; isCurrent: boolean }[] }>(context, 'GET', '/org/terms', csrfToken);
  const subjects = await api<{ items: { id: number; name: string }[] }>(
    context,
    'GET',
    '/org/subjects?pageSize=100',
    csrfToken,
  );
  const yuwen = subjects.items.find((s) => s.name === '语文')!.id;
  const exam = await api<{ id: number }>(context, 'POST', '/exams', csrfToken, {
    name: '五年级语文抽测（浏览器测试）',
    kind: 'sampling',
    termId: terms.items.find((t) => t.isCurrent)!.id,
    gradeLevel: 5,
    schoolIds: [a[0], b[0]],
    subjects: [{ subjectId: yuwen, fullMarks: 100 }],
  });
  const rows = [...a[1], ...b[1]];
  const csv = ['学籍号,语文', ...rows.map((s, i) => `${s.studentNo},${i === 0 ? '缺考' : 40 + ((i * 37) % 61)}`)].join(
    '\n',
  );
  const file = path.join(tmp, 'scores.csv');
  writeFileSync(file, csv);

  // The demo's exams are analysed by the worker right after the first start; let those runs finish first.
  await expect
    .poll(
      async () =>
        (await api<{ items: { analysisStatus: string }[] }>(context, 'GET', '/exams', csrfToken)).items.filter((e) =>
          ['queued', 'running'].includes(e.analysisStatus),
        ).length,
      { timeout: 120_000, interval: 1000 },
    )
    .toBe(0);
  // (the exam was made after the sign-in landed on this page: load it afresh)
  await page.goto('/exams');
  await page.getByTestId(`exam-import-${exam.id}`).click();
  await page.getByTestId('exam-import-file').setInputFiles(file);
  await page.getByTestId('import-commit').click();
  await page.getByTestId('import-committed').waitFor();
  await page.getByTestId('import-done').click();

  // The analysis job runs; the report opens when it is done.
  await page.getByTestId(`exam-open-${exam.id}`).click();
  await expect
    .poll(async () => page.getByTestId('exam-analysis-status').textContent(), { timeout: 60_000 })
    .toBe('已完成');
  const overview = page.getByTestId('overview-table');
  await overview.getByTestId(`unit-${a[0]}`).waitFor();
  await overview.getByTestId(`unit-${b[0]}`).waitFor();

  // Excel of the overview.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-overview').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

  // Drill down: school → class → the students → one student's report.
  await overview.getByTestId(`unit-${a[0]}`).click();
  const classId = a[1][1].classId;
  await page.getByTestId('school-table').getByTestId(`unit-${classId}`).click();
  await page.getByTestId('class-table').waitFor();
  const student = a[1].find((s, i) => i > 0 && s.classId === classId)!;
  await page.getByTestId('student-rows').getByTestId(`student-${student.id}`).click();
  await expect.poll(async () => page.getByTestId('student-report').textContent()).toContain(student.studentNo);
  await context.close();
});
