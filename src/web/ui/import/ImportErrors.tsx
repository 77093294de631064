import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportRowError } from '../../app/types';

/** Every problem of the dry run, by row and column as the user sees them in Excel. */
export function ImportErrors({ errors }: { errors: ImportRowError[] }) {
  const { t } = useTranslation();
  const rows = errors.map((e, i) => ({ ...e, key: i }));
  return (
    <Table
      data-testid="import-errors"
      size="small"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      columns={[
        { title: t('import.row'), dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row },
        { title: t('import.column'), dataIndex: 'column', width: 160 },
        { title: t('import.problem'), dataIndex: 'message' },
      ]}
    />
  );
}
