import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Input, Progress, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/use-can';
import { downloadFile } from '../../ui/download';
import { Page } from '../../ui/Page';
import type { CampaignDetail, CampaignUnit } from './api';
import { ResultsView } from './ResultsView';

/**
 * One campaign: live coverage (every 15 s) per school and class with the 班主任 reminder list, the printables
 * (class QR posters, or one-time roster codes), results, priorities and comments.
 */
export function CampaignDetailView({ id, onBack }: { id: number; onBack: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [onlyBelow, setOnlyBelow] = useState(false);
  const detail = useQuery({
    queryKey: ['surveys', 'campaign', id],
    queryFn: () => api.get<CampaignDetail>(`/surveys/campaigns/${id}`),
    refetchInterval: 15_000,
  });
  const c = detail.data;
  const run = async (f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  if (!c)
    return (
      <Page title={t('surveys.pages.campaigns')}>
        {detail.error ? <Alert type="error" message={errorMessage(detail.error)} /> : null}
      </Page>
    );
  const units = onlyBelow ? c.units.filter((u) => !u.met).sort((a, b) => b.shortfall - a.shortfall) : c.units;
  const base = `${window.location.origin}/s/`;
  const pct = (x: number | null) => (x === null ? 0 : Math.round(x * 1000) / 10);

  const coverage = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {c.mode === 'open' ? (
          <Button
            onClick={() =>
              run(() => downloadFile(`/surveys/campaigns/${id}/posters`, {}, `${c.title}-二维码海报.html`))
            }
          >
            {t('surveys.actions.posters')}
          </Button>
        ) : (
          c.canManage && (
            <Button
              onClick={() =>
                run(async () => {
                  const { apiFetch } = await import('../../app/api');
                  const res = await apiFetch('POST', `/surveys/campaigns/${id}/tokens`, {
                    body: {},
                    accept: 'text/html',
                  });
                  const url = URL.createObjectURL(await res.blob());
                  const a = document.createElement('a');
                  a.href = url;
                  a.download = `${c.title}-填写码.html`;
                  a.click();
                  setTimeout(() => URL.revokeObjectURL(url), 10_000);
                })
              }
            >
              {t('surveys.actions.tokens')}
            </Button>
          )
        )}
        <span>
          <Switch checked={onlyBelow} onChange={setOnlyBelow} /> {t('surveys.actions.onlyBelow')}
        </span>
        <Typography.Text type="secondary">{t('surveys.hints.liveCoverage')}</Typography.Text>
      </Space>
      {c.mode === 'tokens' && <Alert type="info" showIcon message={t('surveys.hints.tokensOnce')} />}
      <Table
        rowKey="schoolId"
        size="small"
        pagination={false}
        dataSource={c.schools}
        scroll={{ x: true }}
        columns={[
          { title: t('surveys.fields.school'), dataIndex: 'schoolName' },
          { title: '学区', dataIndex: 'regionName' },
          { title: t('surveys.fields.respondents'), dataIndex: 'respondents' },
          { title: t('surveys.fields.eligible'), dataIndex: 'eligible' },
          {
            title: t('surveys.fields.coverage'),
            dataIndex: 'coverage',
            render: (v: number | null) => (
              <Progress percent={Math.min(100, pct(v))} size="small" style={{ width: 140 }} />
            ),
          },
          {
            title: t('surveys.fields.status'),
            dataIndex: 'met',
            render: (v: boolean) => (
              <Tag color={v ? 'green' : 'orange'}>{t(v ? 'surveys.status.met' : 'surveys.status.notMet')}</Tag>
            ),
          },
        ]}
      />
      <Table<CampaignUnit>
        rowKey="id"
        size="small"
        dataSource={units}
        pagination={{ pageSize: 50 }}
        scroll={{ x: true }}
        columns={[
          { title: t('surveys.fields.school'), dataIndex: 'schoolName' },
          { title: t('surveys.fields.class'), dataIndex: 'className' },
          { title: t('surveys.fields.headTeacher'), dataIndex: 'headTeacherName' },
          {
            title: t('surveys.fields.respondents'),
            dataIndex: 'respondents',
            render: (v: number) => <span data-testid="unit-respondents">{v}</span>,
          },
          { title: t('surveys.fields.eligible'), dataIndex: 'eligible' },
          { title: t('surveys.fields.coverage'), dataIndex: 'coverage', render: (v: number | null) => `${pct(v)}%` },
          { title: t('surveys.fields.shortfall'), dataIndex: 'shortfall' },
          ...(c.mode === 'open'
            ? [
                {
                  title: t('surveys.hints.link'),
                  dataIndex: 'linkCode',
                  render: (v: string) => (
                    <Typography.Link href={`${base}?c=${v}`} target="_blank" copyable={{ text: `${base}?c=${v}` }}>
                      {v}
                    </Typography.Link>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );

  return (
    <Page
      title={c.title}
      extra={
        <Space wrap>
          <Button onClick={onBack}>{t('surveys.actions.back')}</Button>
          <Button
            onClick={() => run(() => downloadFile(`/surveys/campaigns/${id}/export`, {}, `${c.title}-结果.xlsx`))}
          >
            {t('surveys.actions.exportXlsx')}
          </Button>
          <Button
            type="primary"
            onClick={() =>
              run(() => downloadFile(`/surveys/campaigns/${id}/bulletin`, {}, `${c.title}-满意度通报.docx`))
            }
          >
            {t('surveys.actions.bulletin')}
          </Button>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('surveys.fields.audience')}>
          {t(`surveys.audience.${c.audience as 'parents'}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('surveys.fields.window')}>
          {dayjs(c.opensAt).format('MM-DD HH:mm')} – {dayjs(c.closesAt).format('MM-DD HH:mm')}
        </Descriptions.Item>
        <Descriptions.Item label={t('surveys.fields.target')}>{Math.round(c.target * 100)}%</Descriptions.Item>
        <Descriptions.Item label={t('surveys.fields.coverage')}>
          <span data-testid="total-respondents">{c.total.respondents}</span> / {c.total.eligible}（
          {pct(c.total.coverage)}%）
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          { key: 'coverage', label: t('surveys.tabs.coverage'), children: coverage },
          { key: 'results', label: t('surveys.tabs.results'), children: <ResultsView id={id} part="results" /> },
          { key: 'drivers', label: t('surveys.tabs.drivers'), children: <ResultsView id={id} part="drivers" /> },
          { key: 'comments', label: t('surveys.tabs.comments'), children: <Comments id={id} /> },
        ]}
      />
    </Page>
  );
}

function Comments({ id }: { id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const [promoted, setPromoted] = useState(new Set<number>());
  const promote = async (row: { schoolId: number; text: string }, i: number) => {
    try {
      await api.post('/surveys/cases', {
        channel: 'survey',
        category: '其他',
        schoolId: row.schoolId,
        title: row.text.slice(0, 30),
        content: row.text,
      });
      setPromoted(new Set([...promoted, i]));
      message.success(t('surveys.cases.promoted'));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['surveys', 'comments', id, q],
    queryFn: () =>
      api.get<{ total: number; items: { schoolId: number; schoolName: string; question: string; text: string }[] }>(
        `/surveys/campaigns/${id}/comments`,
        { q },
      ),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search allowClear enterButton={t('surveys.actions.search')} onSearch={setQ} style={{ maxWidth: 400 }} />
      <Table
        rowKey={(_, i) => String(i)}
        size="small"
        loading={found.isLoading}
        dataSource={found.data?.items ?? []}
        columns={[
          { title: t('surveys.fields.school'), dataIndex: 'schoolName', width: 180 },
          { title: t('surveys.fields.question'), dataIndex: 'question', width: 240 },
          // React escapes the text: an answer with <script> shows as typed, never runs.
          { title: t('surveys.fields.comment'), dataIndex: 'text' },
          {
            title: t('common.actions'),
            width: 120,
            render: (_, row, i) =>
              can.school(row.schoolId) &&
              (promoted.has(i) ? (
                t('surveys.cases.promoted')
              ) : (
                <Button size="small" onClick={() => promote(row, i)}>
                  {t('surveys.cases.promote')}
                </Button>
              )),
          },
        ]}
      />
    </Space>
  );
}
