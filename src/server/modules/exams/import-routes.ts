import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { AppError, badRequest } from '../../platform/errors.js';
import { authOf, sendFile } from '../../platform/http.js';
import { startImport } from '../../platform/import/service.js';
import { writeTemplate } from '../../platform/tabular/write.js';
import { examsPolicy, loadManagedExam } from './access.js';
import { examPaperKind, PAPER_COLUMNS } from './paper-import.js';
import { examScoresKind, examSubjectInfos, scoreColumns } from './score-import.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Params = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  what: Type.Union([Type.Literal('scores'), Type.Literal('paper')]),
});

/**
 * Uploads of an exam's scores and paper. The job is an ordinary import job of kind `exam-scores:<id>` /
 * `exam-paper:<id>`: the client follows it and commits it through /api/v1/io/imports/:jobId like any import.
 */
export function examImportRoutes(app: FastifyInstance) {
  const tags = ['exams'];

  app.post(
    '/:id/imports/:what',
    {
      config: { policy: examsPolicy.manageSome },
      schema: { tags, params: Params, response: { 200: Type.Object({ jobId: Type.Integer() }) } },
    },
    async (req) => {
      const auth = authOf(req);
      const { id, what } = req.params as { id: number; what: 'scores' | 'paper' };
      await loadManagedExam(app.db, auth, id);
      if (!app.jobs) throw new AppError(503, 'internal');
      let file: { name: string; content: Buffer } | undefined;
      let encoding = 'auto';
      for await (const part of req.parts()) {
        if (part.type === 'file') file = { name: part.filename, content: await part.toBuffer() };
        else if (part.fieldname === 'encoding') encoding = String(part.value);
      }
      if (!file || file.content.length === 0) throw badRequest('file_missing');
      if (!['auto', 'utf-8', 'gbk'].includes(encoding)) throw badRequest();
      const kind = what === 'scores' ? examScoresKind : examPaperKind;
      const jobId = await startImport(
        app.db,
        app.jobs,
        app.files,
        auth,
        { ...kind, kind: `${kind.kind}:${id}` } as never,
        file,
        encoding,
      );
      return { jobId };
    },
  );

  app.get(
    '/:id/template/:what',
    {
      config: { policy: examsPolicy.manageSome },
      schema: {
        tags,
        params: Params,
        querystring: Type.Object({
          format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')])),
          layout: Type.Optional(Type.Union([Type.Literal('wide'), Type.Literal('long')])),
        }),
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const { id, what } = req.params as { id: number; what: 'scores' | 'paper' };
      const { format = 'xlsx', layout = 'wide' } = req.query as { format?: 'xlsx' | 'csv'; layout?: 'wide' | 'long' };
      const exam = await loadManagedExam(app.db, auth, id);
      let columns = PAPER_COLUMNS;
      if (what === 'scores') {
        const subjects = await examSubjectInfos(app.db, auth.user.countyId, id);
        const all = scoreColumns(subjects);
        const wanted =
          layout === 'wide'
            ? [
                'studentNo',
                'name',
                ...subjects.flatMap((s) => [
                  `t:${s.id}`,
                  ...(s.scaled ? [`r:${s.id}`] : []),
                  ...s.items.map((it) => `i:${s.id}:${it.position}`),
                ]),
              ]
            : ['studentNo', 'name', 'subject', 'score', ...all.filter((c) => c.key.startsWith('l:')).map((c) => c.key)];
        columns = wanted.map((k) => all.find((c) => c.key === k)!).filter(Boolean);
      }
      const body = await writeTemplate(columns, { sheetName: what === 'scores' ? '成绩' : '细目表', format });
      const name = `${exam.name}${what === 'scores' ? '成绩' : '细目表'}导入模板.${format}`;
      return sendFile(reply, body, name, format === 'xlsx' ? XLSX : 'text/csv; charset=utf-8');
    },
  );
}
