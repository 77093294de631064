/**
 * 心理健康: for the named roles of a school (心理健康教师, 教导主任/德育主任, 校长) the alert cards (红/黄/蓝) with the plan
 * (一人一策), helper (一人一帮), follow-ups and closing, and the screening rounds; everyone else sees only the counts,
 * withheld below 5. Every read of a card is logged on the server.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { useOrgScope } from '../../app/scope';
import type { User } from '../../app/types';
import { Page } from '../../ui/Page';
import { RemoteSelect } from '../../ui/RemoteSelect';
import { staffSource } from '../org/lookups';
import { type UnitChoice, UnitPicker, unitOf, useSeesCounty } from './UnitPicker';

const NAMED = ['psychologist', 'school_director', 'school_admin'];
const LEVEL_COLOR: Record<string, string> = { red: 'red', yellow: 'gold', blue: 'blue' };
const KEY = ['health', 'mental'];

/** Schools where the user holds a named role. */
export function mentalSchoolIds(user: User): number[] {
  return [...new Set(user.roles.filter((r) => NAMED.includes(r.role) && r.schoolId != null).map((r) => r.schoolId!))];
}

interface CardRow {
  id: number;
  studentNo: string;
  studentName: string;
  className: string | null;
  level: string;
  reason: string;
  status: string;
  createdAt: string;
}

export function MentalPage() {
  const { t } = useTranslation();
  const user = useUser();
  const schools = mentalSchoolIds(user);
  return (
    <Page title={t('health.pages.mental')}>{schools.length > 0 ? <Records schoolIds={schools} /> : <Summary />}</Page>
  );
}

/** Counts only (everyone without a named role): the unit's open cards by level, small counts withheld. */
function Summary() {
  const { t } = useTranslation();
  const user = useUser();
  const seesCounty = useSeesCounty();
  const [choice, setChoice] = useState<UnitChoice>({ schoolId: null, classId: null });
  const unit = unitOf(choice, user.countyId, seesCounty);
  const summary = useQuery({
    queryKey: [...KEY, 'summary', unit],
    queryFn: () =>
      api.get<{
        screened: number;
        open: number | null;
        red: number | null;
        yellow: number | null;
        blue: number | null;
      }>('/health/mental/summary', { level: unit?.level, unitId: unit?.unitId }),
    enabled: unit !== null,
  });
  const show = (v: number | null | undefined) => (v === null ? t('health.mental.suppressed') : (v ?? '—'));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="info" showIcon title={t('health.mental.countsOnly')} />
      <UnitPicker value={choice} onChange={setChoice} noClass />
      {summary.error && <Alert type="error" showIcon title={errorMessage(summary.error)} />}
      {summary.data && (
        <Space wrap data-testid="mental-summary">
          <Card size="small">
            <Statistic title={t('health.mental.screened')} value={summary.data.screened} />
          </Card>
          <Card size="small">
            <Statistic title={t('health.mental.open')} value={show(summary.data.open)} />
          </Card>
          {(['red', 'yellow', 'blue'] as const).map((l) => (
            <Card size="small" key={l}>
              <Statistic title={t(`health.mental.levels.${l}`)} value={show(summary.data[l])} />
            </Card>
          ))}
        </Space>
      )}
    </Space>
  );
}

