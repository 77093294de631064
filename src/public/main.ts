/**
 * The public answer page (家长/学生/教师 扫码填写): plain DOM, no framework, so it stays a few KB and runs in
 * WeChat's browser on a cheap phone. It shares the definition rules with the server (show-if, required, limits)
 * through src/common/surveys/definition.ts.
 *
 * Resuming: answers and the submission's random nonce live in localStorage under the link or code, written on
 * every change, so a closed tab or a dropped connection loses nothing. A submission that failed on the network
 * is retried with the same nonce (the server stores it once); the page retries by itself when the phone is back
 * online. Nothing about the respondent is sent besides the answers.
 */
import {
  type DefQuestion,
  describeProblem,
  type SurveyDefinition,
  submissionProblems,
  visibleQuestionIds,
} from '../common/surveys/definition.js';

type Answers = Record<string, unknown>;
interface Form {
  campaignTitle: string;
  unitName: string;
  closesAt: string;
  definition: SurveyDefinition;
}
interface Saved {
  nonce: string;
  answers: Answers;
  done?: boolean;
}

const API = '/api/v1/surveys/public';
const app = document.getElementById('app')!;
const params = new URLSearchParams(location.search);
const link = params.get('c');
let code = params.get('t');

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function message(kind: 'error' | 'ok', text: string) {
  return el('div', { class: `msg ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

function uuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const storeKey = () => `tisheng-survey:${link ? `c:${link}` : `t:${code}`}`;
function load(): Saved {
  try {
    const s = JSON.parse(localStorage.getItem(storeKey()) ?? 'null') as Saved | null;
    if (s && typeof s.nonce === 'string' && s.answers) return s;
  } catch {
    // private mode or a corrupt entry: start fresh
  }
  return { nonce: uuid(), answers: {} };
}
function save(s: Saved) {
  try {
    localStorage.setItem(storeKey(), JSON.stringify(s));
  } catch {
    // storage full or disabled: answering still works, only resuming does not
  }
}

/** Asks for a roster code when the page was opened without one (typed from a paper slip). */
function askForCode(error?: string) {
  const input = el('input', {
    class: 'code',
    maxlength: '11',
    autocomplete: 'off',
    'aria-label': '填写码',
  }) as HTMLInputElement;
  const go = el('button', { type: 'submit' }, '开始填写');
  const form = el('form', {}, el('p', {}, '请输入纸条上的 10 位填写码：'), input, el('p'), go);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = input.value.toUpperCase().replace(/[\s-]/g, '');
    if (v.length !== 10) return;
    code = v;
    history.replaceState(null, '', `?t=${v}`);
    void start();
  });
  app.replaceChildren(el('h1', {}, '满意度测评'), ...(error ? [message('error', error)] : []), form);
}

async function start() {
  if (!link && !code) return askForCode();
  const saved = load();
  if (saved.done) return thanks(false);
  app.replaceChildren(el('p', { class: 'muted' }, '正在加载…'));
  let res: Response;
  try {
    res = await fetch(`${API}/form?${link ? `c=${encodeURIComponent(link)}` : `t=${encodeURIComponent(code!)}`}`);
  } catch {
    app.replaceChildren(message('error', '网络不通，请检查网络后刷新页面'));
    return;
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const text = body?.error?.message ?? '加载失败，请稍后再试';
    if (!link && res.status === 404) return askForCode(text);
    app.replaceChildren(el('h1', {}, '满意度测评'), message('error', text));
    return;
  }
  render(body as Form, saved);
}

function optionGroup(
  name: string,
  values: readonly (string | number)[],
  current: unknown,
  multiple: boolean,
  onChange: (v: unknown) => void,
  extra = '',
) {
  const box = el('div', { class: `opts ${extra}`, role: multiple ? 'group' : 'radiogroup' });
  const chosen = new Set(Array.isArray(current) ? current : current === undefined ? [] : [current]);
  for (const v of values) {
    const input = el('input', { type: multiple ? 'checkbox' : 'radio', name, value: String(v) }) as HTMLInputElement;
    input.checked = chosen.has(v);
    const label = el('label', input.checked ? { class: 'on' } : {}, input, String(v));
    input.addEventListener('change', () => {
      if (multiple) {
        if (input.checked) chosen.add(v);
        else chosen.delete(v);
        label.classList.toggle('on', input.checked);
        onChange(values.filter((x) => chosen.has(x)));
      } else {
        for (const l of box.querySelectorAll('label')) l.classList.remove('on');
        label.classList.add('on');
        onChange(v);
      }
    });
    box.append(label);
  }
  return box;
}

const SCALE_VALUES = {
  satisfaction: ['满意', '基本满意', '不满意', '不了解'],
  likert5: [1, 2, 3, 4, 5],
  rating10: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
} as const;
const ENDS = { likert5: ['非常不同意', '非常同意'], rating10: ['非常不满意', '非常满意'] } as const;

function scale(kind: keyof typeof SCALE_VALUES, name: string, current: unknown, onChange: (v: unknown) => void) {
  const box = optionGroup(name, SCALE_VALUES[kind], current, false, onChange, kind === 'rating10' ? 'scale10' : '');
  if (kind === 'satisfaction') return box;
  const [lo, hi] = ENDS[kind];
  return el('div', {}, box, el('div', { class: 'ends' }, el('span', {}, lo), el('span', {}, hi)));
}

function questionBody(q: DefQuestion, answers: Answers, set: (v: unknown) => void): Node {
  const a = answers[q.id];
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return optionGroup(q.id, q.options, a, q.kind === 'multiple', set, 'col');
    case 'satisfaction':
    case 'likert5':
    case 'rating10':
      return scale(q.kind, q.id, a, set);
    case 'matrix': {
      const m: Record<string, unknown> = { ...((a as Record<string, unknown>) ?? {}) };
      return el(
        'div',
        {},
        ...q.items.map((it) =>
          el(
            'div',
            { class: 'item' },
            el('p', {}, it.title),
            scale(q.scale, `${q.id}.${it.id}`, m[it.id], (v) => {
              m[it.id] = v;
              set({ ...m });
            }),
          ),
        ),
      );
    }
    case 'number': {
      const input = el('input', { type: 'number', inputmode: 'numeric', 'aria-label': q.title }) as HTMLInputElement;
      if (q.min !== undefined) input.min = String(q.min);
      if (q.max !== undefined) input.max = String(q.max);
      if (typeof a === 'number') input.value = String(a);
      input.addEventListener('input', () => set(input.value === '' ? undefined : Number(input.value)));
      return input;
    }
    case 'text': {
      const t = el('textarea', {
        maxlength: String(q.maxLength ?? 2000),
        'aria-label': q.title,
      }) as HTMLTextAreaElement;
      t.value = typeof a === 'string' ? a : '';
      t.addEventListener('input', () => set(t.value === '' ? undefined : t.value));
      return t;
    }
  }
}

function render(form: Form, saved: Saved) {
  const def = form.definition;
  const answers = saved.answers;
  const blocks = new Map<string, HTMLElement>();
  const status = el('div');
  const submit = el('button', { type: 'button' }, '提交') as HTMLButtonElement;

  const refresh = () => {
    const shown = visibleQuestionIds(def, answers);
    for (const [id, block] of blocks) block.hidden = !shown.has(id);
  };
  def.questions.forEach((q, i) => {
    const set = (v: unknown) => {
      if (v === undefined) delete answers[q.id];
      else answers[q.id] = v;
      save(saved);
      blocks.get(q.id)!.classList.remove('err');
      refresh();
    };
    const title = el('h2', {}, `${i + 1}. ${q.title}`);
    if (q.required) title.append(el('span', { class: 'req', 'aria-label': '必答' }, '*'));
    const block = el('section', { class: 'q', 'data-q': q.id }, title, questionBody(q, answers, set));
    blocks.set(q.id, block);
  });
  refresh();

  async function send() {
    // Answers to questions hidden by the logic are dropped, exactly as the server expects.
    const shown = visibleQuestionIds(def, answers);
    const payload = Object.fromEntries(Object.entries(answers).filter(([k]) => shown.has(k)));
    const problems = submissionProblems(def, payload as never);
    if (problems.length > 0) {
      for (const p of problems) blocks.get(p.questionId)?.classList.add('err');
      status.replaceChildren(message('error', describeProblem(def, problems[0])));
      blocks.get(problems[0].questionId)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    submit.disabled = true;
    submit.textContent = '正在提交…';
    try {
      const res = await fetch(`${API}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...(link ? { c: link } : { t: code }), nonce: saved.nonce, answers: payload }),
      });
      const body = await res.json().catch(() => null);
      if (res.ok) {
        saved.done = true;
        saved.answers = {};
        save(saved);
        return thanks(true);
      }
      status.replaceChildren(message('error', body?.error?.message ?? '提交失败，请稍后再试'));
      if (body?.error?.code === 'token_used') {
        saved.done = true;
        save(saved);
      }
    } catch {
      status.replaceChildren(
        message('error', '网络中断，答案已保存在本机。恢复网络后会自动重新提交，也可以点“提交”重试。'),
      );
      window.addEventListener('online', () => void send(), { once: true });
    }
    submit.disabled = false;
    submit.textContent = '提交';
  }
  submit.addEventListener('click', () => void send());

  app.replaceChildren(
    el('h1', {}, form.campaignTitle),
    el('p', { class: 'muted' }, `${form.unitName} · 截止 ${new Date(form.closesAt).toLocaleString('zh-CN')}`),
    ...(def.intro ? [el('p', { class: 'intro' }, def.intro)] : []),
    ...blocks.values(),
    status,
    el('div', { class: 'bar' }, el('div', {}, submit)),
  );
}

