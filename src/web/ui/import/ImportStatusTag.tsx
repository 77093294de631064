import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../../app/types';

const COLORS: Record<ImportStatus, string> = {
  queued: 'default',
  validating: 'processing',
  validated: 'blue',
  invalid: 'error',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
};

/** The job's status; `data-status` carries the raw value for the browser tests. */
export function ImportStatusTag({ status, testId }: { status: ImportStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[status]} data-testid={testId} data-status={status}>
      {t(`importStatus.${status}`)}
    </Tag>
  );
}
