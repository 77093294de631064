import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import type { ComplianceRow } from './api-types';
import { StatusTag } from './StatusTag';

export const MY_QUOTAS_KEY = ['activities', 'compliance', 'mine'];

/** The signed-in person's own quotas in their current periods: done / required and whether they are behind. */
export function MyQuotas({ activity }: { activity?: string }) {
  const { t } = useTranslation();
  const mine = useQuery({
    queryKey: MY_QUOTAS_KEY,
    queryFn: () => api.get<{ items: ComplianceRow[] }>('/activities/compliance/subjects', { mine: true }),
  });
  if (mine.error) return <Alert type="error" showIcon title={errorMessage(mine.error)} />;
  const rows = (mine.data?.items ?? []).filter((r) => !activity || r.ruleLabel.length > 0);
  if (mine.data && rows.length === 0) return null;
  return (
    <Card size="small" title={t('activities.compliance.mine')} loading={mine.isLoading} data-testid="my-quotas">
      <List
        dataSource={rows}
        renderItem={(r) => (
          <List.Item data-testid={`my-quota-${r.ruleId}`} data-measured={r.measured} data-target={r.target}>
            <Space orientation="vertical" style={{ width: '100%' }} size={2}>
              <Space wrap>
                <Typography.Text strong>{r.ruleLabel}</Typography.Text>
                <StatusTag status={r.status} />
                <Tag>
                  {r.periodStart} ~ {r.periodEnd}
                </Tag>
              </Space>
              <Progress
                percent={Math.min(100, Math.round((100 * r.measured) / Math.max(r.target, 1e-9)))}
                format={() => `${r.measured} / ${r.target}`}
                status={r.status === 'behind' || r.status === 'not_met' ? 'exception' : undefined}
              />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
