/**
 * 问题整改台账: every problem the user sees (the bureau in scope, a school its own), filters for status, overdue
 * and 挂牌督办, and a drawer with the problem's steps and the next action for the user's side: order (整改通知书),
 * answer with a report and evidence, object, verify (核验 / 回头看 with the criterion scored again), reopen.
 */
import { FileWordOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  Radio,
  Space,
  Spin,
  Switch,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Answer, Criterion } from '../../../common/inspections';
import { leaves } from '../../../common/inspections';
import { api, errorMessage } from '../../app/api';
import { DataTable } from '../../ui/DataTable';
import { DateInput } from '../../ui/DateInput';
import { downloadFile } from '../../ui/download';
import { Page } from '../../ui/Page';
import { AnswerInput, BASE, EvidenceField, fileUrl, pct, STATUS_COLORS, type TemplateBodyDto } from './shared';

interface ProblemRow {
  id: number;
  schoolName: string;
  criterionCode: string | null;
  criterionTitle: string | null;
  category: string;
  severity: string;
  description: string;
  flagged: boolean;
  status: string;
  statusLabel: string;
  deadline: string | null;
  daysLeft: number | null;
  escalation: number;
  closedOn: string | null;
}

interface ProblemDetail {
  problem: ProblemRow & {
    schoolId: number;
    visitId: number | null;
    source: string;
    responsibleUnit: string | null;
    responsiblePerson: string | null;
    orderedOn: string | null;
    beforeRatio: number | null;
    afterRatio: number | null;
    rejections: number;
    evidence: number[];
    objectionWindow: { open: boolean; closesOn: string | null };
    deadlineStatus: { overdue: boolean; daysOverdue: number; daysLeft: number | null };
  };
  steps: {
    id: number;
    type: string;
    onDate: string;
    userName: string | null;
    note: string | null;
    evidence: number[];
    detail: Record<string, unknown> | null;
  }[];
  reminders: { kind: string; sentOn: string; recipient: string }[];
  files: { id: number; name: string; mime: string }[];
  canManage: boolean;
  canAnswer: boolean;
}

const STATUSES = ['found', 'ordered', 'objected', 'responded', 'closed', 'withdrawn'];
const ENDPOINT = `${BASE}/problems`;

