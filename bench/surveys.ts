import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { httpSession } from '../e2e/http.js';
import { percentile, startServer } from '../e2e/server.js';
import type { BenchResult } from './result.js';

/**
 * Issue 5, "Load and bad input": a campaign of the demo county's families (one single-use code each, ≈40,000)
 * answering through the public endpoint over loopback, first with 50 then with 200 concurrent clients (half the
 * families each). Clients come from many loopback addresses (127.x.y.z; a new keep-alive connection from a fresh
 * address every 20 families), so the per-client limit sees what it would in the field. Besides the first submissions, 1% of
 * families resend theirs (same nonce: a reply lost on the way back) and 1% try their used code again with a new
 * answer; both must store nothing.
 *
 * Judged by: durable submissions/s (each 201 is committed) ≥ 2,000 → budget 0.5 ms per submission; p99 < 200 ms;
 * lost or duplicated = |answers in the database − accepted| + accepted resends/reuses = 0. Also prints the ratio
 * to a bare Fastify endpoint that does no work, under the same client at 200 concurrency.
 */
const TARGET_PER_S = 2000;
const P99_BUDGET_MS = 200;
/** Results page of the 40,000-family campaign, with and without a previous campaign (issue 5 perf follow-up). */
const RESULTS_BUDGET_MS = 300;

/** `--families=N`: use only the first N family codes (a quicker run while developing; the judged run uses all). */
function familiesOption(): number {
  const arg = process.argv.find((a) => a.startsWith('--families='));
  const n = arg ? Number(arg.slice('--families='.length)) : Number.POSITIVE_INFINITY;
  if (!(n > 0)) throw new Error('--families=N needs a positive number');
  return n;
}

interface Outcome {
  status: number;
  ms: number;
}

let addressSeq = 0;
/** A fresh loopback address per family: 127.1.0.1 … (never .0 or .255). */
function nextAddress(): string {
  const n = addressSeq++;
  return `127.${1 + Math.floor(n / 64_516)}.${Math.floor(n / 254) % 254}.${(n % 254) + 1}`;
}

/**
 * A client's connection: kept alive for FAMILIES_PER_CONNECTION submissions (phones behind one school Wi-Fi reuse
 * a NAT address for a while), then replaced by one from a fresh address — so no address exceeds the per-client limit.
 */
const FAMILIES_PER_CONNECTION = 20;
class Client {
  private agent: http.Agent | null = null;
  private used = 0;
  connection(): http.Agent {
    if (!this.agent || this.used >= FAMILIES_PER_CONNECTION) {
      this.agent?.destroy();
      this.agent = new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: nextAddress() } as http.AgentOptions);
      this.used = 0;
    }
    this.used++;
    return this.agent;
  }
  close() {
    this.agent?.destroy();
  }
}

function post(base: URL, path: string, body: string, client: Client): Promise<Outcome> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        path,
        method: 'POST',
        agent: client.connection(),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end(body);
  });
}

/** Runs `jobs` with `concurrency` workers; returns the outcomes and the wall time. */
async function run<T>(jobs: T[], concurrency: number, send: (job: T, client: Client) => Promise<Outcome>) {
  const out: Outcome[] = new Array(jobs.length);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      const client = new Client();
      for (let i = next++; i < jobs.length; i = next++) out[i] = await send(jobs[i], client);
      client.close();
    }),
  );
  return { out, seconds: (performance.now() - t0) / 1000 };
}

const dims = (v: string) => ({ ethics: v, teaching: v, burden: '基本满意', service: v, safety: v });
function answersFor(i: number) {
  const scale = ['满意', '满意', '基本满意', '不满意', '不了解'];
  const overall = scale[i % 5];
  return {
    overall,
    dims: dims(scale[(i * 7) % 4]),
    homework: 30 + (i % 90),
    ...(overall === '不满意' ? { unsatisfied_reason: '作业太多' } : {}),
    ...(i % 13 === 0 ? { comment: '<b>希望</b>食堂饭菜再丰富一些' } : {}),
  };
}

