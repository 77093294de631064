import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { type Static, Type } from 'typebox';
import { neutralizeFormula } from '../../../common/tabular/neutralize.js';
import { audit } from '../../platform/audit.js';
import { forbidden } from '../../platform/errors.js';
import { actorOf, authOf, sendFile } from '../../platform/http.js';
import { visibleCampaign } from './campaigns.js';
import { hashCode, newCode, printedCode } from './codes.js';
import { invalid } from './messages.js';
import { surveysPolicy } from './policy.js';
import { type UnitRow, unitName, visibleUnits } from './units.js';

/**
 * Printables: QR posters of the open links (one A4 page per class, for the classroom door or the parents' group)
 * and roster slips (one cut-out slip per family with its single-use code). Both are self-contained HTML the
 * browser prints; the QR codes are inline SVG. Roster codes exist only in the slips' HTML: the database keeps
 * their hashes, so slips cannot be printed twice — issuing again replaces a class's unused codes.
 */
const Id = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const TokensBody = Type.Object({
  unitIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 5000 })),
  /** html: printable slips with QR codes; csv: 学校, 班级, 填写码, 链接 for a mail merge into parents' messages. */
  format: Type.Optional(Type.Union([Type.Literal('html'), Type.Literal('csv')])),
});

/** Most codes one request makes (a county's census is issued school by school). */
export const MAX_CODES_PER_REQUEST = 60_000;

/** The public page's address as the requester reaches this server. */
export function publicBase(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}/s/`;
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

function page(title: string, css: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0}${css}
@media print{.noprint{display:none}}</style></head><body>
<p class="noprint" style="padding:8px;background:#fffbe6">${esc(title)} —— 请用浏览器打印（Ctrl+P）。</p>${body}</body></html>`;
}

/** A CSV cell: quoted when needed, and neutralised against spreadsheet formulas. */
const csvCell = (v: string) => {
  const x = neutralizeFormula(v);
  return /[",\r\n]/.test(x) ? `"${x.replaceAll('"', '""')}"` : x;
};

async function qr(text: string, size: number): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, width: size, errorCorrectionLevel: 'M' });
}

