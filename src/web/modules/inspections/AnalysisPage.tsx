/**
 * 督导分析: ranking and radar across a plan's schools and a school's trend; the ledger's closure rate, mean days to
 * close, ageing, overdue and recurring problems; the school risk list (its formula shown); responsibility zones with
 * their visit-frequency compliance.
 */
import { FileWordOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import * as echarts from 'echarts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiJson, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { useOrgScope } from '../../app/scope';
import type { ListAnswer } from '../../app/types';
import { downloadFile } from '../../ui/download';
import { Page } from '../../ui/Page';
import { BASE, isManagerUser, pct } from './shared';

function Chart({ option, height = 320 }: { option: echarts.EChartsOption; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} style={{ width: '100%', height }} />;
}

export function AnalysisPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('inspections.pages.analysis')}>
      <Tabs
        items={[
          { key: 'ranking', label: t('inspections.analysis.ranking'), children: <Ranking /> },
          { key: 'ledger', label: t('inspections.analysis.ledger'), children: <Ledger /> },
          { key: 'risk', label: t('inspections.analysis.risk'), children: <Risk /> },
          { key: 'zones', label: t('inspections.analysis.zones'), children: <Zones /> },
        ]}
      />
    </Page>
  );
}

interface VisitLite {
  planId: number;
  planTitle: string;
  schoolId: number;
  schoolName: string;
}

function Ranking() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const visits = useQuery({
    queryKey: ['list', `${BASE}/visits`, {}],
    queryFn: () => api.get<ListAnswer<VisitLite>>(`${BASE}/visits`),
  });
  const plans = [...new Map((visits.data?.items ?? []).map((v) => [v.planId, v.planTitle])).entries()];
  const [plan, setPlan] = useState<number | null>(null);
  const [school, setSchool] = useState<number | null>(null);
  const ranking = useQuery({
    queryKey: ['item', `${BASE}/plans/ranking`, plan ?? 0],
    queryFn: () =>
      api.get<{
        axes: { code: string; title: string }[];
        items: {
          schoolId: number;
          schoolName: string;
          total: number;
          max: number;
          grade: string;
          rank: number;
          axes: Record<string, number | null>;
        }[];
      }>(`${BASE}/plans/${plan}/ranking`),
    enabled: plan !== null,
  });
  const trend = useQuery({
    queryKey: ['item', `${BASE}/schools/trend`, school ?? 0],
    queryFn: () =>
      api.get<{
        items: { id: number; date: string; templateTitle: string; total: number; max: number; grade: string }[];
      }>(`${BASE}/schools/${school}/trend`),
    enabled: school !== null,
  });
  const schools = [...new Map((visits.data?.items ?? []).map((v) => [v.schoolId, v.schoolName])).entries()];
  const r = ranking.data;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Select
          style={{ width: '100%', marginBottom: 12 }}
          placeholder={t('inspections.analysis.pickPlan')}
          value={plan}
          onChange={setPlan}
          options={plans.map(([id, title]) => ({ value: id, label: title }))}
        />
        {r && plan && (
          <>
            <Space style={{ marginBottom: 12 }}>
              <Button
                icon={<FileWordOutlined />}
                onClick={() =>
                  void downloadFile(`${BASE}/plans/${plan}/report`, {}, 'report.docx').catch((e) =>
                    message.error(errorMessage(e)),
                  )
                }
              >
                {t('inspections.analysis.report')}
              </Button>
              <Button
                icon={<FileWordOutlined />}
                onClick={() =>
                  void downloadFile(`${BASE}/plans/${plan}/bulletin`, {}, 'bulletin.docx').catch((e) =>
                    message.error(errorMessage(e)),
                  )
                }
              >
                {t('inspections.analysis.bulletin')}
              </Button>
            </Space>
            <Table
              size="small"
              rowKey="schoolId"
              pagination={false}
              dataSource={r.items}
              columns={[
                { title: t('inspections.analysis.rank'), dataIndex: 'rank', width: 60 },
                { title: t('inspections.plan.school'), dataIndex: 'schoolName' },
                {
                  title: t('inspections.result.total'),
                  dataIndex: 'total',
                  render: (v: number, x) => `${v} / ${x.max}`,
                },
                { title: t('inspections.result.grade'), dataIndex: 'grade' },
              ]}
            />
            {r.axes.length >= 3 && r.items.length > 0 && (
              <Chart
                option={{
                  legend: { bottom: 0, type: 'scroll' },
                  tooltip: {},
                  radar: { indicator: r.axes.map((a) => ({ name: a.title, max: 100 })) },
                  series: [
                    {
                      type: 'radar',
                      data: r.items.slice(0, 8).map((x) => ({
                        name: x.schoolName,
                        value: r.axes.map((a) => Math.round((x.axes[a.code] ?? 0) * 100)),
                      })),
                    },
                  ],
                }}
              />
            )}
          </>
        )}
      </Col>
      <Col xs={24} lg={12}>
        <Select
          style={{ width: '100%', marginBottom: 12 }}
          placeholder={t('inspections.analysis.pickSchool')}
          value={school}
          onChange={setSchool}
          options={schools.map(([id, name]) => ({ value: id, label: name }))}
        />
        {trend.data && trend.data.items.length > 0 && (
          <Chart
            option={{
              tooltip: { trigger: 'axis' },
              xAxis: {
                type: 'category',
                data: trend.data.items.map((x) => `${x.date}\n${x.templateTitle.slice(0, 6)}`),
              },
              yAxis: { type: 'value', max: 100, name: '%' },
              series: [{ type: 'line', data: trend.data.items.map((x) => Math.round((x.total / x.max) * 1000) / 10) }],
            }}
          />
        )}
      </Col>
    </Row>
  );
}

