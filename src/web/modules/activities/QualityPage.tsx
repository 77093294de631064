import { useQuery } from '@tanstack/react-query';
import { Alert, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useOrgFilter } from '../../app/org-unit';
import { DateInput } from '../../ui/DateInput';
import { Page } from '../../ui/Page';

interface Quality {
  pairs: {
    observerA: number;
    observerAName: string;
    observerB: number;
    observerBName: string;
    lessons: number;
    ratings: number;
    exact: number | null;
    adjacent: number | null;
    kappa: number | null;
  }[];
  severity: { observerId: number; name: string; lessons: number; meanOffset: number }[];
  flags: {
    id: number;
    observerName: string;
    teacherName: string;
    lessonDate: string;
    enteredAt: string;
    late: boolean;
    bulk: boolean;
  }[];
  lateDays: number;
}

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const num = (x: number | null) => (x === null ? '—' : x.toFixed(2));

/** 听课质量: agreement of observers on shared lessons, each observer's severity, late and bulk entries. */
export function QualityPage() {
  const { t } = useTranslation();
  const org = useOrgFilter();
  const [from, setFrom] = useState(dayjs().subtract(120, 'day').format('YYYY-MM-DD'));
  const [to, setTo] = useState(dayjs().format('YYYY-MM-DD'));
  const schoolId = typeof org.schoolId === 'number' ? org.schoolId : undefined;
  const q = useQuery({
    queryKey: ['activities', 'quality', from, to, schoolId],
    queryFn: () => api.get<Quality>('/activities/quality', { from, to, schoolId }),
  });
  const k = (key: string) => t(`activities.quality.${key}` as 'activities.quality.pairs');
  return (
    <Page
      title={t('activities.pages.quality')}
      extra={
        <Space wrap>
          <DateInput value={from} onChange={(v) => v && setFrom(v)} />
          <DateInput value={to} onChange={(v) => v && setTo(v)} />
        </Space>
      }
    >
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Space orientation="vertical" style={{ width: '100%' }} size="large">
        <Table
          size="small"
          title={() => k('pairs')}
          loading={q.isLoading}
          rowKey={(p) => `${p.observerA}|${p.observerB}`}
          dataSource={q.data?.pairs ?? []}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: k('pairA'), dataIndex: 'observerAName' },
            { title: k('pairB'), dataIndex: 'observerBName' },
            { title: k('lessons'), dataIndex: 'lessons' },
            { title: k('exact'), dataIndex: 'exact', render: pct },
            { title: k('adjacent'), dataIndex: 'adjacent', render: pct },
            { title: k('kappa'), dataIndex: 'kappa', render: num },
          ]}
        />
        <Table
          size="small"
          title={() => k('severity')}
          rowKey="observerId"
          dataSource={q.data?.severity ?? []}
          columns={[
            { title: t('activities.fields.observer'), dataIndex: 'name' },
            { title: k('lessons'), dataIndex: 'lessons' },
            {
              title: k('offset'),
              dataIndex: 'meanOffset',
              render: (x: number) => (
                <Tag color={x < -0.25 ? 'blue' : x > 0.25 ? 'orange' : undefined}>{x.toFixed(2)}</Tag>
              ),
            },
          ]}
        />
        <Table
          size="small"
          title={() => k('flags')}
          rowKey="id"
          dataSource={q.data?.flags ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('activities.fields.observer'), dataIndex: 'observerName' },
            { title: t('activities.fields.teacher'), dataIndex: 'teacherName' },
            { title: t('activities.fields.lessonDate'), dataIndex: 'lessonDate' },
            {
              title: t('activities.fields.enteredAt'),
              dataIndex: 'enteredAt',
              render: (s: string) => s.replace('T', ' ').slice(0, 16),
            },
            {
              title: '',
              render: (_: unknown, f) => (
                <Space>
                  {f.late && <Tag color="orange">{t('activities.quality.late', { days: q.data?.lateDays })}</Tag>}
                  {f.bulk && <Tag color="red">{k('bulk')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Space>
    </Page>
  );
}