function Records({ schoolIds }: { schoolIds: number[] }) {
  const { t } = useTranslation();
  const { scope } = useOrgScope();
  const [schoolId, setSchoolId] = useState(schoolIds[0]);
  const [status, setStatus] = useState<'open' | 'closed' | undefined>('open');
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState<'card' | 'round' | null>(null);
  const cards = useQuery({
    queryKey: [...KEY, 'cards', schoolId, status],
    queryFn: () => api.get<{ items: CardRow[] }>('/health/mental/cards', { schoolId, status }),
  });
  const rounds = useQuery({
    queryKey: [...KEY, 'rounds', schoolId],
    queryFn: () =>
      api.get<{ items: { id: number; name: string; scale: string; screened: number }[] }>('/health/mental/rounds', {
        schoolId,
      }),
  });
  const schoolName = (id: number) => scope.schools.find((s) => s.id === id)?.name ?? String(id);
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={t('health.mental.confidential')} />
      <Space wrap>
        <Select
          value={schoolId}
          onChange={setSchoolId}
          options={schoolIds.map((id) => ({ value: id, label: schoolName(id) }))}
          style={{ minWidth: 200 }}
        />
        <Select
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : (v as 'open' | 'closed'))}
          options={[
            { value: 'open', label: t('health.mental.statusOpen') },
            { value: 'closed', label: t('health.mental.statusClosed') },
            { value: 'all', label: t('health.mental.statusAll') },
          ]}
          style={{ width: 120 }}
        />
        <Button type="primary" onClick={() => setCreating('card')} data-testid="mental-new-card">
          {t('health.mental.newCard')}
        </Button>
        <Button onClick={() => setCreating('round')}>{t('health.mental.newRound')}</Button>
      </Space>
      {cards.error && <Alert type="error" showIcon title={errorMessage(cards.error)} />}
      <Table
        size="small"
        rowKey="id"
        loading={cards.isLoading}
        dataSource={cards.data?.items ?? []}
        scroll={{ x: true }}
        columns={[
          {
            title: t('health.mental.level'),
            dataIndex: 'level',
            render: (v: string) => <Tag color={LEVEL_COLOR[v]}>{t(`health.mental.levels.${v as 'red'}`)}</Tag>,
          },
          {
            title: t('fields.personName'),
            dataIndex: 'studentName',
            render: (v: string, row) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpen(row.id)}>
                {v}
              </Button>
            ),
          },
          { title: t('fields.studentNo'), dataIndex: 'studentNo' },
          { title: t('fields.class'), dataIndex: 'className' },
          { title: t('health.mental.reason'), dataIndex: 'reason' },
          {
            title: t('fields.status'),
            dataIndex: 'status',
            render: (v: string) => (v === 'open' ? t('health.mental.statusOpen') : t('health.mental.statusClosed')),
          },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        title={() => t('health.mental.rounds')}
        dataSource={rounds.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('health.mental.roundName'), dataIndex: 'name' },
          { title: t('health.mental.scale'), dataIndex: 'scale' },
          { title: t('health.mental.screened'), dataIndex: 'screened' },
        ]}
      />
      {creating && (
        <CreateModal
          kind={creating}
          schoolId={schoolId}
          rounds={rounds.data?.items ?? []}
          onClose={() => setCreating(null)}
        />
      )}
      <CardDrawer key={open ?? 0} id={open} schoolId={schoolId} onClose={() => setOpen(null)} />
    </Space>
  );
}

