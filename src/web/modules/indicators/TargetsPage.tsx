import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiJson, errorMessage } from '../../app/api';
import { useCan } from '../../app/use-can';
import { Page } from '../../ui/Page';
import {
  BASE,
  formatValue,
  keys,
  STATUS_COLOR,
  type Status,
  type TargetItem,
  useIsBureau,
  useLibrary,
  usePeriods,
  useUnitOptions,
} from './data';

/** 目标与达成: targets per unit and period, their attainment, splits to schools, and values entered by hand. */
export function TargetsPage() {
  return (
    <Flex vertical gap={16}>
      <TargetsCard />
      <ManualValuesCard />
    </Flex>
  );
}

/** What people type for a percent is ×100 (95 → 0.95); other units as they are. */
const toStored = (unit: string, v: number | null | undefined) =>
  v === null || v === undefined ? undefined : unit === 'percent' ? v / 100 : v;

function TargetsCard() {
  const { t } = useTranslation();
  const bureau = useIsBureau();
  const library = useLibrary();
  const periods = usePeriods();
  const [indicatorId, setIndicatorId] = useState<number>();
  const [periodId, setPeriodId] = useState<number>();
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const targets = useQuery({
    queryKey: [...keys.targets, indicatorId, periodId],
    queryFn: () => api.get<{ items: TargetItem[] }>(`${BASE}/targets`, { indicatorId, periodId }),
  });
  const unitOf = (code: string) => library.data?.items.find((i) => i.code === code)?.unit ?? 'index';
  return (
    <Page
      title={t('indicators.targets.title')}
      extra={
        <Space wrap>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('indicators.fields.indicator')}
            style={{ width: 240 }}
            value={indicatorId}
            onChange={setIndicatorId}
            options={(library.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
          />
          <Select
            allowClear
            placeholder={t('indicators.fields.period')}
            style={{ width: 180 }}
            value={periodId}
            onChange={setPeriodId}
            options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
          {bureau && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-target">
              {t('indicators.targets.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<TargetItem>
        rowKey="id"
        size="small"
        loading={targets.isLoading}
        dataSource={targets.data?.items ?? []}
        scroll={{ x: 800 }}
        onRow={(row) => ({ onClick: () => setViewing(row.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('indicators.fields.indicator'), dataIndex: 'indicatorName' },
          { title: t('indicators.fields.orgUnit'), dataIndex: 'unitName' },
          { title: t('indicators.fields.period'), dataIndex: 'periodName' },
          { title: t('indicators.fields.rule'), render: (_, r) => <RuleText target={r} unit={unitOf(r.code)} /> },
          {
            title: t('indicators.fields.baseline'),
            dataIndex: 'baseline',
            render: (v: number | null, r) => formatValue(unitOf(r.code), v),
          },
          {
            title: t('indicators.fields.value'),
            dataIndex: 'current',
            render: (v: number | null, r) => formatValue(unitOf(r.code), v),
          },
          {
            title: t('indicators.fields.status'),
            dataIndex: 'status',
            render: (v: Status) => <Tag color={STATUS_COLOR[v]}>{t(`indicators.status.${v}`)}</Tag>,
          },
          {
            title: t('indicators.targets.split'),
            dataIndex: 'splitFromId',
            render: (v: number | null) => (v ? <Tag>{t('indicators.targets.splitChild')}</Tag> : null),
          },
        ]}
      />
      {creating && <CreateTarget onClose={() => setCreating(false)} />}
      <AttainmentDrawer id={viewing} onClose={() => setViewing(null)} />
    </Page>
  );
}

export function RuleText({
  target,
  unit,
}: {
  target: Pick<TargetItem, 'kind' | 'value' | 'delta' | 'changeMode'>;
  unit: string;
}) {
  const { t } = useTranslation();
  if (target.kind === 'change') {
    const d = target.delta ?? 0;
    const text =
      target.changeMode === 'relative'
        ? `${d > 0 ? '+' : ''}${Math.round(d * 1000) / 10}%（${t('indicators.targets.relative')}）`
        : unit === 'percent'
          ? `${d > 0 ? '+' : ''}${Math.round(d * 1000) / 10}${t('indicators.targets.points')}`
          : `${d > 0 ? '+' : ''}${d}`;
    return <span>{t('indicators.targets.changeRule', { text })}</span>;
  }
  if (target.kind === 'rank') return <span>{t('indicators.targets.rankRule', { n: target.value })}</span>;
  return <span>{formatValue(unit, target.value)}</span>;
}

function CreateTarget({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const library = useLibrary();
  const periods = usePeriods();
  const units = useUnitOptions(true);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const indicatorId = Form.useWatch('indicatorId', form);
  const unit = library.data?.items.find((i) => i.id === indicatorId)?.unit ?? 'index';
  const create = useMutation({
    mutationFn: (v: Record<string, number | string | undefined>) =>
      api.post(`${BASE}/targets`, {
        indicatorId: v.indicatorId,
        unit: v.unit,
        periodId: v.periodId,
        kind: v.kind,
        value: v.kind === 'change' ? undefined : v.kind === 'absolute' ? toStored(unit, v.value as number) : v.value,
        delta: v.kind === 'change' ? toStored(unit, v.delta as number) : undefined,
        changeMode: v.kind === 'change' ? v.changeMode : undefined,
        baseline: toStored(unit, v.baseline as number) ?? null,
        citation: v.citation,
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.targets });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={t('indicators.targets.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{ kind: 'absolute', changeMode: 'points' }}
      >
        <Form.Item name="indicatorId" label={t('indicators.fields.indicator')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(library.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
          />
        </Form.Item>
        <Form.Item name="unit" label={t('indicators.fields.orgUnit')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={units} />
        </Form.Item>
        <Form.Item name="periodId" label={t('indicators.fields.period')} rules={[{ required: true }]}>
          <Select options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('indicators.fields.kind')}>
          <Select
            options={(['absolute', 'change', 'rank', 'count'] as const).map((k) => ({
              value: k,
              label: t(`indicators.kinds.${k}`),
            }))}
          />
        </Form.Item>
        {kind === 'change' ? (
          <Space>
            <Form.Item
              name="delta"
              label={t('indicators.fields.delta')}
              help={unit === 'percent' ? t('indicators.targets.deltaHelp') : undefined}
              rules={[{ required: true }]}
            >
              <InputNumber step={0.5} />
            </Form.Item>
            <Form.Item name="changeMode" label={t('indicators.fields.changeMode')}>
              <Select
                style={{ width: 160 }}
                options={[
                  { value: 'points', label: t('indicators.targets.points') },
                  { value: 'relative', label: t('indicators.targets.relative') },
                ]}
              />
            </Form.Item>
          </Space>
        ) : (
          <Form.Item
            name="value"
            label={`${t('indicators.fields.target')}${unit === 'percent' ? '（%）' : ''}`}
            rules={[{ required: true }]}
          >
            <InputNumber style={{ width: 160 }} data-testid="target-value" />
          </Form.Item>
        )}
        <Form.Item name="baseline" label={`${t('indicators.fields.baseline')}${unit === 'percent' ? '（%）' : ''}`}>
          <InputNumber style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="citation" label={t('indicators.fields.citation')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Attainment {
  indicator: { name: string; unit: string };
  period: { name: string };
  value: number | null;
  target: number | null;
  baseline: number | null;
  gap: number | null;
  expected: number | null;
  status: Status;
  targetRow: TargetItem;
  source: { key: string; available: boolean; ref: string; computedAt: string | null };
  trend: { points: { period: string; value: number | null }[]; trend: { trend: string; change: number } | null };
  schools: { schoolId: number; schoolName: string; value: number | null; target: number | null; status: Status }[];
  schoolsMissing: {
    schoolId: number;
    schoolName: string;
    value: number | null;
    target: number | null;
    gap: number | null;
    status: Status;
  }[];
}

function AttainmentDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const bureau = useIsBureau();
  const client = useQueryClient();
  const [refresh, setRefresh] = useState(0);
  const q = useQuery({
    queryKey: ['indicators', 'attainment', id, refresh],
    queryFn: () => api.get<Attainment>(`${BASE}/targets/${id}/attainment`, { refresh: refresh > 0 }),
    enabled: id !== null,
  });
  const split = useMutation({
    mutationFn: (method: string) => api.post(`${BASE}/targets/${id}/split`, { method }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.targets });
      setRefresh((n) => n + 1);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const a = q.data;
  const u = a?.indicator.unit ?? 'index';
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={640}
      title={a ? `${a.indicator.name} · ${a.period.name}` : ''}
      destroyOnHidden
    >
      {a && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('indicators.fields.value')}>
              {a.source.available ? formatValue(u, a.value) : t('indicators.library.unavailable')}
            </Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.status')}>
              <Tag color={STATUS_COLOR[a.status]}>{t(`indicators.status.${a.status}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.target')}>{formatValue(u, a.target)}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.baseline')}>{formatValue(u, a.baseline)}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.gap')}>
              {a.gap === null
                ? '—'
                : u === 'percent'
                  ? `${Math.round(a.gap * 1000) / 10}${t('indicators.targets.points')}`
                  : a.gap}
            </Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.expected')}>{formatValue(u, a.expected)}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.trend')} span={2}>
              {a.trend.points.map((p) => `${p.period} ${formatValue(u, p.value)}`).join(' → ')}
              {a.trend.trend && ` （${t(`indicators.trend.${a.trend.trend.trend as 'flat'}`)}）`}
            </Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.sourceRef')} span={2}>
              {a.source.ref}
              {a.source.computedAt && `（${String(a.source.computedAt).slice(0, 16).replace('T', ' ')}）`}
            </Descriptions.Item>
          </Descriptions>
          <Space wrap>
            <Button onClick={() => setRefresh((n) => n + 1)}>{t('indicators.targets.recompute')}</Button>
            {bureau && a.targetRow.unitLevel !== 'school' && !a.targetRow.splitFromId && (
              <>
                {a.targetRow.kind !== 'change' && (
                  <Button onClick={() => split.mutate('equal')}>{t('indicators.targets.splitEqual')}</Button>
                )}
                {a.targetRow.kind === 'change' && (
                  <Button onClick={() => split.mutate('sameChange')}>{t('indicators.targets.splitSameChange')}</Button>
                )}
                {a.targetRow.kind === 'count' && (
                  <Button onClick={() => split.mutate('proportional')}>
                    {t('indicators.targets.splitProportional')}
                  </Button>
                )}
              </>
            )}
          </Space>
          {a.schools.length > 0 && (
            <Card
              size="small"
              title={t('indicators.targets.schoolsMissing', { n: a.schoolsMissing.length, total: a.schools.length })}
            >
              <Table
                rowKey="schoolId"
                size="small"
                pagination={false}
                dataSource={a.schoolsMissing}
                columns={[
                  { title: t('indicators.fields.school'), dataIndex: 'schoolName' },
                  {
                    title: t('indicators.fields.target'),
                    dataIndex: 'target',
                    render: (v: number | null) => formatValue(u, v),
                  },
                  {
                    title: t('indicators.fields.value'),
                    dataIndex: 'value',
                    render: (v: number | null) => formatValue(u, v),
                  },
                  {
                    title: t('indicators.fields.status'),
                    dataIndex: 'status',
                    render: (v: Status) => <Tag color={STATUS_COLOR[v]}>{t(`indicators.status.${v}`)}</Tag>,
                  },
                ]}
              />
            </Card>
          )}
        </Space>
      )}
    </Drawer>
  );
}

interface ManualValue {
  id: number;
  value: number;
  unitLevel: string;
  unitId: number;
  evidenceNote: string;
  evidenceFile: string | null;
  evidenceFileName: string | null;
  status: 'pending' | 'approved' | 'returned';
  code: string;
  indicatorName: string;
  indicatorUnit: string;
  periodName: string;
}

/** 手工录入: a value with its evidence (note and file), counted once the bureau approves it. */
function ManualValuesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const bureau = useIsBureau();
  const client = useQueryClient();
  const library = useLibrary();
  const periods = usePeriods();
  const units = useUnitOptions(bureau);
  const [form] = Form.useForm();
  const [file, setFile] = useState<{ hash: string; name: string } | null>(null);
  const list = useQuery({
    queryKey: keys.manual,
    queryFn: () => api.get<{ items: ManualValue[] }>(`${BASE}/manual-values`),
    enabled: can.anySchool || bureau,
  });
  const manual = (library.data?.items ?? []).filter((i) => i.sourceKey === 'indicators.manual');
  const enter = useMutation({
    mutationFn: (v: { indicatorId: number; unit: string; periodId: number; value: number; evidenceNote: string }) => {
      const unit = manual.find((i) => i.id === v.indicatorId)?.unit ?? 'index';
      return api.post(`${BASE}/manual-values`, {
        ...v,
        value: toStored(unit, v.value),
        evidenceNote: v.evidenceNote ?? '',
        evidenceFile: file ?? undefined,
      });
    },
    onSuccess: () => {
      form.resetFields();
      setFile(null);
      client.invalidateQueries({ queryKey: keys.manual });
      message.success(t('indicators.manual.entered'));
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const review = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'approve' | 'return' }) =>
      api.post(`${BASE}/manual-values/${id}/review`, { decision }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['indicators'] }),
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!can.anySchool && !bureau) return null;
  return (
    <Card title={t('indicators.manual.title')}>
      <Form form={form} layout="inline" onFinish={(v) => enter.mutate(v)} style={{ rowGap: 8, marginBottom: 16 }}>
        <Form.Item name="indicatorId" rules={[{ required: true }]}>
          <Select
            data-testid="manual-indicator"
            placeholder={t('indicators.fields.indicator')}
            style={{ width: 220 }}
            showSearch
            optionFilterProp="label"
            options={manual.map((i) => ({ value: i.id, label: i.name }))}
          />
        </Form.Item>
        <Form.Item name="unit" rules={[{ required: true }]}>
          <Select
            data-testid="manual-unit"
            placeholder={t('indicators.fields.orgUnit')}
            style={{ width: 180 }}
            showSearch
            optionFilterProp="label"
            options={units}
          />
        </Form.Item>
        <Form.Item name="periodId" rules={[{ required: true }]}>
          <Select
            data-testid="manual-period"
            placeholder={t('indicators.fields.period')}
            style={{ width: 160 }}
            options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="value" rules={[{ required: true }]}>
          <InputNumber data-testid="manual-value" placeholder={`${t('indicators.fields.value')}（%）`} />
        </Form.Item>
        <Form.Item name="evidenceNote">
          <Input data-testid="manual-evidence" placeholder={t('indicators.manual.evidence')} style={{ width: 220 }} />
        </Form.Item>
        <Upload
          maxCount={1}
          customRequest={async ({ file: f, onSuccess, onError }) => {
            const data = new FormData();
            data.append('file', f as Blob);
            try {
              const saved = await apiJson<{ hash: string; name: string }>('POST', `${BASE}/files`, { body: data });
              setFile(saved);
              onSuccess?.(saved);
            } catch (e) {
              onError?.(e as Error);
              message.error(errorMessage(e));
            }
          }}
        >
          <Button>{t('indicators.manual.upload')}</Button>
        </Upload>
        <Button htmlType="submit" type="primary" loading={enter.isPending} data-testid="manual-submit">
          {t('indicators.manual.submit')}
        </Button>
      </Form>
      <Table<ManualValue>
        rowKey="id"
        size="small"
        dataSource={list.data?.items ?? []}
        scroll={{ x: 700 }}
        columns={[
          { title: t('indicators.fields.indicator'), dataIndex: 'indicatorName' },
          { title: t('indicators.fields.period'), dataIndex: 'periodName' },
          {
            title: t('indicators.fields.value'),
            dataIndex: 'value',
            render: (v: number, r) => formatValue(r.indicatorUnit, v),
          },
          {
            title: t('indicators.manual.evidence'),
            render: (_, r) => (
              <span>
                {r.evidenceNote}
                {r.evidenceFile && (
                  <a
                    href={`/api/v1${BASE}/files/${r.evidenceFile}?name=${encodeURIComponent(r.evidenceFileName ?? 'file')}`}
                    style={{ marginLeft: 8 }}
                  >
                    {r.evidenceFileName}
                  </a>
                )}
              </span>
            ),
          },
          {
            title: t('indicators.fields.status'),
            dataIndex: 'status',
            render: (v: ManualValue['status']) => t(`indicators.manual.${v}`),
          },
          {
            title: t('common.actions'),
            render: (_, r) =>
              bureau && r.status === 'pending' ? (
                <Space>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => review.mutate({ id: r.id, decision: 'approve' })}
                    data-testid={`approve-${r.id}`}
                  >
                    {t('indicators.manual.approve')}
                  </Button>
                  <Button
                    size="small"
                    type="link"
                    danger
                    onClick={() => review.mutate({ id: r.id, decision: 'return' })}
                  >
                    {t('indicators.manual.return')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