function Ledger() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['item', `${BASE}/stats/ledger`, 0],
    queryFn: () =>
      api.get<{
        closure: {
          schoolId: number;
          schoolName: string;
          total: number;
          closed: number;
          closureRate: number | null;
          meanDaysToClose: number | null;
        }[];
        ageing: Record<string, number>;
        overdue: {
          id: number;
          schoolName: string;
          deadline: string;
          daysOverdue: number;
          criterionTitle: string | null;
        }[];
        recurring: {
          id: number;
          schoolName: string;
          criterionCode: string;
          criterionTitle: string;
          createdOn: string;
        }[];
      }>(`${BASE}/stats/ledger`),
  });
  const d = q.data;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('inspections.analysis.closure')}>
          <Table
            size="small"
            rowKey="schoolId"
            loading={q.isLoading}
            dataSource={d?.closure ?? []}
            columns={[
              { title: t('inspections.plan.school'), dataIndex: 'schoolName' },
              { title: t('inspections.analysis.problems'), dataIndex: 'total' },
              { title: t('inspections.analysis.closed'), dataIndex: 'closed' },
              {
                title: t('inspections.analysis.closureRate'),
                dataIndex: 'closureRate',
                render: (v: number | null) => pct(v),
              },
              {
                title: t('inspections.analysis.meanDays'),
                dataIndex: 'meanDaysToClose',
                render: (v: number | null) => v ?? '—',
              },
            ]}
          />
          <Typography.Text type="secondary">{t('inspections.analysis.closureNote')}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('inspections.analysis.ageing')}>
          <Space wrap>
            {Object.entries(d?.ageing ?? {}).map(([k, n]) => (
              <Tag key={k} color={k === '90+' && n > 0 ? 'error' : undefined}>
                {t('inspections.analysis.days', { range: k })}：{n}
              </Tag>
            ))}
          </Space>
        </Card>
        <Card size="small" title={t('inspections.analysis.overdue')} style={{ marginTop: 12 }}>
          {(d?.overdue ?? []).map((o) => (
            <div key={o.id}>
              #{o.id} {o.schoolName} {o.criterionTitle ?? ''} · {o.deadline}（
              {t('inspections.problem.daysOverdue', { n: o.daysOverdue })}）
            </div>
          ))}
        </Card>
        <Card size="small" title={t('inspections.analysis.recurring')} style={{ marginTop: 12 }}>
          {(d?.recurring ?? []).map((o) => (
            <div key={o.id}>
              #{o.id} {o.schoolName} {o.criterionCode} {o.criterionTitle} · {o.createdOn}
            </div>
          ))}
        </Card>
      </Col>
    </Row>
  );
}

function Risk() {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: ['item', `${BASE}/stats/risk`, 0],
    queryFn: () =>
      api.get<{
        weights: { overdue: number; recurring: number; lowScore: number; monthsSinceVisit: number; maxMonths: number };
        items: {
          schoolId: number;
          schoolName: string;
          score: number;
          overdue: number;
          recurring: number;
          latestRatio: number | null;
          monthsSinceVisit: number | null;
        }[];
      }>(`${BASE}/stats/risk`),
  });
  const w = q.data?.weights;
  return (
    <>
      {w && <Typography.Paragraph type="secondary">{t('inspections.analysis.riskFormula', w)}</Typography.Paragraph>}
      <Table
        size="small"
        rowKey="schoolId"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: t('inspections.plan.school'), dataIndex: 'schoolName' },
          { title: t('inspections.analysis.score'), dataIndex: 'score' },
          { title: t('inspections.analysis.overdueN'), dataIndex: 'overdue' },
          { title: t('inspections.analysis.recurringN'), dataIndex: 'recurring' },
          { title: t('inspections.analysis.latest'), dataIndex: 'latestRatio', render: (v: number | null) => pct(v) },
          {
            title: t('inspections.analysis.months'),
            dataIndex: 'monthsSinceVisit',
            render: (v: number | null) => v ?? t('inspections.analysis.never'),
          },
        ]}
      />
    </>
  );
}

