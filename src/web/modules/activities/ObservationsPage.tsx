import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Drawer, Input, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { DataTable } from '../../ui/DataTable';
import { Page } from '../../ui/Page';
import { invalidateEntity, itemKey } from '../../ui/query-keys';
import { OBSERVATION_KINDS, type Observation, type Rubric } from './api-types';

const ENDPOINT = '/activities/observations';

/** 听课评课记录: lessons I observed, lessons observed of me (with the acknowledgement), and all I may see. */
export function ObservationsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'given' | 'received' | 'all'>('all');
  const [open, setOpen] = useState<number | null>(null);
  const f = (k: string) => t(`activities.fields.${k}` as 'activities.fields.teacher');
  return (
    <Page title={t('activities.pages.observations')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as typeof tab)}
        items={[
          { key: 'all', label: t('activities.observations.all') },
          { key: 'given', label: t('activities.observations.given') },
          { key: 'received', label: t('activities.observations.received') },
        ]}
      />
      <DataTable<Observation>
        key={tab}
        endpoint={ENDPOINT}
        fixedParams={{ mine: tab === 'all' ? undefined : tab }}
        orgFilter
        searchable={false}
        filters={[
          {
            kind: 'select',
            name: 'kind',
            label: f('kind'),
            options: OBSERVATION_KINDS.map((k) => ({ value: k, label: k })),
          },
          { kind: 'dateRange', names: ['from', 'to'], label: f('lessonDate') },
        ]}
        columns={[
          { title: f('lessonDate'), key: 'lessonDate', dataIndex: 'lessonDate', sorter: true },
          { title: f('period'), dataIndex: 'period', render: (n: number) => t('activities.periodLabel', { n }) },
          { title: f('teacher'), key: 'teacherName', dataIndex: 'teacherName', sorter: true },
          { title: f('subject'), dataIndex: 'subjectName' },
          { title: f('school'), dataIndex: 'schoolName' },
          { title: f('observer'), key: 'observerName', dataIndex: 'observerName', sorter: true },
          { title: f('kind'), dataIndex: 'kind', render: (k: string) => <Tag>{k}</Tag> },
          { title: f('score'), key: 'score', dataIndex: 'score', sorter: true, render: (s: number) => s.toFixed(2) },
          {
            title: f('acknowledged'),
            dataIndex: 'acknowledgedAt',
            render: (v: string | null) =>
              v ? (
                <Tag color="green">{t('activities.observations.acknowledged')}</Tag>
              ) : (
                <Tag>{t('activities.observations.pending')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, row) => (
              <Button
                type="link"
                size="small"
                onClick={() => setOpen(row.id)}
                data-testid={`observation-open-${row.id}`}
              >
                {t('activities.observations.detail')}
              </Button>
            ),
          },
        ]}
      />
      <ObservationDrawer id={open} onClose={() => setOpen(null)} />
    </Page>
  );
}

/** One observation: the levels per criterion, evidence and 评课; the observed teacher acknowledges it here. */
function ObservationDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const item = useQuery({
    queryKey: itemKey(ENDPOINT, id ?? 0),
    queryFn: () => api.get<Observation>(`${ENDPOINT}/${id}`),
    enabled: id != null,
  });
  const rubrics = useQuery({
    queryKey: ['activities', 'rubrics'],
    queryFn: () => api.get<Rubric[]>('/activities/rubrics'),
  });
  const o = item.data;
  const rubric = rubrics.data?.find((r) => r.id === o?.rubricId);
  const f = (k: string) => t(`activities.fields.${k}` as 'activities.fields.teacher');

  async function acknowledge() {
    setError(null);
    try {
      await api.post(`${ENDPOINT}/${id}/acknowledge`, { note: note.trim() || null });
      await invalidateEntity(queryClient, ENDPOINT);
      message.success(t('activities.observations.acknowledged'));
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Drawer open={id != null} onClose={onClose} title={t('activities.observations.detail')} size={560} destroyOnHidden>
      {item.error && <Alert type="error" showIcon title={errorMessage(item.error)} />}
      {o && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={f('teacher')}>
              {o.teacherName} · {o.schoolName}
            </Descriptions.Item>
            <Descriptions.Item label={f('lessonDate')}>
              {o.lessonDate} {t('activities.periodLabel', { n: o.period })} · {o.subjectName} {o.className ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={f('observer')}>
              {o.observerName} · {o.kind}
            </Descriptions.Item>
            <Descriptions.Item label={f('rubric')}>{o.rubricName}</Descriptions.Item>
            {rubric?.criteria.map((c) => (
              <Descriptions.Item key={c.id} label={c.zh}>
                {rubric.levelLabels[(o.scores[c.id] ?? 1) - 1]} ({o.scores[c.id]})
              </Descriptions.Item>
            ))}
            <Descriptions.Item label={f('score')}>{o.score.toFixed(2)}</Descriptions.Item>
            <Descriptions.Item label={f('evidence')}>{o.evidence}</Descriptions.Item>
            <Descriptions.Item label={f('strengths')}>{o.strengths}</Descriptions.Item>
            <Descriptions.Item label={f('improvement')}>{o.improvement}</Descriptions.Item>
            <Descriptions.Item label={f('enteredAt')}>{o.enteredAt.replace('T', ' ').slice(0, 16)}</Descriptions.Item>
            <Descriptions.Item label={f('acknowledged')}>
              {o.acknowledgedAt ? `${o.acknowledgedAt.replace('T', ' ').slice(0, 16)} ${o.acknowledgement ?? ''}` : '—'}
            </Descriptions.Item>
          </Descriptions>
          {o.teacherId === user.staffId && !o.acknowledgedAt && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Input.TextArea
                rows={2}
                placeholder={t('activities.observations.reply')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
                maxLength={1000}
              />
              {error && <Alert type="error" showIcon title={error} />}
              <Button type="primary" onClick={acknowledge} data-testid="observation-acknowledge">
                {t('activities.observations.acknowledge')}
              </Button>
            </Space>
          )}
        </Space>
      )}
    </Drawer>
  );
}