export function ProblemsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const open = Number(params.get('problem')) || null;
  const setOpen = (id: number | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('problem', String(id));
    else next.delete('problem');
    setParams(next);
  };
  return (
    <Page title={t('inspections.pages.problems')}>
      <DataTable<ProblemRow>
        endpoint={ENDPOINT}
        filters={[
          {
            kind: 'select',
            name: 'status',
            label: t('inspections.problem.status'),
            options: STATUSES.map((s) => ({
              value: s,
              label: t(`inspections.status.${s}` as 'inspections.status.found'),
            })),
          },
          {
            kind: 'select',
            name: 'overdue',
            label: t('inspections.problem.overdue'),
            options: [{ value: 'true', label: t('inspections.problem.overdueOnly') }],
          },
          {
            kind: 'select',
            name: 'flagged',
            label: t('inspections.problem.flagged'),
            options: [{ value: 'true', label: t('inspections.problem.flaggedOnly') }],
          },
        ]}
        columns={[
          { title: 'ID', dataIndex: 'id', sorter: true, width: 70 },
          { title: t('inspections.plan.school'), dataIndex: 'schoolName', sorter: true },
          {
            title: t('inspections.problem.description'),
            dataIndex: 'description',
            render: (v: string, r) => (
              <Typography.Link onClick={() => setOpen(r.id)} data-testid={`problem-${r.id}`}>
                {r.flagged && <Tag color="red">{t('inspections.problem.flaggedShort')}</Tag>}
                {v}
              </Typography.Link>
            ),
          },
          { title: t('inspections.problem.severity'), dataIndex: 'severity', sorter: true, width: 80 },
          {
            title: t('inspections.problem.status'),
            dataIndex: 'status',
            sorter: true,
            render: (s: string, r) => <Tag color={STATUS_COLORS[s]}>{r.statusLabel}</Tag>,
          },
          {
            title: t('inspections.problem.deadline'),
            dataIndex: 'deadline',
            sorter: true,
            render: (d: string | null, r) =>
              d ? (
                <span>
                  {d}{' '}
                  {r.daysLeft !== null &&
                    (r.daysLeft < 0 ? (
                      <Tag color="error">{t('inspections.problem.daysOverdue', { n: -r.daysLeft })}</Tag>
                    ) : (
                      <Tag>{t('inspections.problem.daysLeft', { n: r.daysLeft })}</Tag>
                    ))}
                  {r.escalation > 0 && (
                    <Tag color="volcano">
                      {t(`inspections.problem.escalation${r.escalation}` as 'inspections.problem.escalation1')}
                    </Tag>
                  )}
                </span>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <ProblemDrawer id={open} onClose={() => setOpen(null)} />
    </Page>
  );
}

function ProblemDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const key = ['item', ENDPOINT, id ?? 0];
  const q = useQuery({
    queryKey: key,
    queryFn: () => api.get<ProblemDetail>(`${ENDPOINT}/${id}`),
    enabled: id !== null,
  });
  return (
    <Drawer
      open={id !== null}
      size={640}
      title={t('inspections.problem.title', { id: id ?? '' })}
      onClose={onClose}
      destroyOnHidden
    >
      {q.error && <Alert type="error" title={errorMessage(q.error)} />}
      {!q.data ? <Spin /> : <ProblemBody d={q.data} />}
    </Drawer>
  );
}

function ProblemBody({ d }: { d: ProblemDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const p = d.problem;
  const names = new Map(d.files.map((f) => [f.id, f.name]));
  const fileLinks = (ids: number[]) =>
    ids.map((fid) => (
      <a key={fid} href={fileUrl(fid)} target="_blank" rel="noreferrer" style={{ marginRight: 8 }}>
        {names.get(fid) ?? fid}
      </a>
    ));
  return (
    <Flex vertical gap={12}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('inspections.plan.school')}>{p.schoolName}</Descriptions.Item>
        <Descriptions.Item label={t('inspections.problem.status')}>
          <Tag color={STATUS_COLORS[p.status]} data-testid="problem-status">
            {p.statusLabel}
          </Tag>
          {p.flagged && <Tag color="red">{t('inspections.problem.flagged')}</Tag>}
          {p.rejections > 0 && <Tag>{t('inspections.problem.rejections', { n: p.rejections })}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.problem.description')}>{p.description}</Descriptions.Item>
        {p.criterionCode && (
          <Descriptions.Item label={t('inspections.tpl.criterion')}>
            {p.criterionCode} {p.criterionTitle}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('inspections.problem.severity')}>
          {p.severity} · {p.category}
        </Descriptions.Item>
        {p.deadline && (
          <Descriptions.Item label={t('inspections.problem.deadline')}>
            {p.deadline}
            {p.deadlineStatus.overdue && (
              <Tag color="error">{t('inspections.problem.daysOverdue', { n: p.deadlineStatus.daysOverdue })}</Tag>
            )}
          </Descriptions.Item>
        )}
        {p.responsibleUnit && (
          <Descriptions.Item label={t('inspections.problem.responsible')}>
            {p.responsibleUnit} · {p.responsiblePerson}
          </Descriptions.Item>
        )}
        {(p.beforeRatio !== null || p.afterRatio !== null) && (
          <Descriptions.Item label={t('inspections.problem.beforeAfter')}>
            <span data-testid="before-after">
              {pct(p.beforeRatio)} → {pct(p.afterRatio)}
            </span>
          </Descriptions.Item>
        )}
        {p.evidence.length > 0 && (
          <Descriptions.Item label={t('inspections.problem.evidence')}>{fileLinks(p.evidence)}</Descriptions.Item>
        )}
      </Descriptions>
      {p.orderedOn && (
        <Button
          icon={<FileWordOutlined />}
          data-testid="notice-docx"
          onClick={() =>
            void downloadFile(`${ENDPOINT}/${p.id}/notice`, {}, `整改通知书-${p.id}.docx`).catch((e) =>
              message.error(errorMessage(e)),
            )
          }
        >
          {t('inspections.problem.notice')}
        </Button>
      )}
      <Actions d={d} />
      <Card size="small" title={t('inspections.problem.history')}>
        <Timeline
          items={d.steps.map((s) => ({
            key: s.id,
            children: (
              <div>
                <b>{t(`inspections.steps.${s.type}` as 'inspections.steps.order')}</b> · {s.onDate} · {s.userName}
                {s.note && <div>{s.note}</div>}
                {s.detail && 'afterRatio' in s.detail && (
                  <div>
                    {t('inspections.problem.recheck')}：{pct(s.detail.beforeRatio as number)} →{' '}
                    {pct(s.detail.afterRatio as number)}
                  </div>
                )}
                {s.evidence.length > 0 && <div>{fileLinks(s.evidence)}</div>}
              </div>
            ),
          }))}
        />
        {d.reminders.length > 0 && (
          <Typography.Text type="secondary">
            {d.reminders
              .map(
                (r) =>
                  `${r.sentOn} ${t(`inspections.reminders.${r.kind}` as 'inspections.reminders.before')} → ${r.recipient}`,
              )
              .join('；')}
          </Typography.Text>
        )}
      </Card>
    </Flex>
  );
}

/** The next step for the user's side, as a small form. */
function Actions({ d }: { d: ProblemDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const p = d.problem;
  const [evidence, setEvidence] = useState<number[]>([]);
  const [rescore, setRescore] = useState<Answer | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const visit = useQuery({
    queryKey: ['item', `${BASE}/visits`, p.visitId ?? 0],
    queryFn: () => api.get<{ template: { body: TemplateBodyDto } }>(`${BASE}/visits/${p.visitId}`),
    enabled: d.canManage && p.status === 'responded' && p.visitId !== null,
  });
  const leaf: Criterion | undefined = visit.data
    ? leaves(visit.data.template.body.criteria).find((c) => c.code === p.criterionCode)
    : undefined;
  const step = async (type: string, body: object) => {
    setBusy(true);
    try {
      await api.post(`${ENDPOINT}/${p.id}/${type}`, body);
      message.success(t('inspections.common.done'));
      setEvidence([]);
      setRescore(undefined);
      await queryClient.invalidateQueries({ queryKey: ['item', ENDPOINT, p.id] });
      await queryClient.invalidateQueries({ queryKey: ['list', ENDPOINT] });
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const card = (title: string, children: React.ReactNode) => (
    <Card size="small" title={title}>
      {children}
    </Card>
  );

  if (d.canManage && p.status === 'found') {
    return card(
      t('inspections.problem.order'),
      <Form layout="vertical" onFinish={(v) => void step('order', { ...v, deadline: v.deadline || undefined })}>
        <Form.Item name="unit" label={t('inspections.problem.unit')} rules={[{ required: true }]}>
          <Input data-testid="order-unit" />
        </Form.Item>
        <Form.Item name="person" label={t('inspections.problem.person')} rules={[{ required: true }]}>
          <Input data-testid="order-person" />
        </Form.Item>
        <Form.Item name="deadline" label={t('inspections.problem.deadlineOptional')}>
          <DateInput data-testid="order-deadline" />
        </Form.Item>
        <Form.Item
          name="flagged"
          label={t('inspections.problem.flagged')}
          valuePropName="checked"
          initialValue={p.flagged}
        >
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="order-submit">
          {t('inspections.problem.order')}
        </Button>
      </Form>,
    );
  }
  if (d.canAnswer && p.status === 'ordered') {
    return (
      <Flex vertical gap={12}>
        {card(
          t('inspections.problem.respond'),
          <Form layout="vertical" onFinish={(v) => void step('respond', { report: v.report, evidence })}>
            <Form.Item name="report" label={t('inspections.problem.report')} rules={[{ required: true }]}>
              <Input.TextArea autoSize={{ minRows: 3 }} data-testid="respond-report" />
            </Form.Item>
            <Form.Item label={t('inspections.problem.evidence')}>
              <EvidenceField schoolId={p.schoolId} value={evidence} onChange={setEvidence} testId="respond-photo" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="respond-submit">
              {t('inspections.problem.respond')}
            </Button>
          </Form>,
        )}
        {p.objectionWindow.open &&
          card(
            t('inspections.problem.object', { date: p.objectionWindow.closesOn }),
            <Form layout="inline" onFinish={(v) => void step('object', v)}>
              <Form.Item name="reason" rules={[{ required: true }]}>
                <Input placeholder={t('inspections.result.objectionReason')} />
              </Form.Item>
              <Button htmlType="submit" loading={busy}>
                {t('inspections.result.object')}
              </Button>
            </Form>,
          )}
      </Flex>
    );
  }
  if (d.canManage && p.status === 'objected') {
    return card(
      t('inspections.problem.decide'),
      <Form layout="vertical" onFinish={(v) => void step('decide-objection', v)}>
        <Form.Item name="upheld" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: true, label: t('inspections.problem.withdraw') },
              { value: false, label: t('inspections.problem.keep') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" rules={[{ required: true }]}>
          <Input.TextArea placeholder={t('inspections.result.decision')} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('inspections.common.submit')}
        </Button>
      </Form>,
    );
  }
  if (d.canManage && p.status === 'responded') {
    return card(
      t('inspections.problem.verify'),
      <Form
        layout="vertical"
        initialValues={{ fixed: false, fullyFixed: false }}
        onFinish={(v) =>
          void step('verify', { ...v, reason: v.reason || undefined, rescore: leaf && rescore ? rescore : undefined })
        }
      >
        <Space>
          <Form.Item name="fixed" valuePropName="checked" noStyle>
            <Checkbox data-testid="verify-fixed">{t('inspections.problem.fixed')}</Checkbox>
          </Form.Item>
          <Form.Item name="fullyFixed" valuePropName="checked" noStyle>
            <Checkbox data-testid="verify-fully">{t('inspections.problem.fullyFixed')}</Checkbox>
          </Form.Item>
        </Space>
        {leaf?.scoring && leaf.scoring.kind !== 'text' && (
          <Form.Item label={t('inspections.problem.recheckScore', { code: leaf.code })} style={{ marginTop: 12 }}>
            <AnswerInput leaf={leaf} value={rescore} onChange={setRescore} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('inspections.problem.verifyReason')} style={{ marginTop: 12 }}>
          <Input.TextArea data-testid="verify-reason" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="verify-submit">
          {t('inspections.problem.verify')}
        </Button>
      </Form>,
    );
  }
  if (d.canManage && p.status === 'closed') {
    return card(
      t('inspections.problem.reopen'),
      <Form layout="inline" onFinish={(v) => void step('reopen', v)}>
        <Form.Item name="reason" rules={[{ required: true }]}>
          <Input placeholder={t('inspections.problem.reopenReason')} />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          {t('inspections.problem.reopen')}
        </Button>
      </Form>,
    );
  }
  return null;
}
