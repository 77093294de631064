import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useOrgFilter } from '../../app/org-unit';
import { DateInput } from '../../ui/DateInput';
import { Page } from '../../ui/Page';
import { RemoteSelect } from '../../ui/RemoteSelect';

interface Cell {
  classId: number;
  className: string;
  gradeLevel: number;
  weekday: number;
  days: number;
  meanTotal: number;
  daysOver: number;
  shareOver: number;
  cap: number | null;
}
interface Alert_ {
  classId: number;
  className: string;
  gradeLevel: number;
  date: string;
  total: number;
  cap: number;
  over: number;
}
interface Heatmap {
  cells: Cell[];
  alerts: Alert_[];
  classDays: number;
  daysOver: number;
}

/** Colour of a cell: green well under the cap, amber near it, red over (mean minutes / cap). */
function shade(mean: number, cap: number | null): string {
  if (cap === null) return '#f5f5f5';
  if (cap === 0) return mean > 0 ? '#ffccc7' : '#f6ffed';
  const r = mean / cap;
  return r > 1 ? '#ffccc7' : r > 0.85 ? '#fff1b8' : '#f6ffed';
}

/**
 * 作业总量: teachers declare a class's written homework per subject and day; the heat map shows each class's mean
 * total per weekday against its grade's cap, and the alerts list every class-day over the cap (年级组长 see their grade).
 */
export function HomeworkPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const org = useOrgFilter();
  const [from, setFrom] = useState(dayjs().subtract(27, 'day').format('YYYY-MM-DD'));
  const [to, setTo] = useState(dayjs().format('YYYY-MM-DD'));
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const schoolId = typeof org.schoolId === 'number' ? org.schoolId : undefined;
  const map = useQuery({
    queryKey: ['activities', 'homework', from, to, schoolId],
    queryFn: () => api.get<Heatmap>('/activities/homework/heatmap', { from, to, schoolId }),
  });
  const weekdays = t('activities.homework.weekdays').split(',');
  const classes = [...new Map((map.data?.cells ?? []).map((c) => [c.classId, c])).values()].sort(
    (a, b) => a.gradeLevel - b.gradeLevel || a.className.localeCompare(b.className, 'zh'),
  );
  const cell = (classId: number, wd: number) => map.data?.cells.find((c) => c.classId === classId && c.weekday === wd);

  async function declare(values: Record<string, unknown>) {
    setError(null);
    try {
      await api.post('/activities/homework', values);
      message.success(t('form.saved'));
      await queryClient.invalidateQueries({ queryKey: ['activities', 'homework'] });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Page
      title={t('activities.pages.homework')}
      extra={
        <Space wrap>
          <DateInput value={from} onChange={(v) => v && setFrom(v)} />
          <DateInput value={to} onChange={(v) => v && setTo(v)} />
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Card size="small" title={t('activities.homework.declare')}>
          <Form form={form} layout="inline" onFinish={declare} initialValues={{ hwDate: dayjs().format('YYYY-MM-DD') }}>
            <Form.Item name="classId" rules={[{ required: true }]} label={t('activities.fields.class')}>
              <RemoteSelect
                source={{
                  endpoint: '/org/classes',
                  params: { schoolId },
                  label: (c: { name: string; schoolName?: string }) => c.name,
                }}
                style={{ minWidth: 160 }}
              />
            </Form.Item>
            <Form.Item name="subjectId" rules={[{ required: true }]} label={t('activities.fields.subject')}>
              <RemoteSelect
                source={{ endpoint: '/org/subjects', label: (s: { name: string }) => s.name }}
                style={{ minWidth: 120 }}
              />
            </Form.Item>
            <Form.Item name="hwDate" rules={[{ required: true }]} label={t('activities.homework.date')}>
              <DateInput />
            </Form.Item>
            <Form.Item name="minutes" rules={[{ required: true }]} label={t('activities.homework.minutes')}>
              <InputNumber />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('activities.homework.declare')}
            </Button>
          </Form>
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
        </Card>
        {map.error && <Alert type="error" showIcon title={errorMessage(map.error)} />}
        {map.data && (
          <Typography.Text type="secondary">
            {t('activities.homework.summary', { days: map.data.classDays, over: map.data.daysOver })}
          </Typography.Text>
        )}
        <Table
          size="small"
          rowKey="classId"
          loading={map.isLoading}
          title={() => t('activities.homework.heatmap')}
          dataSource={classes}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('activities.fields.class'), dataIndex: 'className', fixed: 'left' },
            { title: t('activities.homework.cap'), dataIndex: 'cap', render: (c: number | null) => c ?? '—' },
            ...[1, 2, 3, 4, 5].map((wd) => ({
              title: weekdays[wd - 1],
              key: `wd${wd}`,
              render: (_: unknown, c: Cell) => {
                const x = cell(c.classId, wd);
                return x ? (
                  <div style={{ background: shade(x.meanTotal, x.cap), padding: '2px 6px', textAlign: 'right' }}>
                    {Math.round(x.meanTotal)}
                    {x.daysOver > 0 && <sup style={{ color: '#cf1322' }}> {x.daysOver}</sup>}
                  </div>
                ) : (
                  '—'
                );
              },
            })),
          ]}
        />
        <Table<Alert_>
          size="small"
          rowKey={(a) => `${a.classId}|${a.date}`}
          title={() => t('activities.homework.alerts')}
          dataSource={map.data?.alerts ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('activities.homework.date'), dataIndex: 'date' },
            { title: t('activities.fields.class'), dataIndex: 'className' },
            { title: t('activities.homework.total'), dataIndex: 'total' },
            { title: t('activities.homework.cap'), dataIndex: 'cap' },
            {
              title: t('activities.homework.over'),
              dataIndex: 'over',
              render: (o: number) => <Tag color="red">+{o}</Tag>,
            },
          ]}
        />
      </Space>
    </Page>
  );
}
