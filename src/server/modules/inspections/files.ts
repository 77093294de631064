import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { audit } from '../../platform/audit.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { actorOf, authOf } from '../../platform/http.js';
import { mayRead, seesSchool } from './access.js';
import { invalid } from './messages.js';
import { rulesOf } from './settings.js';

/**
 * The kind of an uploaded file from its first bytes (never from the name or the browser's type alone): photos
 * (JPEG, PNG, WEBP, HEIC from iPhones) and documents (PDF, Office files). Anything else is refused.
 */
export function sniffEvidence(b: Buffer, name: string): string | null {
  const ascii = (from: number, to: number) => b.subarray(from, to).toString('latin1');
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && /^(heic|heix|mif1|msf1)$/.test(ascii(8, 12))) return 'image/heic';
  if (ascii(0, 5) === '%PDF-') return 'application/pdf';
  const lower = name.toLowerCase();
  if (ascii(0, 4) === 'PK\u0003\u0004') {
    if (lower.endsWith('.docx')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (lower.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  if (b.length >= 4 && b.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    if (lower.endsWith('.doc')) return 'application/msword';
    if (lower.endsWith('.xls')) return 'application/vnd.ms-excel';
  }
  return null;
}

/** Evidence uploads (photos from the phone's camera, documents) into the FileStore, for one school. */
export function fileRoutes(app: FastifyInstance) {
  const tags = ['inspections'];

  app.post(
    '/files',
    {
      config: { policy: mayRead },
      schema: { tags, querystring: Type.Object({ schoolId: Type.Integer({ minimum: 1 }) }) },
    },
    async (req) => {
      const auth = authOf(req);
      const actor = actorOf(req);
      const schoolId = (req.query as { schoolId: number }).schoolId;
      if (!seesSchool(auth, schoolId)) throw forbidden();
      const file = await req.file();
      if (!file) throw invalid(auth, 'upload_empty');
      const content = await file.toBuffer();
      if (content.length === 0) throw invalid(auth, 'upload_empty');
      const rules = await rulesOf(app.db, auth.user.countyId);
      if (content.length > rules.maxUploadBytes) {
        throw invalid(auth, 'upload_size', {
          size: (content.length / 1048576).toFixed(1),
          limit: Math.round(rules.maxUploadBytes / 1048576),
        });
      }
      const mime = sniffEvidence(content, file.filename);
      if (!mime) throw invalid(auth, 'upload_type', { type: file.mimetype || file.filename });
      const hash = await app.files.put(content);
      return app.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('insp_files')
          .values({
            county_id: auth.user.countyId,
            school_id: schoolId,
            hash,
            name: file.filename.slice(0, 200),
            mime,
            size: content.length,
            uploaded_by: auth.user.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, actor, {
          action: 'create',
          entity: 'insp_file',
          entityId: row.id,
          after: { schoolId, name: file.filename, mime, size: content.length },
        });
        return { id: row.id, name: file.filename, mime, size: content.length };
      });
    },
  );

  app.get(
    '/files/:id',
    { config: { policy: mayRead }, schema: { tags, params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } },
    async (req, reply) => {
      const auth = authOf(req);
      const row = await app.db
        .selectFrom('insp_files')
        .selectAll()
        .where('county_id', '=', auth.user.countyId)
        .where('id', '=', (req.params as { id: number }).id)
        .executeTakeFirst();
      if (!row) throw notFound();
      if (!seesSchool(auth, row.school_id)) throw forbidden();
      const body = await app.files.get(row.hash);
      return reply
        .header('content-type', row.mime)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(row.name)}`)
        .header('cache-control', 'private, max-age=86400')
        .send(body);
    },
  );
}
