import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../../platform/audit.js';
import type { AuthContext } from '../../platform/auth/types.js';
import { AppError, badRequest, notFound } from '../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { type ImportKind, importKind } from '../../platform/import/kinds.js';
import { requestCommit, startImport } from '../../platform/import/service.js';
import { paginate } from '../../platform/list.js';
import { writeTable, writeTemplate } from '../../platform/tabular/write.js';

const KindParams = Type.Object({ kind: Type.String({ pattern: '^[a-z-]{2,40}$' }) });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Format = Type.Union([Type.Literal('xlsx'), Type.Literal('csv')]);
const Encoding = Type.Union([Type.Literal('utf-8'), Type.Literal('gbk')]);

const Job = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  status: Type.String(),
  fileName: Type.String(),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), message: Type.String() })),
  summary: Type.Union([
    Type.Object({ create: Type.Integer(), update: Type.Integer(), unchanged: Type.Integer() }),
    Type.Null(),
  ]),
  message: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The kind named in the URL, or 404; route policies ask the kind who may import it. */
function kindOf(req: FastifyRequest): ImportKind {
  const kind = importKind((req.params as { kind: string }).kind);
  if (!kind)
    throw new AppError(404, 'not_found', 'import_kind_unknown', { kind: (req.params as { kind: string }).kind });
  return kind;
}
const mayImportKind = (auth: AuthContext, req: FastifyRequest) =>
  importKind((req.params as { kind: string }).kind)?.mayImport(auth) ?? true;

/** Imports (upload → dry run → commit, as background jobs), templates and exports of every importable table. */
export async function ioRoutes(app: FastifyInstance): Promise<void> {
  const tags = ['io'];

  app.get(
    '/:kind/template',
    {
      config: { policy: 'signedIn' },
      schema: { tags, params: KindParams, querystring: Type.Object({ format: Type.Optional(Format) }) },
    },
    async (req, reply) => {
      const kind = kindOf(req);
      const format = (req.query as { format?: 'xlsx' | 'csv' }).format ?? 'xlsx';
      const body = await writeTemplate(kind.columns, { sheetName: kind.sheetName, format });
      return sendFile(
        reply,
        body,
        `${kind.label.zh}导入模板.${format}`,
        format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8',
      );
    },
  );

  app.post(
    '/:kind/imports',
    {
      config: { policy: mayImportKind },
      schema: { tags, params: KindParams, response: { 200: Type.Object({ job: Job }) } },
    },
    async (req) => {
      const auth = authOf(req);
      const kind = kindOf(req);
      if (!app.jobs) throw new AppError(503, 'internal');
      let file: { name: string; content: Buffer } | undefined;
      let encoding = 'auto';
      for await (const part of req.parts()) {
        if (part.type === 'file') file = { name: part.filename, content: await part.toBuffer() };
        else if (part.fieldname === 'encoding') encoding = String(part.value);
      }
      if (!file || file.content.length === 0) throw badRequest('file_missing');
      if (!['auto', 'utf-8', 'gbk'].includes(encoding)) throw badRequest();
      const id = await startImport(app.db, app.jobs, app.files, auth, kind, file, encoding);
      return { job: await jobOf(auth, id) };
    },
  );

  app.get(
    '/imports',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        querystring: Type.Object({
          page: Type.Optional(Type.Integer({ minimum: 1 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Job), total: Type.Integer() }) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const params = { ...(req.query as { page?: number; pageSize?: number }), order: 'desc' as const };
      const page = await paginate(jobsQuery(auth), params, { createdAt: 'created_at' }, 'createdAt', 'id');
      return { items: page.items.map(toJob), total: page.total };
    },
  );

  app.get(
    '/imports/:id',
    {
      config: { policy: 'signedIn' },
      schema: { tags, params: IdParams, response: { 200: Type.Object({ job: Job }) } },
    },
    async (req) => ({ job: await jobOf(authOf(req), (req.params as { id: number }).id) }),
  );

  app.post(
    '/imports/:id/commit',
    {
      config: { policy: 'signedIn' },
      schema: { tags, params: IdParams, response: { 200: Type.Object({ job: Job }) } },
    },
    async (req) => {
      const auth = authOf(req);
      if (!app.jobs) throw new AppError(503, 'internal');
      const id = (req.params as { id: number }).id;
      await requestCommit(app.db, app.jobs, auth, id);
      return { job: await jobOf(auth, id) };
    },
  );

  app.get(
    '/:kind/export',
    {
      config: { policy: 'signedIn' },
      schema: {
        tags,
        params: KindParams,
        querystring: Type.Object(
          { format: Type.Optional(Format), encoding: Type.Optional(Encoding) },
          { additionalProperties: true },
        ),
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const kind = kindOf(req);
      const { format = 'xlsx', encoding = 'utf-8', ...filters } = req.query as Record<string, string>;
      const rows = await kind.exportRows(app.db, auth, filters);
      const body = await writeTable(kind.columns, rows, {
        format: format as 'xlsx' | 'csv',
        encoding: encoding as 'utf-8' | 'gbk',
        sheetName: kind.sheetName,
      });
      // PIPL: every export of registry data is logged with what was exported and how many rows.
      await audit(app.db, actorOf(req), {
        action: 'export',
        entity: kind.kind,
        after: { format, encoding, filters, rows: rows.length },
        summary: `导出${kind.label.zh} ${rows.length} 行`,
      });
      const csvType = encoding === 'gbk' ? 'text/csv; charset=gbk' : 'text/csv; charset=utf-8';
      return sendFile(reply, body, `${kind.label.zh}.${format}`, format === 'xlsx' ? XLSX : csvType);
    },
  );

  function jobsQuery(auth: AuthContext) {
    return app.db
      .selectFrom('import_jobs')
      .selectAll()
      .where('county_id', '=', auth.user.countyId)
      .where('user_id', '=', auth.user.id);
  }

  async function jobOf(auth: AuthContext, id: number) {
    const row = await jobsQuery(auth).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    return toJob(row);
  }
}

type JobRow = {
  id: number;
  kind: string;
  status: string;
  file_name: string;
  total_rows: number;
  processed_rows: number;
  errors: unknown;
  summary: unknown;
  message: string | null;
  created_at: Date;
  updated_at: Date;
};
function toJob(r: JobRow) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    fileName: r.file_name,
    totalRows: r.total_rows,
    processedRows: r.processed_rows,
    errors: (r.errors as { row: number; column: string; message: string }[]) ?? [],
    summary: (r.summary as { create: number; update: number; unchanged: number } | null) ?? null,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
