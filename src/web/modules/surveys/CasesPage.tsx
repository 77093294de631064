import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  actionsFrom,
  CASE_ACTION_LABELS,
  CASE_CATEGORIES,
  CASE_STATE_LABELS,
  CASE_STATES,
  type CaseAction,
  type CaseState,
} from '../../../common/surveys/cases';
import { api, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { useOrgScope } from '../../app/scope';
import { useCan } from '../../app/use-can';
import { Page } from '../../ui/Page';
import { LedgerTab } from './LedgerTab';
import { ProblemListTab } from './ProblemListTab';

/**
 * 诉求办理: the cases of the caller's schools with their current deadline (overdue in red), staff intake (phone,
 * 12345), one case with its timeline and the steps the caller may take, and the per-school rates.
 */
interface CaseItem {
  id: number;
  trackingCode: string;
  channel: string;
  category: string;
  urgency: string;
  schoolId: number | null;
  schoolName: string | null;
  title: string;
  content: string;
  state: CaseState;
  stateLabel: string;
  receivedAt: string;
  due: string | null;
  overdue: boolean;
  urgeCount: number;
  escalatedAt: string | null;
  contactName: string | null;
  contactPhone: string | null;
  reply: string | null;
  visitVerdict: string | null;
  resolution: string | null;
  externalRef: string | null;
}
interface CaseDetail extends CaseItem {
  acceptBy: string | null;
  replyBy: string | null;
  closeBy: string | null;
  events: { at: string; username: string | null; actionLabel: string; note: string | null }[];
  mayAct: { school: boolean; bureau: boolean };
}
const BUREAU = new Set<CaseAction>(['assign', 'visit', 'close', 'reopen']);
const NEEDS_NOTE = new Set<CaseAction>(['reply', 'close', 'return', 'request_info']);
const fmt = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');

export function CasesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const can = useCan();
  const user = useUser();
  // Mirrors the server's SPECIAL_PARENT_ROLES (ledger.ts): the tab is hidden from others, the server refuses them.
  const special = user.roles.some((r) => ['bureau_admin', 'bureau_leader', 'school_admin'].includes(r.role));
  const list = useQuery({
    queryKey: ['cases', state, overdue, q],
    queryFn: () =>
      api.get<{ items: CaseItem[]; concernPath: string }>('/surveys/cases', {
        state,
        overdue: overdue || undefined,
        q,
      }),
  });
  const stats = useQuery({
    queryKey: ['cases', 'stats'],
    queryFn: () =>
      api.get<{
        schools: {
          schoolId: number;
          name: string;
          cases: number;
          onTimeAcceptance: number | null;
          onTimeCompletion: number | null;
          visitSatisfaction: number | null;
          byCategory: Record<string, number>;
        }[];
      }>('/surveys/cases-stats'),
  });
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  return (
    <Page
      title={t('surveys.pages.cases')}
      extra={
        can.anySchool && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('surveys.cases.log')}
          </Button>
        )
      }
    >
      <Tabs
        items={[
          {
            key: 'list',
            label: t('surveys.cases.list'),
            children: (
              <>
                <Space wrap style={{ marginBottom: 12 }}>
                  <Select
                    allowClear
                    placeholder={t('surveys.fields.status')}
                    style={{ width: 140 }}
                    value={state}
                    onChange={setState}
                    options={CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))}
                  />
                  <span>
                    <Switch checked={overdue} onChange={setOverdue} /> {t('surveys.cases.overdueOnly')}
                  </span>
                  <Input.Search
                    allowClear
                    onSearch={setQ}
                    style={{ width: 260 }}
                    placeholder={t('surveys.cases.search')}
                  />
                  {list.data && (
                    <Typography.Text copyable={{ text: `${window.location.origin}${list.data.concernPath}` }}>
                      {t('surveys.cases.publicForm')}：{window.location.origin}
                      {list.data.concernPath}
                    </Typography.Text>
                  )}
                </Space>
                <Table<CaseItem>
                  rowKey="id"
                  size="small"
                  loading={list.isLoading}
                  dataSource={list.data?.items ?? []}
                  scroll={{ x: true }}
                  onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: t('surveys.cases.code'), dataIndex: 'trackingCode' },
                    { title: t('surveys.fields.title'), dataIndex: 'title' },
                    { title: t('surveys.cases.category'), dataIndex: 'category' },
                    {
                      title: t('surveys.fields.school'),
                      dataIndex: 'schoolName',
                      render: (v) => v ?? t('surveys.cases.bureau'),
                    },
                    {
                      title: t('surveys.fields.status'),
                      dataIndex: 'stateLabel',
                      render: (v, r) => (
                        <Tag color={r.state === 'closed' ? 'green' : r.state === 'returned' ? 'orange' : 'blue'}>
                          {v}
                        </Tag>
                      ),
                    },
                    {
                      title: t('surveys.cases.due'),
                      dataIndex: 'due',
                      render: (v: string | null, r) => (r.overdue ? <Tag color="red">{fmt(v)}</Tag> : fmt(v)),
                    },
                    { title: t('surveys.cases.received'), dataIndex: 'receivedAt', render: fmt },
                  ]}
                />
              </>
            ),
          },
          { key: 'problems', label: t('surveys.ledger.problems'), children: <ProblemListTab /> },
          ...(special
            ? [
                {
                  key: 'special',
                  label: t('surveys.ledger.specialParents'),
                  children: <LedgerTab list="special_parent" />,
                },
              ]
            : []),
          {
            key: 'stats',
            label: t('surveys.cases.stats'),
            children: (
              <Table
                rowKey="schoolId"
                size="small"
                dataSource={stats.data?.schools ?? []}
                columns={[
                  { title: t('surveys.fields.school'), dataIndex: 'name' },
                  { title: t('surveys.cases.count'), dataIndex: 'cases' },
                  { title: t('surveys.cases.onTimeAcceptance'), dataIndex: 'onTimeAcceptance', render: pct },
                  { title: t('surveys.cases.onTimeCompletion'), dataIndex: 'onTimeCompletion', render: pct },
                  { title: t('surveys.cases.visitSatisfaction'), dataIndex: 'visitSatisfaction', render: pct },
                  {
                    title: t('surveys.cases.category'),
                    dataIndex: 'byCategory',
                    render: (v: Record<string, number>) =>
                      Object.entries(v)
                        .map(([k, n]) => `${k} ${n}`)
                        .join('，'),
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {open !== null && <CaseDrawer id={open} onClose={() => setOpen(null)} />}
      <LogCase open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}

function CaseDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { scope } = useOrgScope();
  const detail = useQuery({
    queryKey: ['cases', 'one', id],
    queryFn: () => api.get<CaseDetail>(`/surveys/cases/${id}`),
  });
  const templates = useQuery({
    queryKey: ['cases', 'templates'],
    queryFn: () => api.get<{ items: { id: number; title: string; body: string }[] }>('/surveys/cases-templates'),
  });
  const [action, setAction] = useState<CaseAction | null>(null);
  const [note, setNote] = useState('');
  const [verdict, setVerdict] = useState<string>();
  const [schoolId, setSchoolId] = useState<number>();
  const run = useMutation({
    mutationFn: (body: object) => api.post(`/surveys/cases/${id}/actions`, body),
    onSuccess: () => {
      setAction(null);
      setNote('');
      void qc.invalidateQueries({ queryKey: ['cases'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const urge = async (escalate: boolean) => {
    try {
      await api.post(`/surveys/cases/${id}/urge`, { escalate });
      void qc.invalidateQueries({ queryKey: ['cases'] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const c = detail.data;
  const mine = c ? actionsFrom(c.state).filter((a) => (BUREAU.has(a) ? c.mayAct.bureau : c.mayAct.school)) : [];
  return (
    <Drawer open width={720} title={c ? `${c.trackingCode} ${c.title}` : ''} onClose={onClose}>
      {c && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('surveys.fields.status')}>{c.stateLabel}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.cases.category')}>
              {c.category}（{c.urgency === 'urgent' ? t('surveys.cases.urgent') : t('surveys.cases.normal')}）
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.fields.school')}>
              {c.schoolName ?? t('surveys.cases.bureau')}
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.cases.contact')}>
              {c.contactName || c.contactPhone
                ? `${c.contactName ?? ''} ${c.contactPhone ?? ''}`
                : t('surveys.cases.anonymous')}
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.cases.acceptBy')}>{fmt(c.acceptBy)}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.cases.replyBy')}>{fmt(c.replyBy)}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.cases.closeBy')}>{fmt(c.closeBy)}</Descriptions.Item>
            <Descriptions.Item label={t('surveys.cases.urged')}>
              {c.urgeCount}
              {c.escalatedAt ? ` · ${t('surveys.cases.escalated')}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.cases.content')} span={2}>
              {c.content}
            </Descriptions.Item>
            {c.reply && (
              <Descriptions.Item label={t('surveys.cases.reply')} span={2}>
                {c.reply}
              </Descriptions.Item>
            )}
            {c.resolution && (
              <Descriptions.Item label={t('surveys.cases.resolution')} span={2}>
                {c.resolution}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Space wrap style={{ margin: '12px 0' }}>
            {mine.map((a) => (
              <Button key={a} type={action === a ? 'primary' : 'default'} onClick={() => setAction(a)}>
                {CASE_ACTION_LABELS[a]}
              </Button>
            ))}
            {c.schoolId !== null && (c.mayAct.school || c.mayAct.bureau) && (
              <Button
                onClick={async () => {
                  try {
                    await api.post('/surveys/ledger/problem', {
                      schoolId: c.schoolId,
                      title: c.title,
                      detail: c.content,
                      caseId: c.id,
                    });
                    message.success(t('surveys.ledger.raised'));
                  } catch (e) {
                    message.error(errorMessage(e));
                  }
                }}
              >
                {t('surveys.ledger.raise')}
              </Button>
            )}
            {c.mayAct.bureau && c.overdue && (
              <>
                <Button onClick={() => urge(false)}>{t('surveys.cases.urge')}</Button>
                <Button danger onClick={() => urge(true)}>
                  {t('surveys.cases.escalate')}
                </Button>
              </>
            )}
          </Space>
          {action && (
            <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
              {action === 'reply' && (templates.data?.items.length ?? 0) > 0 && (
                <Select
                  placeholder={t('surveys.cases.template')}
                  style={{ width: 260 }}
                  options={templates.data!.items.map((x) => ({ value: x.body, label: x.title }))}
                  onChange={(v: string) => setNote(v)}
                />
              )}
              {action === 'visit' && (
                <Select
                  placeholder={t('surveys.cases.verdict')}
                  style={{ width: 200 }}
                  value={verdict}
                  onChange={setVerdict}
                  options={['满意', '基本满意', '不满意'].map((v) => ({ value: v, label: v }))}
                />
              )}
              {action === 'assign' && (
                <Select
                  showSearch
                  optionFilterProp="label"
                  placeholder={t('surveys.fields.school')}
                  style={{ width: 260 }}
                  value={schoolId}
                  onChange={setSchoolId}
                  options={scope.schools.map((s) => ({ value: s.id, label: s.name }))}
                />
              )}
              {(NEEDS_NOTE.has(action) || action === 'visit') && (
                <Input.TextArea
                  rows={3}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder={t('surveys.cases.note')}
                />
              )}
              <Button
                type="primary"
                loading={run.isPending}
                onClick={() => run.mutate({ action, note: note || undefined, verdict, schoolId })}
              >
                {t('surveys.actions.save')}
              </Button>
            </Space>
          )}
          <Timeline
            items={c.events.map((e) => ({
              children: `${fmt(e.at)} ${e.actionLabel}${e.username ? `（${e.username}）` : ''}${e.note ? `：${e.note}` : ''}`,
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

interface LogValues {
  channel: 'phone' | 'hotline12345';
  externalRef?: string;
  category: string;
  urgency: 'normal' | 'urgent';
  schoolId: number;
  title: string;
  content: string;
  contactName?: string;
  contactPhone?: string;
}

function LogCase({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { scope } = useOrgScope();
  const [form] = Form.useForm<LogValues>();
  const save = useMutation({
    mutationFn: (v: LogValues) => api.post('/surveys/cases', { ...v, anonymous: !v.contactPhone && !v.contactName }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['cases'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={t('surveys.cases.log')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<LogValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ channel: 'phone', urgency: 'normal' }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="channel" label={t('surveys.cases.channel')}>
          <Select
            options={[
              { value: 'phone', label: '电话登记' },
              { value: 'hotline12345', label: '12345 转办' },
            ]}
          />
        </Form.Item>
        <Form.Item name="externalRef" label={t('surveys.cases.externalRef')}>
          <Input maxLength={60} />
        </Form.Item>
        <Space>
          <Form.Item name="category" label={t('surveys.cases.category')} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={CASE_CATEGORIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="urgency" label={t('surveys.cases.urgency')}>
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'normal', label: t('surveys.cases.normal') },
                { value: 'urgent', label: t('surveys.cases.urgent') },
              ]}
            />
          </Form.Item>
        </Space>
        <Form.Item name="schoolId" label={t('surveys.fields.school')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={scope.schools.map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('surveys.fields.title')} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="content" label={t('surveys.cases.content')} rules={[{ required: true, max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Space>
          <Form.Item name="contactName" label={t('surveys.cases.contactName')}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('surveys.cases.contactPhone')}>
            <Input maxLength={30} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
