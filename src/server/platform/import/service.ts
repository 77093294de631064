import { formatValue } from '../../../common/tabular/format.js';
import type { Db } from '../../db/pool.js';
import { audit } from '../audit.js';
import { dataChanged } from '../auth/cache.js';
import { resolveScope } from '../auth/scope.js';
import { loadUser } from '../auth/session.js';
import type { AuthContext } from '../auth/types.js';
import { AppError } from '../errors.js';
import type { FileStore } from '../files.js';
import type { Jobs } from '../jobs.js';
import { findDuplicateKeys, type ParsedRow, parseRows } from '../tabular/columns.js';
import { readTable, TabularError } from '../tabular/read.js';
import {
  type ImportContext,
  type ImportKind,
  type ImportSummary,
  importContextOf,
  importKind,
  type Progress,
  type RowError,
} from './kinds.js';

export const VALIDATE_QUEUE = 'import-validate';
export const COMMIT_QUEUE = 'import-commit';

/** How many errors a dry run keeps: enough to fix a file, not a megabyte of JSON. */
const MAX_ERRORS = 1000;

export interface ImportJobRef {
  countyId: number;
  jobId: number;
}

/** Stores the upload, records the job and queues its dry run. */
export async function startImport(
  db: Db,
  jobs: Jobs,
  files: FileStore,
  auth: AuthContext,
  kind: ImportKind,
  file: { name: string; content: Buffer },
  encoding: string,
) {
  const hash = await files.put(file.content);
  const job = await db
    .insertInto('import_jobs')
    .values({
      county_id: auth.user.countyId,
      user_id: auth.user.id,
      kind: kind.kind,
      status: 'queued',
      file_name: file.name,
      file_hash: hash,
      encoding,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await jobs.send(VALIDATE_QUEUE, { countyId: auth.user.countyId, jobId: job.id } satisfies ImportJobRef);
  return job.id;
}

/** Queues the commit of a job whose dry run passed. */
export async function requestCommit(db: Db, jobs: Jobs, auth: AuthContext, jobId: number) {
  const updated = await db
    .updateTable('import_jobs')
    .set({ status: 'committing', updated_at: new Date(), processed_rows: 0 })
    .where('county_id', '=', auth.user.countyId)
    .where('id', '=', jobId)
    .where('user_id', '=', auth.user.id)
    .where('status', '=', 'validated')
    .returning('id')
    .executeTakeFirst();
  if (!updated) {
    const job = await db
      .selectFrom('import_jobs')
      .select(['status', 'user_id'])
      .where('county_id', '=', auth.user.countyId)
      .where('id', '=', jobId)
      .executeTakeFirst();
    if (!job || job.user_id !== auth.user.id) throw new AppError(404, 'not_found');
    throw new AppError(409, 'conflict', 'import_not_ready', { status: job.status });
  }
  await jobs.send(COMMIT_QUEUE, { countyId: auth.user.countyId, jobId } satisfies ImportJobRef, {
    // No queue retries: an interrupted commit is detected by recover.ts and handed back to the user, so a late
    // retry can never race a commit the user started again.
    retryLimit: 0,
    expireInSeconds: 3600,
  });
}

/** The dry run: read, check every cell and row, plan; writes nothing but the job's own status. */
export async function runValidation(db: Db, files: FileStore, ref: ImportJobRef): Promise<void> {
  const job = await loadJob(db, ref);
  if (job?.status !== 'queued') return;
  await setJob(db, ref, { status: 'validating' });
  const result = await checkFile(db, files, job, progressOf(db, ref));
  if ('fatal' in result) {
    await setJob(db, ref, {
      status: 'invalid',
      errors: result.fatal,
      message: result.message ?? result.fatal[0]?.message ?? null,
    });
    return;
  }
  await setJob(db, ref, {
    status: result.errors.length > 0 ? 'invalid' : 'validated',
    errors: result.errors.slice(0, MAX_ERRORS),
    summary: result.summary,
    total_rows: result.total,
    processed_rows: result.total,
    message: result.errors.length > MAX_ERRORS ? `共 ${result.errors.length} 处错误，仅显示前 ${MAX_ERRORS} 处` : null,
  });
}

/**
 * The commit: checks the file again against the database as it is now (it may have changed since the dry
 * run) and writes everything in ONE transaction with its audit row — all rows or none. A crash mid-way rolls
 * back; the queue retries the job, and because rows are upserted on their natural keys a retry is safe.
 */
export async function runCommit(db: Db, files: FileStore, ref: ImportJobRef): Promise<void> {
  const job = await loadJob(db, ref);
  if (job?.status !== 'committing') return;
  try {
    const outcome = await db.transaction().execute(async (tx) => {
      // Progress is written through `db`, outside the transaction, so the user sees it while we work.
      const progress = progressOf(db, ref);
      const result = await checkFile(tx, files, job, async (n) => progress(Math.floor(n / 2)));
      // (the first half of the bar is the re-check, the second half the writing)
      if ('fatal' in result) return { errors: result.fatal };
      if (result.errors.length > 0) return { errors: result.errors };
      await result.kind.apply(
        tx,
        result.auth,
        result.items,
        async (n) => progress(Math.floor(result.total / 2 + n / 2)),
        result.ctx,
      );
      await audit(
        tx,
        { countyId: job.county_id, userId: job.user_id, username: result.auth.user.username },
        {
          action: 'import',
          entity: job.kind,
          entityId: job.id,
          after: { file: job.file_name, ...result.summary },
          summary: `导入${result.kind.label.zh}：新增 ${result.summary.create}，更新 ${result.summary.update}，未变 ${result.summary.unchanged}`,
        },
      );
      return { summary: result.summary, total: result.total };
    });
    if ('errors' in outcome && outcome.errors) {
      await setJob(db, ref, {
        status: 'failed',
        errors: outcome.errors.slice(0, MAX_ERRORS),
        message: '数据已变化，提交前复核未通过，未写入任何数据',
      });
    } else {
      dataChanged(ref.countyId); // imported classes or assignments may change scopes and totals
      await setJob(db, ref, { status: 'committed', summary: outcome.summary, processed_rows: outcome.total });
    }
  } catch (err) {
    await setJob(db, ref, { status: 'failed', message: `导入失败，未写入任何数据：${(err as Error).message}` });
  }
}

type JobRow = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

async function checkFile(
  db: Db,
  files: FileStore,
  job: JobRow,
  progress: Progress,
): Promise<
  | { fatal: RowError[]; message?: string }
  | {
      kind: ImportKind;
      ctx: ImportContext;
      auth: AuthContext;
      items: unknown[];
      errors: RowError[];
      summary: ImportSummary;
      total: number;
    }
> {
  const kind = importKind(job.kind);
  if (!kind) return { fatal: [{ row: 0, column: '', message: `未知的导入类型：${job.kind}` }] };
  const user = await loadUser(db, job.county_id, job.user_id);
  if (!user) return { fatal: [{ row: 0, column: '', message: '导入人账号不存在' }] };
  const auth: AuthContext = { user, csrfToken: '', tokenHash: '', scope: await resolveScope(db, user) };
  if (!kind.mayImport(auth)) return { fatal: [{ row: 0, column: '', message: '没有导入此类数据的权限' }] };
  const ctx = importContextOf(job.kind);
  const columns = kind.columnsFor ? await kind.columnsFor(db, auth, ctx) : kind.columns;
  if (typeof columns === 'string') return { fatal: [{ row: 0, column: '', message: columns }] };
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(await files.get(job.file_hash), job.file_name, {
      encoding: (job.encoding ?? 'auto') as 'auto' | 'utf-8' | 'gbk',
    });
  } catch (err) {
    if (err instanceof TabularError) return { fatal: fileErrors(err), message: err.message };
    throw err;
  }
  await progress(0, table.rows.length);
  const parsed = parseRows(table, columns);
  if (parsed.fatal) return { fatal: parsed.errors };
  const errors: RowError[] = [
    ...parsed.errors,
    ...findDuplicateKeys(shownKeys(parsed.rows, kind, columns), kind.keyColumns, columns),
  ];
  const badRows = new Set(errors.map((e) => e.row));
  const plan = await kind.plan(
    db,
    auth,
    parsed.rows.filter((r) => !badRows.has(r.rowNumber)),
    progress,
    ctx,
  );
  errors.push(...plan.errors);
  errors.sort((a, b) => a.row - b.row);
  return { kind, ctx, auth, items: plan.items, errors, summary: plan.summary, total: table.rows.length };
}

/**
 * The key cells of each row as the user wrote them (an enumeration's label: 学期“上学期”, 年级“三年级”, not its stored
 * value), so a duplicate key is named in the user's words. Labels map one-to-one to values: the same rows repeat.
 */
function shownKeys(rows: ParsedRow[], kind: ImportKind, columns: ImportKind['columns']): ParsedRow[] {
  const specs = kind.keyColumns.map((key) => columns.find((c) => c.key === key));
  return rows.map((r) => ({
    rowNumber: r.rowNumber,
    values: Object.fromEntries(
      kind.keyColumns.map((key, i) => [key, specs[i] ? formatValue(specs[i], r.values[key]) : r.values[key]]),
    ),
  }));
}

/**
 * A refused file as dry-run errors. Formulas and merged cells are listed one per cell or range, located by row and
 * column letter (the reader names up to 50; the job's message counts them all); any other refusal is one note.
 */
function fileErrors(err: TabularError): RowError[] {
  const located = err.cells
    .map((ref) => ({ ref, m: /^([A-Z]+)(\d+)/.exec(ref) }))
    .filter((c): c is { ref: string; m: RegExpExecArray } => c.m !== null);
  if ((err.code !== 'formula' && err.code !== 'merged_cells') || located.length === 0) {
    return [{ row: 0, column: '', message: err.message }];
  }
  return located.map(({ ref, m }) => ({
    row: Number(m[2]),
    column: m[1],
    message:
      err.code === 'formula' ? `单元格 ${ref} 含公式，请粘贴为数值后再导入` : `${ref} 为合并单元格，请取消合并后再导入`,
  }));
}

function loadJob(db: Db, ref: ImportJobRef) {
  return db
    .selectFrom('import_jobs')
    .selectAll()
    .where('county_id', '=', ref.countyId)
    .where('id', '=', ref.jobId)
    .executeTakeFirst();
}

async function setJob(
  db: Db,
  ref: ImportJobRef,
  values: Partial<{
    status: string;
    errors: RowError[];
    summary: ImportSummary;
    total_rows: number;
    processed_rows: number;
    message: string | null;
  }>,
) {
  const { errors, summary, ...rest } = values;
  await db
    .updateTable('import_jobs')
    .set({
      ...rest,
      ...(errors ? { errors: JSON.stringify(errors) } : {}),
      ...(summary ? { summary: JSON.stringify(summary) } : {}),
      updated_at: new Date(),
    })
    .where('county_id', '=', ref.countyId)
    .where('id', '=', ref.jobId)
    .execute();
}

/** A progress reporter that writes processed_rows at most every 500 ms (and total_rows when it is known). */
function progressOf(db: Db, ref: ImportJobRef): Progress {
  let last = 0;
  return async (done, total) => {
    if (total !== undefined) return setJob(db, ref, { total_rows: total, processed_rows: done });
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    await setJob(db, ref, { processed_rows: done });
  };
}
