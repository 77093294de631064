import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Query } from '../app/api';
import type { ImportKind } from '../app/types';
import { downloadFile } from './download';

type Choice = 'xlsx' | 'csv-utf-8' | 'csv-gbk';

const FORMATS: Record<Choice, { format: 'xlsx' | 'csv'; encoding: 'utf-8' | 'gbk'; ext: string }> = {
  xlsx: { format: 'xlsx', encoding: 'utf-8', ext: 'xlsx' },
  'csv-utf-8': { format: 'csv', encoding: 'utf-8', ext: 'csv' },
  // GBK because Excel on Chinese Windows opens a UTF-8 CSV without a BOM as mojibake.
  'csv-gbk': { format: 'csv', encoding: 'gbk', ext: 'csv' },
};

/** Exports the list as it is filtered now (the server logs every export in the audit log). */
export function ExportButton({ kind, params }: { kind: ImportKind; params: Query }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = async (choice: Choice) => {
    const { format, encoding, ext } = FORMATS[choice];
    setBusy(true);
    try {
      await downloadFile(`/io/${kind}/export`, { ...params, format, encoding }, `${t(`importKinds.${kind}`)}.${ext}`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      menu={{
        items: [
          { key: 'xlsx', label: t('export.xlsx') },
          { key: 'csv-utf-8', label: t('export.csvUtf8') },
          { key: 'csv-gbk', label: t('export.csvGbk') },
        ],
        onClick: ({ key }) => void run(key as Choice),
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy} data-testid="export-button">
        {t('export.button')}
      </Button>
    </Dropdown>
  );
}
