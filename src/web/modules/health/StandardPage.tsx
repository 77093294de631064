/**
 * 体质健康评分标准: the score tables of one grade and sex as the county scores with them — rows are score levels,
 * columns the items — each cell with its verification status (多源一致 … 缺失, 县级修订). The county's 教育局管理员
 * clicks a cell to correct or complete it (e.g. the missing 初一/初三 tables) with the source; the server refuses a
 * value that breaks the monotonic thresholds and re-scores stored results. Below: the county's corrections.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/use-can';
import { Page } from '../../ui/Page';

interface Cell {
  score: number;
  threshold: number | null;
  status: string;
  otherValues?: string;
}
interface ItemTable {
  item: string;
  itemCn: string;
  unit: string;
  direction: 'higher' | 'lower';
  cells: Cell[];
}
interface StandardAnswer {
  version: string;
  grades: { code: string; name: string }[];
  tables: ItemTable[];
}
interface Change {
  gradeCode: string;
  sex: string;
  item: string;
  score: number;
  threshold: number | null;
  reason: string;
  updatedAt: string;
}

const STATUS_COLOR: Record<string, string> = {
  verified: 'green',
  verified_majority: 'cyan',
  single_source: 'gold',
  conflict: 'orange',
  missing: 'red',
  county: 'blue',
};
const STATUSES = Object.keys(STATUS_COLOR);
const LEVELS = [100, 95, 90, 85, 80, 78, 76, 74, 72, 70, 68, 66, 64, 62, 60, 50, 40, 30, 20, 10];

interface Editing {
  table: ItemTable;
  cell: Cell;
}

export function StandardPage() {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const [gradeCode, setGradeCode] = useState('J1');
  const [sex, setSex] = useState<'M' | 'F'>('M');
  const [editing, setEditing] = useState<Editing | null>(null);
  const std = useQuery({
    queryKey: ['health', 'standard', gradeCode, sex],
    queryFn: () => api.get<StandardAnswer>('/health/standard', { gradeCode, sex }),
  });
  const changes = useQuery({
    queryKey: ['health', 'standard-changes'],
    queryFn: () => api.get<{ items: Change[] }>('/health/standard/changes'),
  });
  const tables = std.data?.tables ?? [];
  const rows = LEVELS.map((score) => ({
    score,
    cells: Object.fromEntries(tables.map((tb) => [tb.item, tb.cells.find((c) => c.score === score)])),
  }));
  const statusLabel = (s: string) => (STATUSES.includes(s) ? t(`health.standard.status.${s as 'missing'}`) : s);

  return (
    <Page title={t('health.pages.standard')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={gradeCode}
          onChange={setGradeCode}
          style={{ minWidth: 120 }}
          options={(std.data?.grades ?? [{ code: 'J1', name: '初一' }]).map((g) => ({ value: g.code, label: g.name }))}
          data-testid="standard-grade"
        />
        <Radio.Group value={sex} onChange={(e) => setSex(e.target.value)} optionType="button">
          <Radio.Button value="M">{t('health.standard.male')}</Radio.Button>
          <Radio.Button value="F">{t('health.standard.female')}</Radio.Button>
        </Radio.Group>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        {STATUSES.map((s) => (
          <Tag key={s} color={STATUS_COLOR[s]}>
            {statusLabel(s)}
          </Tag>
        ))}
      </Space>
      {std.data && (
        <Typography.Paragraph type="secondary">
          {t('health.standard.version', { v: std.data.version })}
        </Typography.Paragraph>
      )}
      {std.error && <Alert type="error" showIcon title={errorMessage(std.error)} />}
      <Table
        size="small"
        pagination={false}
        scroll={{ x: true }}
        rowKey="score"
        loading={std.isLoading}
        dataSource={rows}
        data-testid="standard-table"
        columns={[
          { title: t('health.standard.score'), dataIndex: 'score', fixed: 'left', width: 70 },
          ...tables.map((tb) => ({
            title: (
              <span>
                {tb.itemCn}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {tb.unit} {tb.direction === 'higher' ? t('health.standard.higher') : t('health.standard.lower')}
                </Typography.Text>
              </span>
            ),
            key: tb.item,
            render: (_: unknown, row: (typeof rows)[number]) => {
              const cell = row.cells[tb.item];
              if (!cell) return null;
              const content = (
                <Tag
                  color={STATUS_COLOR[cell.status] ?? 'default'}
                  title={`${statusLabel(cell.status)} ${cell.otherValues ?? ''}`}
                >
                  {cell.threshold ?? '—'}
                </Tag>
              );
              return can.county ? (
                <Button
                  type="text"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => setEditing({ table: tb, cell })}
                  data-testid={`cell-${tb.item}-${cell.score}`}
                >
                  {content}
                </Button>
              ) : (
                content
              );
            },
          })),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('health.standard.changes')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(r) => `${r.gradeCode}-${r.sex}-${r.item}-${r.score}`}
        dataSource={changes.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('health.standard.grade'), dataIndex: 'gradeCode' },
          { title: t('health.standard.sex'), dataIndex: 'sex' },
          { title: t('health.report.item'), dataIndex: 'item' },
          { title: t('health.standard.score'), dataIndex: 'score' },
          { title: t('health.standard.threshold'), dataIndex: 'threshold', render: (v) => v ?? '—' },
          { title: t('health.standard.reason'), dataIndex: 'reason' },
          { title: '', dataIndex: 'updatedAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
        ]}
      />
      {editing && (
        <EditCell
          gradeCode={gradeCode}
          sex={sex}
          editing={editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void queryClient.invalidateQueries({ queryKey: ['health'] });
          }}
        />
      )}
    </Page>
  );
}

function EditCell({
  gradeCode,
  sex,
  editing,
  onClose,
}: {
  gradeCode: string;
  sex: 'M' | 'F';
  editing: Editing;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ threshold: number | null; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ rescored: number }>('/health/standard/cells', {
        gradeCode,
        sex,
        item: editing.table.item,
        score: editing.cell.score,
        threshold: v.threshold ?? null,
        reason: v.reason,
      });
      message.success(t('health.standard.saved', { n: res.rescored }));
      onClose(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('health.standard.edit')}：${editing.table.itemCn} ${editing.cell.score}`}
      onCancel={() => onClose(false)}
      onOk={() => void save()}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="cell-error" />}
      <Form form={form} layout="vertical" initialValues={{ threshold: editing.cell.threshold, reason: '' }}>
        <Form.Item
          name="threshold"
          label={`${t('health.standard.threshold')}（${editing.table.unit}）`}
          extra={t('health.standard.thresholdHint')}
        >
          <InputNumber style={{ width: '100%' }} data-testid="cell-threshold" />
        </Form.Item>
        <Form.Item name="reason" label={t('health.standard.reason')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} data-testid="cell-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
