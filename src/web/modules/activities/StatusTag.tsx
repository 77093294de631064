import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QuotaStatus } from './api-types';

const COLORS: Record<QuotaStatus, string> = { met: 'green', on_track: 'blue', behind: 'orange', not_met: 'red' };

/** A quota status as a coloured tag: 已达标 / 进度正常 / 进度落后 / 未达标. */
export function StatusTag({ status }: { status: QuotaStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[status]}>{t(`activities.statuses.${status}`)}</Tag>;
}
