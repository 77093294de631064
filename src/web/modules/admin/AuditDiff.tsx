import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function show(v: Json): string {
  if (v === undefined) return '';
  if (v === null) return '—';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

interface Row {
  field: string;
  before: Json;
  after: Json;
  changed: boolean;
}

/** Field-by-field rows of a before/after pair; changed fields first, so the edit is what the eye meets. */
export function diffRows(before: Json, after: Json): Row[] {
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows = fields.map((field) => ({
    field,
    before: b[field],
    after: a[field],
    changed: JSON.stringify(b[field]) !== JSON.stringify(a[field]),
  }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

/** The expanded row of an audit entry: before → after per field, changes highlighted. */
export function AuditDiff({ before, after }: { before: Json; after: Json }) {
  const { t } = useTranslation();
  if (!isObject(before) && !isObject(after)) {
    return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  }
  return (
    <Table<Row>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={diffRows(before, after)}
      data-testid="audit-diff"
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 180 },
        { title: t('audit.before'), dataIndex: 'before', render: (v: Json) => show(v) },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: Json, row) => (row.changed ? <Typography.Text mark>{show(v)}</Typography.Text> : show(v)),
        },
      ]}
    />
  );
}