export function printRoutes(app: FastifyInstance) {
  app.get(
    '/campaigns/:id/posters',
    { config: { policy: surveysPolicy.read }, schema: { tags: ['surveys'], params: Id } },
    async (req, reply) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const c = await visibleCampaign(app.db, auth, id);
      if (c.mode !== 'open') throw invalid(auth, 'tokens_open_mode');
      const units = await visibleUnits(app.db, auth, id);
      const base = publicBase(req);
      const pages: string[] = [];
      for (const u of units) {
        const url = `${base}?c=${u.linkCode}`;
        pages.push(`<section class="poster"><h1>${esc(c.title)}</h1><h2>${esc(unitName(u))}</h2>
${await qr(url, 360)}<p class="how">请家长用微信扫一扫，匿名填写，约 3 分钟</p>
<p class="url">${esc(url)}</p><p class="until">截止：${esc(c.closesAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }))}</p></section>`);
      }
      const css = `.poster{page-break-after:always;text-align:center;padding:40px 20px}.poster h1{font-size:32px}
.poster h2{font-size:26px;font-weight:normal}.how{font-size:22px}.url{font-family:monospace;color:#555}`;
      return sendFile(
        reply,
        Buffer.from(page(`${c.title} 二维码海报`, css, pages.join('\n'))),
        `${c.title}-二维码海报.html`,
        'text/html; charset=utf-8',
      );
    },
  );

  // Issues roster codes: one per eligible family of each chosen unit (all units the caller manages by default),
  // replacing the unit's unused codes; used ones stay used (those families have answered).
  app.post(
    '/campaigns/:id/tokens',
    { config: { policy: surveysPolicy.design }, schema: { tags: ['surveys'], params: Id, body: TokensBody } },
    async (req, reply) => {
      const auth = authOf(req);
      const { id } = req.params as Static<typeof Id>;
      const c = await visibleCampaign(app.db, auth, id);
      if (c.mode !== 'tokens') throw invalid(auth, 'tokens_open_mode');
      const { unitIds, format } = req.body as Static<typeof TokensBody>;
      const all = await visibleUnits(app.db, auth, id);
      const chosen = unitIds ? all.filter((u) => unitIds.includes(u.id)) : all;
      if (unitIds && chosen.length !== unitIds.length) throw invalid(auth, 'unit_not_found');
      if (chosen.some((u) => !surveysPolicy.manageSchools(auth, [u.schoolId]))) throw forbidden();
      if (chosen.reduce((n, u) => n + u.eligible, 0) > MAX_CODES_PER_REQUEST)
        throw invalid(auth, 'tokens_too_many', { max: MAX_CODES_PER_REQUEST });
      const slips = await issueTokens(app, auth.user.countyId, c.id, chosen);
      await audit(app.db, actorOf(req), {
        action: 'create',
        entity: 'survey_tokens',
        entityId: c.id,
        summary: `${slips.total} codes for ${chosen.length} units`,
      });
      const base = publicBase(req);
      if (format === 'csv') {
        const lines = ['学校,班级,填写码,链接'];
        for (const { unit, codes } of slips.byUnit)
          for (const code of codes)
            lines.push(
              `${csvCell(unit.schoolName)},${csvCell(unit.className ?? '')},${printedCode(code)},${base}?t=${code}`,
            );
        return sendFile(
          reply,
          Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`),
          `${c.title}-填写码.csv`,
          'text/csv; charset=utf-8',
        );
      }
      const body: string[] = [];
      for (const { unit, codes } of slips.byUnit) {
        for (const code of codes) {
          body.push(`<div class="slip">${await qr(`${base}?t=${code}`, 110)}<div><b>${esc(c.title)}</b><br>${esc(unitName(unit))}<br>
填写码：<span class="code">${printedCode(code)}</span><br><small>扫码或打开 ${esc(base)} 输入填写码；每户一码，仅能使用一次，匿名</small></div></div>`);
        }
      }
      const css = `.slip{display:flex;gap:10px;align-items:center;border:1px dashed #999;padding:8px;margin:4px;width:46%;
float:left;box-sizing:border-box;page-break-inside:avoid;font-size:13px}.code{font:bold 18px monospace;letter-spacing:1px}`;
      return sendFile(
        reply,
        Buffer.from(page(`${c.title} 一次性填写码（仅显示这一次）`, css, body.join('\n'))),
        `${c.title}-填写码.html`,
        'text/html; charset=utf-8',
      );
    },
  );
}

/** Replaces the unused codes of each unit by fresh ones: eligible − used codes per unit; returns the plain codes. */
export async function issueTokens(
  app: FastifyInstance,
  countyId: number,
  campaignId: number,
  units: readonly Pick<UnitRow, 'id' | 'eligible' | 'schoolName' | 'className'>[],
) {
  const byUnit: { unit: (typeof units)[number]; codes: string[] }[] = [];
  let total = 0;
  await app.db.transaction().execute(async (tx) => {
    for (const unit of units) {
      await tx
        .deleteFrom('survey_tokens')
        .where('county_id', '=', countyId)
        .where('unit_id', '=', unit.id)
        .where('used', '=', false)
        .execute();
      const used = await tx
        .selectFrom('survey_tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('county_id', '=', countyId)
        .where('unit_id', '=', unit.id)
        .executeTakeFirstOrThrow();
      const n = Math.max(0, unit.eligible - Number(used.n));
      const codes = Array.from({ length: n }, newCode);
      total += n;
      for (let i = 0; i < codes.length; i += 5000) {
        await tx
          .insertInto('survey_tokens')
          .values(
            codes.slice(i, i + 5000).map((code) => ({
              county_id: countyId,
              code_hash: hashCode(code),
              campaign_id: campaignId,
              unit_id: unit.id,
            })),
          )
          .execute();
      }
      byUnit.push({ unit, codes });
    }
  });
  return { byUnit, total };
}