function CreateModal({
  kind,
  schoolId,
  rounds,
  onClose,
}: {
  kind: 'card' | 'round';
  schoolId: number;
  rounds: { id: number; name: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await api.post(kind === 'card' ? '/health/mental/cards' : '/health/mental/rounds', { ...v, schoolId });
      await queryClient.invalidateQueries({ queryKey: KEY });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Modal
      open
      title={kind === 'card' ? t('health.mental.newCard') : t('health.mental.newRound')}
      onCancel={onClose}
      onOk={() => void save()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ level: 'yellow' }}>
        {kind === 'card' ? (
          <>
            <Form.Item name="studentNo" label={t('fields.studentNo')} rules={[{ required: true }]}>
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="level" label={t('health.mental.level')} rules={[{ required: true }]}>
              <Select
                options={(['red', 'yellow', 'blue'] as const).map((l) => ({
                  value: l,
                  label: t(`health.mental.levels.${l}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="reason" label={t('health.mental.reason')} rules={[{ required: true }]}>
              <Input.TextArea maxLength={500} rows={3} />
            </Form.Item>
            <Form.Item name="roundId" label={t('health.mental.round')}>
              <Select allowClear options={rounds.map((r) => ({ value: r.id, label: r.name }))} />
            </Form.Item>
            <Form.Item name="scaleScore" label={t('health.mental.scaleScore')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="name" label={t('health.mental.roundName')} rules={[{ required: true }]}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="scale" label={t('health.mental.scale')} rules={[{ required: true }]}>
              <Input maxLength={60} placeholder="MHT / SCL-90 / …" />
            </Form.Item>
            <Form.Item name="screened" label={t('health.mental.screened')} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

interface CardDetail extends CardRow {
  plan: string | null;
  helperStaffId: number | null;
  helperName: string | null;
  scaleScore: number | null;
  closingNote: string | null;
  followups: { id: number; date: string; note: string }[];
}

function CardDrawer({ id, schoolId, onClose }: { id: number | null; schoolId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const card = useQuery({
    queryKey: [...KEY, 'card', id],
    queryFn: () => api.get<CardDetail>(`/health/mental/cards/${id}`),
    enabled: id !== null,
  });
  const [plan, setPlan] = useState<string | undefined>();
  const [helper, setHelper] = useState<number | null | undefined>();
  const [note, setNote] = useState('');
  const [date, setDate] = useState(dayjs());
  const [closing, setClosing] = useState('');
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await queryClient.invalidateQueries({ queryKey: KEY });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const c = card.data;
  const isOpen = c?.status === 'open';
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={c ? `${c.studentName}（${c.studentNo}）` : ''}>
      {card.error && <Alert type="error" showIcon title={errorMessage(card.error)} />}
      {c && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('health.mental.level')}>
              <Tag color={LEVEL_COLOR[c.level]}>{t(`health.mental.levels.${c.level as 'red'}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('health.mental.reason')}>{c.reason}</Descriptions.Item>
            <Descriptions.Item label={t('health.mental.scaleScore')}>{c.scaleScore ?? '—'}</Descriptions.Item>
            {c.closingNote && (
              <Descriptions.Item label={t('health.mental.closingNote')}>{c.closingNote}</Descriptions.Item>
            )}
          </Descriptions>
          <Card size="small" title={t('health.mental.plan')}>
            <Input.TextArea
              rows={3}
              disabled={!isOpen}
              value={plan ?? c.plan ?? ''}
              onChange={(e) => setPlan(e.target.value)}
            />
            <div style={{ marginTop: 8 }}>{t('health.mental.helper')}</div>
            <RemoteSelect
              source={staffSource(schoolId)}
              value={helper === undefined ? (c.helperStaffId ?? undefined) : (helper ?? undefined)}
              onChange={(v) => setHelper(typeof v === 'number' ? v : null)}
              disabled={!isOpen}
              style={{ width: '100%' }}
            />
            {isOpen && (
              <Button
                style={{ marginTop: 8 }}
                onClick={() =>
                  void run(() =>
                    api.patch(`/health/mental/cards/${c.id}`, {
                      ...(plan !== undefined ? { plan: plan.trim() || null } : {}),
                      ...(helper !== undefined ? { helperStaffId: helper } : {}),
                    }),
                  )
                }
              >
                {t('common.save')}
              </Button>
            )}
          </Card>
          <Card size="small" title={t('health.mental.followups')}>
            <Timeline items={c.followups.map((f) => ({ key: f.id, children: `${f.date}　${f.note}` }))} />
            {isOpen && (
              <Space.Compact style={{ width: '100%' }}>
                <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
                <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
                <Button
                  disabled={!note.trim()}
                  onClick={() =>
                    void run(async () => {
                      await api.post(`/health/mental/cards/${c.id}/followups`, {
                        date: date.format('YYYY-MM-DD'),
                        note: note.trim(),
                      });
                      setNote('');
                    })
                  }
                >
                  {t('health.mental.addFollowup')}
                </Button>
              </Space.Compact>
            )}
          </Card>
          {isOpen && (
            <Card size="small" title={t('health.mental.close')}>
              <Space.Compact style={{ width: '100%' }}>
                <Input value={closing} onChange={(e) => setClosing(e.target.value)} maxLength={2000} />
                <Button
                  danger
                  disabled={!closing.trim()}
                  onClick={() =>
                    void run(() => api.post(`/health/mental/cards/${c.id}/close`, { note: closing.trim() }))
                  }
                >
                  {t('health.mental.close')}
                </Button>
              </Space.Compact>
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}
