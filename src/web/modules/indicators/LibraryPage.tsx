import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { Page } from '../../ui/Page';
import {
  BASE,
  formatValue,
  type Indicator,
  keys,
  STATUS_COLOR,
  useIsBureau,
  useLibrary,
  usePeriods,
  useSources,
  useUnitOptions,
} from './data';

const UNITS = ['percent', 'count', 'score', 'minutes', 'hours', 'days', 'index', 'rank'] as const;
const LEVELS = ['county', 'region', 'school', 'class', 'teacher'] as const;

/** 指标库: every indicator with its 口径 and source; a source whose module is absent is marked, never faked. */
export function LibraryPage() {
  const { t } = useTranslation();
  const bureau = useIsBureau();
  const library = useLibrary();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<Indicator | null>(null);
  const items = useMemo(
    () => (library.data?.items ?? []).filter((i) => !q || i.name.includes(q) || i.code.includes(q)),
    [library.data, q],
  );
  return (
    <Page
      title={t('indicators.library.title')}
      extra={
        <Space>
          <Input.Search
            allowClear
            placeholder={t('indicators.library.search')}
            onSearch={setQ}
            style={{ width: 220 }}
          />
          {bureau && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="create-indicator">
              {t('indicators.library.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Table<Indicator>
        rowKey="id"
        size="small"
        loading={library.isLoading}
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 900 }}
        onRow={(row) => ({ onClick: () => setViewing(row), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('indicators.fields.code'), dataIndex: 'code', width: 200 },
          { title: t('indicators.fields.name'), dataIndex: 'name' },
          {
            title: t('indicators.fields.unit'),
            dataIndex: 'unit',
            width: 80,
            render: (v: string) => t(`indicators.units.${v as 'percent'}`),
          },
          {
            title: t('indicators.fields.direction'),
            dataIndex: 'direction',
            width: 90,
            render: (v: 'higher' | 'lower') => t(`indicators.direction.${v}`),
          },
          {
            title: t('indicators.fields.level'),
            dataIndex: 'level',
            width: 80,
            render: (v: string) => t(`indicators.levels.${v as 'school'}`),
          },
          {
            title: t('indicators.fields.source'),
            dataIndex: 'sourceKey',
            width: 230,
            render: (v: string, row) => (
              <Space size={4}>
                <Typography.Text code>{v}</Typography.Text>
                {!row.sourceAvailable && <Tag>{t('indicators.library.unavailable')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      <IndicatorDrawer indicator={viewing} onClose={() => setViewing(null)} />
      {creating && <CreateIndicator onClose={() => setCreating(false)} />}
    </Page>
  );
}

function IndicatorDrawer({ indicator, onClose }: { indicator: Indicator | null; onClose: () => void }) {
  const { t } = useTranslation();
  const bureau = useIsBureau();
  const periods = usePeriods();
  const units = useUnitOptions(true);
  const [unit, setUnit] = useState<string>();
  const [period, setPeriod] = useState<number>();
  const [answer, setAnswer] = useState<{
    value: number | null;
    target: number | null;
    status: string;
    source: { module: string; ref: string; computedAt: string | null; available: boolean };
  } | null>(null);
  const { message } = App.useApp();
  const look = async () => {
    if (!indicator || !unit || !period) return;
    try {
      setAnswer(await api.get(`${BASE}/${indicator.code}/values`, { unit, period, refresh: true }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Drawer open={indicator !== null} onClose={onClose} width={560} title={indicator?.name} destroyOnHidden>
      {indicator && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('indicators.fields.code')}>{indicator.code}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.definition')}>{indicator.definition}</Descriptions.Item>
            <Descriptions.Item label={t('indicators.fields.source')}>
              {indicator.sourceKey}{' '}
              {JSON.stringify(indicator.params) !== '{}' && (
                <Typography.Text code>{JSON.stringify(indicator.params)}</Typography.Text>
              )}
            </Descriptions.Item>
          </Descriptions>
          {bureau && <SourceEditor indicator={indicator} onSaved={onClose} />}
          <Space wrap>
            <Select
              placeholder={t('indicators.fields.orgUnit')}
              options={units}
              value={unit}
              onChange={setUnit}
              style={{ width: 200 }}
              showSearch
              optionFilterProp="label"
            />
            <Select
              placeholder={t('indicators.fields.period')}
              options={(periods.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={period}
              onChange={setPeriod}
              style={{ width: 200 }}
            />
            <Button onClick={look}>{t('indicators.library.lookUp')}</Button>
          </Space>
          {answer && (
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('indicators.fields.value')}>
                {answer.source.available
                  ? formatValue(indicator.unit, answer.value)
                  : t('indicators.library.unavailable')}
              </Descriptions.Item>
              <Descriptions.Item label={t('indicators.fields.target')}>
                {formatValue(indicator.unit, answer.target)}
              </Descriptions.Item>
              <Descriptions.Item label={t('indicators.fields.status')}>
                <Tag color={STATUS_COLOR[answer.status === 'none' ? 'grey' : (answer.status as 'green')]}>
                  {t(`indicators.status.${answer.status === 'none' ? 'grey' : (answer.status as 'green')}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('indicators.fields.sourceRef')}>
                {answer.source.ref}{' '}
                {answer.source.computedAt && `（${answer.source.computedAt.slice(0, 16).replace('T', ' ')}）`}
              </Descriptions.Item>
            </Descriptions>
          )}
        </Space>
      )}
    </Drawer>
  );
}

function CreateIndicator({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sources = useSources();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post(`${BASE}/library`, { ...v, params: v.params ? JSON.parse(String(v.params)) : {} }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.library });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Modal
      open
      title={t('indicators.library.add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{ unit: 'percent', direction: 'higher', level: 'school' }}
      >
        <Form.Item
          name="code"
          label={t('indicators.fields.code')}
          rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{1,60}$/ }]}
        >
          <Input placeholder="primary-math-pass-rate" />
        </Form.Item>
        <Form.Item name="name" label={t('indicators.fields.name')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="unit" label={t('indicators.fields.unit')}>
            <Select
              style={{ width: 120 }}
              options={UNITS.map((u) => ({ value: u, label: t(`indicators.units.${u}`) }))}
            />
          </Form.Item>
          <Form.Item name="direction" label={t('indicators.fields.direction')}>
            <Select
              style={{ width: 120 }}
              options={(['higher', 'lower'] as const).map((d) => ({ value: d, label: t(`indicators.direction.${d}`) }))}
            />
          </Form.Item>
          <Form.Item name="level" label={t('indicators.fields.level')}>
            <Select
              style={{ width: 120 }}
              options={LEVELS.map((l) => ({ value: l, label: t(`indicators.levels.${l}`) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item name="definition" label={t('indicators.fields.definition')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="sourceKey" label={t('indicators.fields.source')} rules={[{ required: true }]}>
          <Select
            options={(sources.data?.items ?? []).map((s) => ({ value: s.key, label: `${s.name.zh}（${s.key}）` }))}
          />
        </Form.Item>
        <Form.Item
          name="params"
          label={t('indicators.fields.params')}
          rules={[
            {
              validator: async (_, v) => {
                if (v) JSON.parse(v);
              },
            },
          ]}
        >
          <Input placeholder='{"threshold": 56}' />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Rebinds an indicator to another registered source (e.g. once the exams module offers `exams.passRate`). */
function SourceEditor({ indicator, onSaved }: { indicator: Indicator; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sources = useSources();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const save = useMutation({
    mutationFn: (v: { sourceKey: string; params?: string }) =>
      api.patch(`${BASE}/library/${indicator.id}`, {
        sourceKey: v.sourceKey,
        params: v.params ? JSON.parse(v.params) : {},
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.library });
      onSaved();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Form
      form={form}
      layout="inline"
      style={{ rowGap: 8 }}
      onFinish={(v) => save.mutate(v)}
      initialValues={{ sourceKey: indicator.sourceKey, params: JSON.stringify(indicator.params ?? {}) }}
    >
      <Form.Item name="sourceKey" rules={[{ required: true }]}>
        <Select
          style={{ width: 220 }}
          options={(sources.data?.items ?? []).map((s) => ({ value: s.key, label: `${s.name.zh}（${s.key}）` }))}
        />
      </Form.Item>
      <Form.Item
        name="params"
        rules={[
          {
            validator: async (_, v) => {
              if (v) JSON.parse(v);
            },
          },
        ]}
      >
        <Input style={{ width: 200 }} placeholder={t('indicators.fields.params')} />
      </Form.Item>
      <Button htmlType="submit" loading={save.isPending}>
        {t('indicators.library.rebind')}
      </Button>
    </Form>
  );
}