interface Zone {
  id: number;
  name: string;
  inspectorId: number;
  inspectorName: string | null;
  minVisits: number;
  period: 'month' | 'term';
  from: string;
  to: string;
  behind: number;
  schools: { id: number; name: string; done: number; lastVisit: string | null; behind: boolean }[];
}

function Zones() {
  const { t } = useTranslation();
  const user = useUser();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { scope } = useOrgScope();
  const [editing, setEditing] = useState<Zone | null | undefined>(undefined);
  const q = useQuery({
    queryKey: ['list', `${BASE}/zones`],
    queryFn: () => api.get<{ items: Zone[] }>(`${BASE}/zones`),
  });
  const inspectors = useQuery({
    queryKey: ['list', `${BASE}/inspectors`],
    queryFn: () => api.get<ListAnswer<{ id: number; name: string }>>(`${BASE}/inspectors`),
    enabled: isManagerUser(user),
  });
  const [form] = Form.useForm();
  const save = async (v: Record<string, unknown>) => {
    try {
      if (editing) await apiJson('PUT', `${BASE}/zones/${editing.id}`, { body: v });
      else await api.post(`${BASE}/zones`, v);
      message.success(t('inspections.common.saved'));
      setEditing(undefined);
      await queryClient.invalidateQueries({ queryKey: ['list', `${BASE}/zones`] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <>
      {isManagerUser(user) && (
        <Button style={{ marginBottom: 12 }} onClick={() => setEditing(null)}>
          {t('inspections.zones.create')}
        </Button>
      )}
      {(q.data?.items ?? []).map((z) => (
        <Card
          key={z.id}
          size="small"
          style={{ marginBottom: 12 }}
          title={`${z.name} · ${z.inspectorName ?? ''}`}
          extra={
            <Space>
              <Tag>{t(`inspections.zones.rule.${z.period}` as 'inspections.zones.rule.month', { n: z.minVisits })}</Tag>
              {z.behind > 0 ? (
                <Tag color="error">{t('inspections.zones.behind', { n: z.behind })}</Tag>
              ) : (
                <Tag color="success">{t('inspections.zones.ok')}</Tag>
              )}
              {isManagerUser(user) && (
                <Button size="small" onClick={() => setEditing(z)}>
                  {t('inspections.common.edit')}
                </Button>
              )}
            </Space>
          }
        >
          <Typography.Text type="secondary">
            {z.from} ~ {z.to}
          </Typography.Text>
          {z.schools.map((s) => (
            <div key={s.id}>
              {s.name}：{t('inspections.zones.done', { n: s.done, min: z.minVisits })}
              {s.lastVisit && ` · ${t('inspections.zones.last', { date: s.lastVisit })}`}
              {s.behind && (
                <Tag color="error" style={{ marginLeft: 8 }}>
                  {t('inspections.zones.behindOne')}
                </Tag>
              )}
            </div>
          ))}
        </Card>
      ))}
      <Modal
        open={editing !== undefined}
        title={t('inspections.zones.create')}
        onCancel={() => setEditing(undefined)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={
            editing
              ? { ...editing, schoolIds: editing.schools.map((s) => s.id) }
              : { minVisits: 1, period: 'month', schoolIds: [] }
          }
          onFinish={(v) => void save(v)}
        >
          <Form.Item name="name" label={t('inspections.zones.name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="inspectorId" label={t('inspections.zones.inspector')} rules={[{ required: true }]}>
            <Select options={(inspectors.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Space>
            <Form.Item name="minVisits" label={t('inspections.zones.min')} rules={[{ required: true }]}>
              <InputNumber min={1} max={31} />
            </Form.Item>
            <Form.Item name="period" label={t('inspections.zones.period')}>
              <Select
                style={{ width: 100 }}
                options={[
                  { value: 'month', label: t('inspections.zones.month') },
                  { value: 'term', label: t('inspections.zones.term') },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item name="schoolIds" label={t('inspections.plan.schools')}>
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={scope.schools.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
