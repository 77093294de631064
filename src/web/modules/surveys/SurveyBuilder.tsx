import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Input, InputNumber, Select, Space, Switch, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AUDIENCES,
  type DefQuestion,
  definitionProblems,
  dimensionChoices,
  QUESTION_KINDS,
  type QuestionKind,
  type SurveyDefinition,
} from '../../../common/surveys/definition';

/**
 * The survey builder: questions as cards (type, text, required, dimension, options / matrix items / limits, show-if
 * on an earlier question), plus the raw JSON for those who paste a definition. The same definitionProblems the
 * server applies are shown live, so saving only fails for reasons the page already shows.
 */
type Q = DefQuestion & Record<string, unknown>;
const SCORED = new Set<QuestionKind>(['satisfaction', 'likert5', 'rating10', 'matrix']);

function blank(kind: QuestionKind, n: number): Q {
  const base = { id: `q${n}`, title: '', required: false };
  if (kind === 'single' || kind === 'multiple') return { ...base, kind, options: ['', ''] } as Q;
  if (kind === 'matrix') return { ...base, kind, scale: 'satisfaction', items: [{ id: 'i1', title: '' }] } as Q;
  return { ...base, kind } as Q;
}

export function SurveyBuilder({
  initial,
  open,
  onSave,
  onClose,
}: {
  initial: SurveyDefinition | null;
  open: boolean;
  onSave: (def: SurveyDefinition) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [def, setDef] = useState<SurveyDefinition>({ title: '', audience: 'parents', questions: [] });
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) setDef(initial ?? { title: '', audience: 'parents', questions: [blank('satisfaction', 1)] });
  }, [open, initial]);

  const questions = (Array.isArray(def.questions) ? def.questions : []) as Q[];
  const setQuestions = (qs: Q[]) => setDef({ ...def, questions: qs });
  const patch = (i: number, p: Partial<Q>) =>
    setQuestions(questions.map((q, k) => (k === i ? ({ ...q, ...p } as Q) : q)));
  const move = (i: number, d: -1 | 1) => {
    const qs = [...questions];
    [qs[i], qs[i + d]] = [qs[i + d], qs[i]];
    setQuestions(qs);
  };
  const problems = definitionProblems(def);
  const dims = dimensionChoices(def).map((d) => ({ value: d, label: d }));

  const card = (q: Q, i: number) => (
    <Card
      key={i}
      size="small"
      style={{ marginBottom: 12 }}
      title={`${i + 1}. ${t(`surveys.kinds.${q.kind}`)}`}
      extra={
        <Space>
          <Button
            size="small"
            icon={<ArrowUpOutlined />}
            disabled={i === 0}
            onClick={() => move(i, -1)}
            aria-label={t('surveys.actions.up')}
          />
          <Button
            size="small"
            icon={<ArrowDownOutlined />}
            disabled={i === questions.length - 1}
            onClick={() => move(i, 1)}
            aria-label={t('surveys.actions.down')}
          />
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => setQuestions(questions.filter((_, k) => k !== i))}
            aria-label={t('surveys.actions.remove')}
          />
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea
          autoSize
          value={q.title}
          placeholder={t('surveys.fields.title')}
          onChange={(e) => patch(i, { title: e.target.value })}
        />
        <Space wrap>
          <Input
            addonBefore="ID"
            value={q.id}
            style={{ width: 160 }}
            onChange={(e) => patch(i, { id: e.target.value })}
          />
          <Select
            value={q.kind}
            style={{ width: 260 }}
            options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))}
            onChange={(k: QuestionKind) =>
              patch(i, { ...blank(k, i + 1), id: q.id, title: q.title, required: q.required })
            }
          />
          <span>
            {t('surveys.fields.required')}{' '}
            <Switch size="small" checked={Boolean(q.required)} onChange={(v) => patch(i, { required: v })} />
          </span>
          {SCORED.has(q.kind) && q.kind !== 'matrix' && (
            <Select
              value={q.dimension}
              allowClear
              placeholder={t('surveys.fields.dimension')}
              style={{ width: 160 }}
              options={dims}
              onChange={(v) => patch(i, { dimension: v })}
            />
          )}
        </Space>
        {(q.kind === 'single' || q.kind === 'multiple') && (
          <Input.TextArea
            autoSize
            value={q.options.join('\n')}
            placeholder={t('surveys.fields.options')}
            onChange={(e) => patch(i, { options: e.target.value.split('\n') })}
          />
        )}
        {q.kind === 'matrix' && (
          <>
            <Select
              value={q.scale}
              style={{ width: 200 }}
              options={(['satisfaction', 'likert5', 'rating10'] as const).map((s) => ({
                value: s,
                label: t(`surveys.scales.${s}`),
              }))}
              onChange={(v) => patch(i, { scale: v })}
            />
            {q.items.map((it, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: items are edited in place, ids may be blank or repeat while typing
              <Space key={k} wrap>
                <Input
                  value={it.id}
                  style={{ width: 100 }}
                  onChange={(e) =>
                    patch(i, { items: q.items.map((x, j) => (j === k ? { ...x, id: e.target.value } : x)) })
                  }
                />
                <Input
                  value={it.title}
                  style={{ width: 320 }}
                  onChange={(e) =>
                    patch(i, { items: q.items.map((x, j) => (j === k ? { ...x, title: e.target.value } : x)) })
                  }
                />
                <Select
                  value={it.dimension}
                  allowClear
                  placeholder={t('surveys.fields.dimension')}
                  style={{ width: 160 }}
                  options={dims}
                  onChange={(v) => patch(i, { items: q.items.map((x, j) => (j === k ? { ...x, dimension: v } : x)) })}
                />
                <Button size="small" onClick={() => patch(i, { items: q.items.filter((_, j) => j !== k) })}>
                  {t('surveys.actions.remove')}
                </Button>
              </Space>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => patch(i, { items: [...q.items, { id: `i${q.items.length + 1}`, title: '' }] })}
            >
              {t('surveys.actions.addItem')}
            </Button>
          </>
        )}
        {q.kind === 'number' && (
          <Space>
            <InputNumber
              addonBefore={t('surveys.fields.min')}
              value={q.min}
              onChange={(v) => patch(i, { min: v ?? undefined })}
            />
            <InputNumber
              addonBefore={t('surveys.fields.max')}
              value={q.max}
              onChange={(v) => patch(i, { max: v ?? undefined })}
            />
          </Space>
        )}
        {q.kind === 'text' && (
          <InputNumber
            addonBefore={t('surveys.fields.maxLength')}
            min={1}
            max={5000}
            value={q.maxLength}
            onChange={(v) => patch(i, { maxLength: v ?? undefined })}
          />
        )}
        {i > 0 && (
          <Space wrap>
            {t('surveys.fields.showIf')}:
            <Select
              allowClear
              style={{ width: 220 }}
              placeholder={t('surveys.fields.showIfQuestion')}
              value={q.showIf?.questionId}
              options={questions
                .slice(0, i)
                .filter((x) => x.kind !== 'matrix' && x.kind !== 'text')
                .map((x) => ({ value: x.id, label: `${x.id} ${x.title}` }))}
              onChange={(v) => patch(i, { showIf: v ? { questionId: v, anyOf: q.showIf?.anyOf ?? [] } : undefined })}
            />
            {q.showIf && (
              <Input
                style={{ width: 240 }}
                placeholder={t('surveys.fields.showIfValues')}
                value={q.showIf.anyOf.join(',')}
                onChange={(e) =>
                  patch(i, {
                    showIf: {
                      questionId: q.showIf!.questionId,
                      anyOf: e.target.value
                        .split(/[,，]/)
                        .map((s) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s.trim())),
                    },
                  })
                }
              />
            )}
          </Space>
        )}
      </Space>
    </Card>
  );

  const save = async () => {
    setSaving(true);
    try {
      await onSave(def);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      width={860}
      title={def.title || t('surveys.actions.newSurvey')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={saving} disabled={problems.length > 0} onClick={save}>
          {t('surveys.actions.save')}
        </Button>
      }
    >
      <Tabs
        onChange={(k) => {
          if (k === 'json') setJson(JSON.stringify(def, null, 2));
        }}
        items={[
          {
            key: 'form',
            label: t('surveys.pages.definitions'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input
                  addonBefore={t('surveys.fields.title')}
                  value={def.title}
                  onChange={(e) => setDef({ ...def, title: e.target.value })}
                />
                <Select
                  value={def.audience}
                  style={{ width: 200 }}
                  options={AUDIENCES.map((a) => ({ value: a, label: t(`surveys.audience.${a}`) }))}
                  onChange={(v) => setDef({ ...def, audience: v })}
                />
                <Input.TextArea
                  autoSize
                  placeholder={t('surveys.fields.intro')}
                  value={def.intro}
                  onChange={(e) => setDef({ ...def, intro: e.target.value || undefined })}
                />
                {questions.map(card)}
                <Select
                  placeholder={t('surveys.actions.addQuestion')}
                  style={{ width: 260 }}
                  value={null}
                  options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`surveys.kinds.${k}`) }))}
                  onChange={(k: QuestionKind) => setQuestions([...questions, blank(k, questions.length + 1)])}
                />
              </Space>
            ),
          },
          {
            key: 'json',
            label: 'JSON',
            children: (
              <>
                {jsonError && <Alert type="error" message={jsonError} style={{ marginBottom: 8 }} />}
                <Input.TextArea
                  rows={28}
                  style={{ fontFamily: 'monospace' }}
                  value={json}
                  onChange={(e) => {
                    setJson(e.target.value);
                    try {
                      setDef(JSON.parse(e.target.value));
                      setJsonError(null);
                    } catch (err) {
                      setJsonError(String(err));
                    }
                  }}
                />
              </>
            ),
          },
        ]}
      />
      {problems.length > 0 && (
        <Alert
          type="warning"
          style={{ marginTop: 12 }}
          message={
            <ul style={{ margin: 0 }}>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
        />
      )}
    </Drawer>
  );
}
