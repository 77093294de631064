/**
 * A visit's result: total and grade, each criterion with the inspectors' spread and the school's self-assessment
 * beside it, the findings that propose problems (the inspector confirms each), publishing, and the objection with
 * its decision.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leaves } from '../../../common/inspections';
import { api, errorMessage } from '../../app/api';
import { BASE, pct, type TemplateBodyDto } from './shared';

interface Spread {
  code: string;
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  range: number | null;
  full: number;
  flagged: boolean;
}
interface ResultAnswer {
  visit: { id: number; status: string; objectionUntil: string | null };
  plan: { title: string; kind: string };
  school: { id: number; name: string };
  template: { title: string; version: number; body: TemplateBodyDto };
  result: {
    combined: { nodes: Record<string, Spread>; total: Spread; vetoes: { code: string; count: number }[] } | null;
    total: number | null;
    max: number;
    grade: string | null;
    vetoed: boolean;
    selfVsExternal: {
      rows: { code: string; self: number | null; external: number | null; diff: number | null }[];
    } | null;
    findings: { code: string; title: string; reason: string; ratio: number | null; count: number }[];
    sheets: {
      userId: number;
      name: string;
      self: boolean;
      status: string;
      total: number | null;
      grade: string | null;
    }[];
  };
  objection: { reason: string; filed_on: string; upheld: boolean | null; decision: string | null } | null;
  problems: { id: number; code: string; status: string }[];
  bureau: boolean;
}

const SEVERITIES = ['重大', '一般', '轻微'];

export function ResultView({ visitId, onBack }: { visitId: number; onBack: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const key = ['item', `${BASE}/visits/result`, visitId];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<ResultAnswer>(`${BASE}/visits/${visitId}/result`) });
  const [finding, setFinding] = useState<{ code: string; title: string } | null>(null);
  const [form] = Form.useForm();
  const [objForm] = Form.useForm();
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
      await refresh();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  if (q.error) return <Alert type="error" title={errorMessage(q.error)} />;
  if (!q.data) return <Spin />;
  const d = q.data;
  const r = d.result;
  const titles = new Map<string, string>();
  const order = new Map<string, number>();
  const walk = (cs: TemplateBodyDto['criteria']) => {
    for (const c of cs) {
      titles.set(c.code, c.title);
      order.set(c.code, order.size);
      if (c.children) walk(c.children);
    }
  };
  walk(d.template.body.criteria);
  const leafCodes = new Set(leaves(d.template.body.criteria).map((c) => c.code));
  const selfRows = new Map((r.selfVsExternal?.rows ?? []).map((x) => [x.code, x]));
  const raised = new Map(d.problems.map((p) => [p.code, p]));
  // Document order: each branch before its criteria.
  const rows = Object.values(r.combined?.nodes ?? {})
    .filter((n) => n.full > 0)
    .sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));

  return (
    <div>
      <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
        {t('inspections.common.back')}
      </Button>
      <Typography.Title level={4} style={{ marginTop: 12 }}>
        {d.school.name} · {d.plan.title}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} bordered>
        <Descriptions.Item label={t('inspections.result.total')}>
          <span data-testid="result-total">{r.total ?? '—'}</span> / {r.max}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.result.grade')}>
          <Tag color={r.vetoed ? 'error' : 'blue'}>{r.grade ?? '—'}</Tag>
          {r.vetoed && <Tag color="error">{t('inspections.result.vetoed')}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.result.spread')}>
          {r.combined ? `${r.combined.total.min} – ${r.combined.total.max}（n=${r.combined.total.n}）` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('inspections.result.status')}>
          <Tag>{t(`inspections.visitStatus.${d.visit.status}` as 'inspections.visitStatus.planned')}</Tag>
          {d.visit.objectionUntil && t('inspections.result.objectionUntil', { date: d.visit.objectionUntil })}
        </Descriptions.Item>
      </Descriptions>
      {d.bureau && d.visit.status === 'scored' && (
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          data-testid="publish"
          onClick={() =>
            void act(() => api.post(`${BASE}/visits/${visitId}/publish`), t('inspections.result.published'))
          }
        >
          {t('inspections.result.publish')}
        </Button>
      )}
      {r.combined?.vetoes.length ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={r.combined.vetoes.map((v) => `${v.code} ${titles.get(v.code)}（${v.count}）`).join('；')}
        />
      ) : null}

      {d.bureau && r.findings.length > 0 && (
        <Card size="small" title={t('inspections.result.findings')} style={{ marginTop: 12 }}>
          {r.findings.map((f) => (
            <Flex key={f.code} justify="space-between" align="center" wrap gap={8} style={{ padding: '4px 0' }}>
              <span>
                <Tag color={f.reason === 'low' ? 'orange' : 'red'}>
                  {t(`inspections.result.reason.${f.reason}` as 'inspections.result.reason.low')}
                </Tag>
                {f.code} {f.title}（{pct(f.ratio)}）
              </span>
              {raised.has(f.code) ? (
                <Tag color="blue">{t('inspections.result.raised', { id: raised.get(f.code)!.id })}</Tag>
              ) : (
                <Button
                  size="small"
                  data-testid={`raise-${f.code}`}
                  onClick={() => {
                    form.setFieldsValue({
                      severity: '一般',
                      category: '其他',
                      description: `${f.title}：`,
                      flagged: false,
                    });
                    setFinding({ code: f.code, title: f.title });
                  }}
                >
                  {t('inspections.result.confirm')}
                </Button>
              )}
            </Flex>
          ))}
        </Card>
      )}

      <Table
        style={{ marginTop: 12 }}
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={rows}
        columns={[
          {
            title: t('inspections.tpl.criterion'),
            dataIndex: 'code',
            render: (c: string) => (
              <span style={{ fontWeight: leafCodes.has(c) ? 400 : 600 }}>
                {c} {titles.get(c)}
              </span>
            ),
          },
          { title: t('inspections.result.mean'), dataIndex: 'mean', width: 80 },
          {
            title: t('inspections.result.full'),
            dataIndex: 'full',
            width: 70,
            render: (v: number) => Math.round(v * 100) / 100,
          },
          {
            title: t('inspections.result.range'),
            key: 'range',
            width: 120,
            render: (_: unknown, n: Spread) =>
              n.n > 1 ? (
                <span>
                  {n.min}–{n.max} {n.flagged && <Tag color="warning">{t('inspections.result.disagree')}</Tag>}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('inspections.result.self'),
            key: 'self',
            width: 80,
            render: (_: unknown, n: Spread) => selfRows.get(n.code)?.self ?? '—',
          },
          {
            title: t('inspections.result.diff'),
            key: 'diff',
            width: 80,
            render: (_: unknown, n: Spread) => {
              const x = selfRows.get(n.code)?.diff;
              return x === undefined || x === null ? (
                '—'
              ) : (
                <span style={{ color: x < 0 ? '#cf1322' : undefined }}>{x}</span>
              );
            },
          },
        ]}
      />

      {d.bureau && (
        <Card size="small" title={t('inspections.result.sheets')} style={{ marginTop: 12 }}>
          {r.sheets.map((s) => (
            <div key={`${s.userId}-${s.self}`}>
              {s.name}
              {s.self ? `（${t('inspections.result.selfSheet')}）` : ''}：
              {s.status === 'submitted' ? `${s.total} ${s.grade ?? ''}` : t('inspections.result.draft')}
            </div>
          ))}
        </Card>
      )}

      <Card size="small" title={t('inspections.result.objection')} style={{ marginTop: 12 }}>
        {d.objection ? (
          <Space direction="vertical">
            <div>
              {d.objection.filed_on}：{d.objection.reason}
            </div>
            {d.objection.upheld === null ? (
              d.bureau ? (
                <Form
                  form={objForm}
                  layout="inline"
                  onFinish={(v) =>
                    void act(
                      () => api.post(`${BASE}/visits/${visitId}/objection/decide`, v),
                      t('inspections.common.done'),
                    )
                  }
                >
                  <Form.Item name="upheld" rules={[{ required: true }]}>
                    <Radio.Group
                      options={[
                        { value: true, label: t('inspections.result.upheld') },
                        { value: false, label: t('inspections.result.rejected') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item name="decision" rules={[{ required: true }]}>
                    <Input placeholder={t('inspections.result.decision')} />
                  </Form.Item>
                  <Button htmlType="submit">{t('inspections.common.submit')}</Button>
                </Form>
              ) : (
                <Tag>{t('inspections.result.pending')}</Tag>
              )
            ) : (
              <div>
                <Tag color={d.objection.upheld ? 'success' : 'default'}>
                  {d.objection.upheld ? t('inspections.result.upheld') : t('inspections.result.rejected')}
                </Tag>
                {d.objection.decision}
              </div>
            )}
          </Space>
        ) : !d.bureau && d.visit.status === 'published' ? (
          <Form
            layout="inline"
            onFinish={(v) =>
              void act(() => api.post(`${BASE}/visits/${visitId}/objection`, v), t('inspections.common.done'))
            }
          >
            <Form.Item name="reason" rules={[{ required: true }]} style={{ minWidth: 260 }}>
              <Input placeholder={t('inspections.result.objectionReason')} />
            </Form.Item>
            <Button htmlType="submit">{t('inspections.result.object')}</Button>
          </Form>
        ) : (
          <Typography.Text type="secondary">{t('inspections.result.noObjection')}</Typography.Text>
        )}
      </Card>

      <Modal
        open={finding !== null}
        title={finding ? `${finding.code} ${finding.title}` : ''}
        okText={t('inspections.result.confirm')}
        okButtonProps={{ 'data-testid': 'finding-ok' } as never}
        onCancel={() => setFinding(null)}
        onOk={() => form.submit()}
        destroyOnHidden
        forceRender
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            void act(async () => {
              await api.post(`${BASE}/visits/${visitId}/findings`, { ...v, code: finding!.code });
              setFinding(null);
            }, t('inspections.result.raisedOk'))
          }
        >
          <Form.Item name="category" label={t('inspections.problem.category')} rules={[{ required: true }]}>
            <Select
              options={['教学常规', '课堂教学', '安全', '食品卫生', '校车', '规范办学', '其他'].map((x) => ({
                value: x,
                label: x,
              }))}
            />
          </Form.Item>
          <Form.Item name="severity" label={t('inspections.problem.severity')} rules={[{ required: true }]}>
            <Select options={SEVERITIES.map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="description" label={t('inspections.problem.description')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="finding-description" />
          </Form.Item>
          <Form.Item name="flagged" label={t('inspections.problem.flagged')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