/** A bare Fastify server in its own process: one POST route that reads the body and answers, nothing else. */
async function bareFastify(): Promise<{ base: URL; stop: () => void }> {
  const code = `const app=require('fastify')({logger:false});app.post('/x',async()=>({ok:true}));app.listen({port:0,host:'127.0.0.1'}).then(a=>console.log(a));`;
  const child: ChildProcess = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<string>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())),
  );
  return { base: new URL(address), stop: () => child.kill() };
}

export async function benchSurveys(): Promise<BenchResult[]> {
  const server = await startServer();
  try {
    const admin = await httpSession(server.base, 'admin', server.adminPassword);
    const scope = await admin.json<{ schools: { id: number }[] }>('GET', '/api/v1/org/scope');
    const defs = await admin.json<{ items: { id: number; templateKey: string }[] }>(
      'GET',
      '/api/v1/surveys/definitions',
    );
    const survey = defs.items.find((d) => d.templateKey === 'parent')!;
    const campaign = await admin.json<{ id: number; units: number }>('POST', '/api/v1/surveys/campaigns', {
      surveyId: survey.id,
      title: '压测：家长满意度（一户一码）',
      schoolIds: scope.schools.map((s) => s.id),
      mode: 'tokens',
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const t0 = performance.now();
    const csv = await fetch(`${server.base}/api/v1/surveys/campaigns/${campaign.id}/tokens`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        'content-type': 'application/json',
        'x-csrf-token': await csrf(server.base, admin.cookie),
      },
      body: JSON.stringify({ format: 'csv' }),
    });
    const codes = (await csv.text())
      .split('\r\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => l.split(',')[2].replace('-', ''))
      .slice(0, familiesOption());
    console.log(
      `surveys: ${codes.length} family codes issued for ${campaign.units} classes in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const base = new URL(server.base);
    const path = '/api/v1/surveys/public/responses';
    const families = codes.map((t, i) => ({ t, nonce: randomUUID(), i }));
    const submit = (f: (typeof families)[number], client: Client) =>
      post(base, path, JSON.stringify({ t: f.t, nonce: f.nonce, answers: answersFor(f.i) }), client);
    // Warm-up: 500 families (JIT, pools, caches); they count like the others.
    const warm = await run(families.slice(0, 500), 50, submit);
    const half = Math.floor((families.length - 500) / 2);
    const phases = [
      { concurrency: 50, jobs: families.slice(500, 500 + half) },
      { concurrency: 200, jobs: families.slice(500 + half) },
    ];
    const results = [];
    for (const p of phases) {
      const r = await run(p.jobs, p.concurrency, submit);
      const ms = r.out.map((o) => o.ms).sort((a, b) => a - b);
      const accepted = r.out.filter((o) => o.status === 201).length;
      results.push({
        ...p,
        ...r,
        accepted,
        p50: percentile(ms, 50),
        p99: percentile(ms, 99),
        perS: accepted / r.seconds,
      });
    }
    // Resends (same nonce) and reuses (new nonce) of 1% of families each: nothing may be stored.
    const sample = families.filter((_, i) => i % 100 === 0);
    const resent = await run(sample, 50, submit);
    const reused = await run(sample, 50, (f, client) =>
      post(base, path, JSON.stringify({ t: f.t, nonce: randomUUID(), answers: answersFor(f.i) }), client),
    );

    const accepted = warm.out.filter((o) => o.status === 201).length + results.reduce((n, r) => n + r.accepted, 0);
    const refusedOther = [...warm.out, ...results.flatMap((r) => r.out)].filter((o) => o.status !== 201);
    const detail = await admin.json<{ total: { respondents: number } }>(
      'GET',
      `/api/v1/surveys/campaigns/${campaign.id}`,
    );
    const stored = detail.total.respondents;
    const wronglyAccepted =
      resent.out.filter((o) => o.status === 201).length + reused.out.filter((o) => o.status < 300).length;
    const resendOk = resent.out.filter((o) => o.status === 200).length;
    const reuseRefused = reused.out.filter((o) => o.status === 409).length;
    const lostOrDuplicated = Math.abs(stored - accepted) + wronglyAccepted;

    // Results page: first request after the last answer (computed), the same again (cached), then a campaign that
    // has this one as its previous round (its change column needs this one's results).
    const timeGet = async (url: string) => {
      const t = performance.now();
      const res = await fetch(`${server.base}${url}`, { headers: { cookie: admin.cookie } });
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      await res.arrayBuffer();
      return performance.now() - t;
    };
    const resultsUrl = (id: number) => `/api/v1/surveys/campaigns/${id}/results`;
    const resultsCold = await timeGet(resultsUrl(campaign.id));
    const resultsWarm = await timeGet(resultsUrl(campaign.id));
    const next = await admin.json<{ id: number }>('POST', '/api/v1/surveys/campaigns', {
      surveyId: survey.id,
      title: '压测：家长满意度（下一轮）',
      schoolIds: scope.schools.map((s) => s.id),
      mode: 'open',
      previousCampaignId: campaign.id,
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const withPrevious = await timeGet(resultsUrl(next.id));
    console.log(
      `surveys: results of ${stored} answers: first request ${resultsCold.toFixed(0)} ms, again ${resultsWarm.toFixed(0)} ms; a campaign with it as previous round ${withPrevious.toFixed(0)} ms`,
    );

    const bare = await bareFastify();
    let bareRate = 0;
    try {
      const body = JSON.stringify({ t: 'X', nonce: randomUUID(), answers: answersFor(1) });
      await run(Array.from({ length: 2000 }), 200, (_, client) => post(bare.base, '/x', body, client));
      const b = await run(Array.from({ length: 20_000 }), 200, (_, client) => post(bare.base, '/x', body, client));
      bareRate = b.out.filter((o) => o.status === 200).length / b.seconds;
    } finally {
      bare.stop();
    }

    console.table(
      results.map((r) => ({
        concurrency: r.concurrency,
        families: r.jobs.length,
        accepted: r.accepted,
        'submissions/s': Math.round(r.perS),
        'p50 ms': r.p50.toFixed(1),
        'p99 ms': r.p99.toFixed(1),
      })),
    );
    const worst = results.reduce((a, b) => (b.perS < a.perS ? b : a));
    console.log(
      `surveys: accepted ${accepted}, in the database ${stored}, other answers ${refusedOther.length}; resends answered as duplicates ${resendOk}/${sample.length}, reused codes refused ${reuseRefused}/${sample.length}`,
    );
    console.log(
      `surveys: bare Fastify (no work, same client, 200 concurrent) ${Math.round(bareRate)} req/s; durable submissions are ${(worst.perS / bareRate).toFixed(2)} × that`,
    );
    return [
      {
        name: 'ms per durable submission (worst phase)',
        measured: 1000 / worst.perS,
        budget: 1000 / TARGET_PER_S,
        unit: 'ms',
      },
      ...results.map((r) => ({
        name: `p99 at ${r.concurrency} clients`,
        measured: r.p99,
        budget: P99_BUDGET_MS,
        unit: 'ms',
      })),
      { name: 'results page, first request', measured: resultsCold, budget: RESULTS_BUDGET_MS, unit: 'ms' },
      { name: 'results page, cached', measured: resultsWarm, budget: RESULTS_BUDGET_MS, unit: 'ms' },
      { name: 'results page, with previous campaign', measured: withPrevious, budget: RESULTS_BUDGET_MS, unit: 'ms' },
      { name: 'lost or duplicated answers', measured: lostOrDuplicated, budget: 1, unit: 'answers' },
    ];
  } finally {
    await server.stop();
  }
}

async function csrf(base: string, cookie: string): Promise<string> {
  const me = await fetch(`${base}/api/v1/auth/me`, { headers: { cookie } });
  return ((await me.json()) as { csrfToken: string }).csrfToken;
}
