import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Select, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { Page } from '../../ui/Page';
import { BASE, keys, usePlan, usePlans } from './data';
import { PlanBoard } from './PlanBoard';

interface Overdue {
  planId: number;
  planTitle: string;
  taskId: number;
  title: string;
  leadUnit: string;
  unitName: string;
  dueDate: string | null;
  overdueCount: number;
}

/** 挂图作战: the board of one plan, and every overdue item across plans first. */
export function BoardPage() {
  const { t } = useTranslation();
  const plans = usePlans();
  const [planId, setPlanId] = useState<number | null>(null);
  useEffect(() => {
    // The bureau's plans first: a 局领导 opens the county's battle map, a school its own when it has one.
    const items = plans.data?.items ?? [];
    const first = items.find((p) => p.ownerLevel === 'county') ?? items[0];
    if (planId === null && first) setPlanId(first.id);
  }, [plans.data, planId]);
  const plan = usePlan(planId);
  const overdue = useQuery({ queryKey: keys.overdue, queryFn: () => api.get<{ items: Overdue[] }>(`${BASE}/overdue`) });
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('indicators.board.overdueAll', { n: overdue.data?.items.length ?? 0 })}>
        <Table<Overdue>
          rowKey={(r) => `${r.taskId}-${r.unitName}`}
          size="small"
          loading={overdue.isLoading}
          dataSource={overdue.data?.items ?? []}
          pagination={{ pageSize: 8, showSizeChanger: false }}
          scroll={{ x: 600 }}
          columns={[
            { title: t('indicators.fields.units'), dataIndex: 'unitName' },
            { title: t('indicators.fields.task'), dataIndex: 'title' },
            {
              title: t('indicators.plans.plan'),
              dataIndex: 'planTitle',
              render: (v: string, r) => <Link to={`/indicators/plans?plan=${r.planId}`}>{v}</Link>,
            },
            { title: t('indicators.fields.due'), dataIndex: 'dueDate' },
            {
              title: t('indicators.summary.overdue'),
              dataIndex: 'overdueCount',
              render: (v: number) => <Tag color="red">{v}</Tag>,
            },
          ]}
        />
      </Card>
      <Page
        title={t('indicators.board.title')}
        extra={
          <Select
            style={{ width: 280, maxWidth: '60vw' }}
            value={planId ?? undefined}
            onChange={setPlanId}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))}
          />
        }
      >
        {plan.data ? <PlanBoard view={plan.data} /> : <Empty />}
      </Page>
    </Flex>
  );
}