function thanks(now: boolean) {
  app.replaceChildren(
    el('h1', {}, '满意度测评'),
    message('ok', now ? '提交成功，感谢您的参与！' : '您已在本机提交过本问卷，感谢参与！'),
  );
}

/**
 * 诉求 (concerns): `?k=<county code>` shows the concern form (anonymous unless a name or phone is given) and answers
 * with a tracking code; `?q=<tracking code>` shows its progress and the reply.
 */
async function concernForm(county: string) {
  const res = await fetch(`${API}/concern-form?county=${encodeURIComponent(county)}`).catch(() => null);
  const body = res ? await res.json().catch(() => null) : null;
  if (!res?.ok) {
    app.replaceChildren(message('error', body?.error?.message ?? '网络不通，请稍后再试'));
    return;
  }
  const school = el('select', { 'aria-label': '学校' }) as HTMLSelectElement;
  for (const s of body.schools as { id: number; name: string }[])
    school.append(el('option', { value: String(s.id) }, s.name));
  const category = el('select', { 'aria-label': '类别' }) as HTMLSelectElement;
  for (const c of body.categories as string[]) category.append(el('option', { value: c }, c));
  const title = el('input', { 'aria-label': '标题', maxlength: '100', class: 'code' }) as HTMLInputElement;
  const content = el('textarea', { 'aria-label': '诉求内容', maxlength: '5000' }) as HTMLTextAreaElement;
  const name = el('input', { 'aria-label': '姓名（可不填）', maxlength: '50', class: 'code' }) as HTMLInputElement;
  const phone = el('input', {
    'aria-label': '电话（可不填）',
    type: 'tel',
    maxlength: '20',
    class: 'code',
  }) as HTMLInputElement;
  const status = el('div');
  const send = el('button', { type: 'button' }, '提交诉求') as HTMLButtonElement;
  const field = (label: string, input: HTMLElement) => el('section', { class: 'q' }, el('h2', {}, label), input);
  send.addEventListener('click', async () => {
    if (!title.value.trim() || !content.value.trim()) {
      status.replaceChildren(message('error', '请填写标题和诉求内容'));
      return;
    }
    send.disabled = true;
    const r = await fetch(`${API}/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        county,
        schoolId: Number(school.value),
        category: category.value,
        title: title.value.trim(),
        content: content.value.trim(),
        anonymous: !name.value.trim() && !phone.value.trim(),
        ...(name.value.trim() ? { contactName: name.value.trim() } : {}),
        ...(phone.value.trim() ? { contactPhone: phone.value.trim() } : {}),
      }),
    }).catch(() => null);
    const b = r ? await r.json().catch(() => null) : null;
    send.disabled = false;
    if (!r?.ok) {
      status.replaceChildren(message('error', b?.error?.message ?? '网络中断，请稍后重试'));
      return;
    }
    const link = `${location.pathname}?q=${b.trackingCode}`;
    app.replaceChildren(
      el('h1', {}, '已收到您的诉求'),
      message('ok', `查询码：${b.trackingCode}。请记下查询码，凭它查看办理进度和答复。`),
      el('p', {}, el('a', { href: link }, '查看办理进度')),
    );
  });
  app.replaceChildren(
    el('h1', {}, `${body.countyName}教育诉求反映`),
    el('p', { class: 'intro' }, '可以匿名反映；留下电话便于回访。提交后会得到查询码。'),
    field('学校', school),
    field('类别', category),
    field('标题', title),
    field('诉求内容', content),
    field('姓名（可不填）', name),
    field('电话（可不填）', phone),
    status,
    el('div', { class: 'bar' }, el('div', {}, send)),
  );
}

async function concernStatus(code: string) {
  const res = await fetch(`${API}/cases/${encodeURIComponent(code)}`).catch(() => null);
  const b = res ? await res.json().catch(() => null) : null;
  if (!res?.ok) {
    app.replaceChildren(el('h1', {}, '诉求查询'), message('error', b?.error?.message ?? '网络不通，请稍后再试'));
    return;
  }
  const time = (v: string) => new Date(v).toLocaleString('zh-CN');
  app.replaceChildren(
    el('h1', {}, b.title),
    el('p', { class: 'muted' }, `${b.category} · 当前状态：${b.state}`),
    ...(b.reply ? [el('section', { class: 'q' }, el('h2', {}, '答复'), el('p', {}, b.reply))] : []),
    el(
      'section',
      { class: 'q' },
      el('h2', {}, '办理过程'),
      ...b.steps.map((s: { at: string; step: string }) => el('p', {}, `${time(s.at)} ${s.step}`)),
    ),
  );
}

if (params.get('k')) void concernForm(params.get('k')!);
else if (params.get('q')) void concernStatus(params.get('q')!);
else void start();
