/**
 * Scoring at the school, on a phone: one card per criterion (score, note, photo), a live total, a draft saved to
 * the server a moment after each change and to this device at once — so a lost connection keeps every answer and
 * the next save sends it. Submitting shows every reason the server refuses (blank veto item, missing photo, …).
 */
import { ArrowLeftOutlined, CloudOutlined, CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer, Answers, Criterion, Template } from '../../../common/inspections';
import { scoreSheet } from '../../../common/inspections';
import { ApiError, api, apiJson, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { AnswerInput, BASE, CriterionTags, EvidenceField, type TemplateBodyDto } from './shared';

interface VisitAnswer {
  visit: { id: number; status: string };
  plan: { title: string; kind: string; startsOn: string };
  school: { id: number; name: string; type: string };
  template: { id: number; version: number; title: string; body: TemplateBodyDto };
  sheets: { self: boolean; answers: Answers; status: string; revision: number }[];
  canScore: boolean;
  canSelfAssess: boolean;
}

interface LocalCopy {
  answers: Answers;
  revision: number;
  savedAt: number;
}

export function toTemplate(id: number, version: number, body: TemplateBodyDto): Template {
  return {
    ...body,
    grades: body.grades.map((g) => ({ label: g.label, min: g.min ?? Number.NEGATIVE_INFINITY })),
    id: String(id),
    version,
    status: 'published',
  };
}

type SaveState = 'saved' | 'saving' | 'offline' | 'dirty';

export function ScoreView({ visitId, self, onBack }: { visitId: number; self: boolean; onBack: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const q = useQuery({
    queryKey: ['item', `${BASE}/visits`, visitId],
    queryFn: () => api.get<VisitAnswer>(`${BASE}/visits/${visitId}`),
  });
  const localKey = `tisheng.insp.sheet.${user.id}.${visitId}.${self ? 'self' : 'ext'}`;
  const [answers, setAnswers] = useState<Answers>({});
  const [revision, setRevision] = useState(0);
  const [status, setStatus] = useState<string>('draft');
  const [save, setSave] = useState<SaveState>('saved');
  const [restored, setRestored] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const loaded = useRef(false);
  const latest = useRef({ answers, revision });
  latest.current = { answers, revision };
  const inFlight = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  // First load: the server's sheet, or this device's newer unsent copy.
  useEffect(() => {
    if (!q.data || loaded.current) return;
    loaded.current = true;
    const sheet = q.data.sheets.find((s) => s.self === self);
    const server = { answers: sheet?.answers ?? {}, revision: sheet?.revision ?? 0 };
    setStatus(sheet?.status ?? 'draft');
    const raw = localStorage.getItem(localKey);
    const local = raw ? (JSON.parse(raw) as LocalCopy) : null;
    if (
      local &&
      sheet?.status !== 'submitted' &&
      local.revision >= server.revision &&
      JSON.stringify(local.answers) !== JSON.stringify(server.answers)
    ) {
      setAnswers(local.answers);
      setRevision(server.revision);
      setRestored(true);
      setSave('dirty');
    } else {
      setAnswers(server.answers);
      setRevision(server.revision);
    }
  }, [q.data, self, localKey]);

  const template = useMemo(
    () => (q.data ? toTemplate(q.data.template.id, q.data.template.version, q.data.template.body) : null),
    [q.data],
  );
  const live = useMemo(
    () => (template && q.data ? scoreSheet(template, answers, q.data.school.type) : null),
    [template, answers, q.data],
  );

  // One save at a time; changes made while a save is in flight are sent right after it.
  const again = useRef(false);
  const saveNow = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    let sent = latest.current;
    try {
      do {
        again.current = false;
        sent = latest.current;
        setSave('saving');
        const r = await apiJson<{ revision: number }>('PUT', `${BASE}/visits/${visitId}/sheet`, {
          body: { answers: sent.answers, revision: sent.revision, self },
        });
        setRevision(r.revision);
        latest.current = { ...latest.current, revision: r.revision };
        localStorage.setItem(
          localKey,
          JSON.stringify({ answers: latest.current.answers, revision: r.revision, savedAt: Date.now() }),
        );
      } while (again.current || latest.current.answers !== sent.answers);
      setSave('saved');
      setErrors([]);
    } catch (e) {
      if (e instanceof ApiError && e.status === 0) setSave('offline');
      else {
        setSave('dirty');
        setErrors([errorMessage(e)]);
      }
    } finally {
      inFlight.current = false;
    }
  }, [visitId, self, localKey]);

  // Offline: try again every few seconds, and at once when the browser says the connection is back.
  useEffect(() => {
    if (save !== 'offline') return;
    const retry = window.setTimeout(() => void saveNow(), 3000);
    return () => window.clearTimeout(retry);
  }, [save, saveNow]);
  useEffect(() => {
    const online = () => void saveNow();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [saveNow]);

  const change = (code: string, a: Answer) => {
    const next = { ...latest.current.answers, [code]: a };
    setAnswers(next);
    latest.current = { ...latest.current, answers: next };
    localStorage.setItem(
      localKey,
      JSON.stringify({ answers: next, revision: latest.current.revision, savedAt: Date.now() }),
    );
    setSave('dirty');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveNow(), 1200);
  };

  const submit = async () => {
    window.clearTimeout(timer.current);
    setSubmitting(true);
    try {
      await api.post(`${BASE}/visits/${visitId}/sheet/submit`, { answers, revision, self });
      localStorage.removeItem(localKey);
      setStatus('submitted');
      setErrors([]);
      message.success(t('inspections.score.submitted'));
      await queryClient.invalidateQueries({ queryKey: ['list', `${BASE}/visits`] });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setErrors([e.message]);
      } else
        setErrors(
          errorMessage(e)
            .replace(/^[^：:]*[：:]/, '')
            .split('；'),
        );
    } finally {
      setSubmitting(false);
    }
  };

  if (q.isLoading || !q.data || !template || !live) return <Spin />;
  if (q.error) return <Alert type="error" title={errorMessage(q.error)} />;
  const d = q.data;
  const locked = status === 'submitted' || !(self ? d.canSelfAssess : d.canScore);

  const renderNode = (c: Criterion, depth: number): React.ReactNode => {
    if (c.children) {
      return (
        <div key={c.code} style={{ marginTop: depth === 0 ? 16 : 8 }}>
          <Typography.Title level={depth === 0 ? 5 : 5} style={{ margin: '8px 0', fontSize: depth === 0 ? 16 : 14 }}>
            {c.code} {c.title}
          </Typography.Title>
          {c.children.map((ch) => renderNode(ch, depth + 1))}
        </div>
      );
    }
    const a = answers[c.code];
    const node = live.nodes[c.code];
    const missingPhoto = live.completeness.missingEvidence.includes(c.code);
    return (
      <Card key={c.code} size="small" style={{ marginBottom: 8 }} data-testid={`criterion-${c.code}`}>
        <Flex vertical gap={8}>
          <div>
            <Typography.Text strong>
              {c.code} {c.title}
            </Typography.Text>{' '}
            <CriterionTags c={c} />
            {node?.failed && <Tag color="error">{t('inspections.score.failedTag')}</Tag>}
          </div>
          {c.guidance && <Typography.Text type="secondary">{c.guidance}</Typography.Text>}
          <AnswerInput leaf={c} value={a} disabled={locked} onChange={(v) => change(c.code, v)} />
          {c.scoring?.kind !== 'text' && (
            <Input
              placeholder={t('inspections.score.note')}
              value={a?.note}
              disabled={locked}
              onChange={(e) => change(c.code, { ...a, note: e.target.value })}
            />
          )}
          <EvidenceField
            schoolId={d.school.id}
            value={(a?.evidence ?? []).map(Number)}
            disabled={locked}
            testId={`photo-${c.code}`}
            onChange={(ids) => change(c.code, { ...a, evidence: ids })}
          />
          {missingPhoto && <Typography.Text type="warning">{t('inspections.score.needPhoto')}</Typography.Text>}
        </Flex>
      </Card>
    );
  };

  const saveIcon = {
    saved: <CloudOutlined />,
    saving: <CloudSyncOutlined />,
    dirty: <CloudSyncOutlined />,
    offline: <DisconnectOutlined />,
  }[save];

  return (
    <div style={{ maxWidth: 720, margin: '0 auto' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t('inspections.common.back')}
        </Button>
        <Tag
          icon={saveIcon}
          color={save === 'offline' ? 'warning' : save === 'saved' ? 'success' : 'processing'}
          data-testid="save-state"
          data-state={save}
        >
          {t(`inspections.score.save.${save}`)}
        </Tag>
      </Flex>
      <Typography.Title level={4} style={{ marginTop: 12 }}>
        {d.school.name} · {self ? t('inspections.score.selfTitle') : d.plan.title}
      </Typography.Title>
      <Typography.Text type="secondary">
        {d.template.title}（{t('inspections.tpl.versionN', { n: d.template.version })}）
      </Typography.Text>
      {restored && <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('inspections.score.restored')} />}
      {save === 'offline' && (
        <Alert style={{ marginTop: 8 }} type="warning" showIcon title={t('inspections.score.offline')} />
      )}
      <Card size="small" style={{ marginTop: 12, position: 'sticky', top: 0, zIndex: 2 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Statistic
            title={t('inspections.result.total')}
            value={live.total ?? 0}
            suffix={`/ ${live.max}`}
            precision={1}
          />
          <Space direction="vertical" size={0}>
            <Tag color={live.vetoed ? 'error' : 'blue'} data-testid="live-grade">
              {live.grade ?? '—'}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('inspections.score.unanswered', { n: live.completeness.unanswered.length })}
            </Typography.Text>
          </Space>
        </Flex>
      </Card>
      {template.criteria.map((c) => renderNode(c, 0))}
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="score-errors"
          title={t('inspections.score.refused')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
          style={{ marginTop: 8 }}
        />
      )}
      {status === 'submitted' ? (
        <Alert
          type="success"
          showIcon
          title={t('inspections.score.submitted')}
          style={{ marginTop: 12 }}
          data-testid="sheet-submitted"
        />
      ) : (
        !locked && (
          <Button
            type="primary"
            block
            size="large"
            style={{ marginTop: 12 }}
            loading={submitting}
            onClick={() => void submit()}
            data-testid="sheet-submit"
          >
            {t('inspections.score.submit')}
          </Button>
        )
      )}
    </div>
  );
}
