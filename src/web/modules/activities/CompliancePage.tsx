import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Flex, List, Progress, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import { useUser } from '../../app/auth';
import { DateInput } from '../../ui/DateInput';
import { Page } from '../../ui/Page';
import type { ComplianceRow, RuleSummary, Tally } from './api-types';
import { MyQuotas } from './MyQuotas';
import { StatusTag } from './StatusTag';

/**
 * 常规达标: every quota rule in its current period — the county's share met / on track (bureau), each school's, and
 * a drill-down to the people or groups and then to the records counted.
 */
export function CompliancePage() {
  const { t } = useTranslation();
  const user = useUser();
  const [asOf, setAsOf] = useState(dayjs().format('YYYY-MM-DD'));
  const [detail, setDetail] = useState<{ ruleId: number; schoolId: number | null; title: string } | null>(null);
  const summary = useQuery({
    queryKey: ['activities', 'compliance', asOf],
    queryFn: () => api.get<{ rules: RuleSummary[] }>('/activities/compliance', { asOf }),
  });
  const f = (k: string) => t(`activities.fields.${k}` as 'activities.fields.teacher');

  const share = (tl: Tally | null) =>
    tl && tl.shareOk !== null ? (
      <Space orientation="vertical" size={0} style={{ minWidth: 140 }}>
        <Progress percent={Math.round(100 * tl.shareOk)} size="small" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('activities.compliance.shareMet')} {tl.met}/{tl.subjects} · {t('activities.statuses.behind')} {tl.behind}
        </Typography.Text>
      </Space>
    ) : (
      '—'
    );

  return (
    <Page
      title={t('activities.pages.compliance')}
      extra={
        <Space>
          {f('asOf')}
          <DateInput value={asOf} onChange={(v) => v && setAsOf(v)} />
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('activities.compliance.intro')}
        </Typography.Paragraph>
        {user.staffId != null && <MyQuotas />}
        {summary.error && <Alert type="error" showIcon title={errorMessage(summary.error)} />}
        <Table<RuleSummary>
          rowKey="ruleId"
          loading={summary.isLoading}
          dataSource={summary.data?.rules ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="compliance-rules"
          expandable={{
            expandedRowRender: (rule) => (
              <Table
                rowKey={(s) => String(s.schoolId)}
                size="small"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={rule.schools}
                columns={[
                  { title: f('school'), dataIndex: 'schoolName' },
                  { title: t('activities.compliance.subjects'), dataIndex: 'subjects' },
                  { title: t('activities.compliance.shareOk'), render: (_: unknown, s) => share(s) },
                  {
                    title: t('common.actions'),
                    render: (_: unknown, s) => (
                      <Button
                        type="link"
                        size="small"
                        data-testid={`compliance-detail-${rule.ruleId}-${s.schoolId}`}
                        onClick={() =>
                          setDetail({
                            ruleId: rule.ruleId,
                            schoolId: s.schoolId,
                            title: `${rule.label} · ${s.schoolName}`,
                          })
                        }
                      >
                        {t('activities.compliance.people')}
                      </Button>
                    ),
                  },
                ]}
              />
            ),
          }}
          columns={[
            { title: f('label'), dataIndex: 'label' },
            {
              title: f('activity'),
              dataIndex: 'activity',
              render: (a: string) => t(`activities.kinds.${a}` as 'activities.kinds.observation'),
            },
            {
              title: f('periodKind'),
              render: (_: unknown, r) =>
                r.periodId ? (
                  <Tag>
                    {r.periodStart} ~ {r.periodEnd}
                  </Tag>
                ) : (
                  t('activities.compliance.noPeriod')
                ),
            },
            { title: f('county'), render: (_: unknown, r) => share(r.county) },
            {
              title: t('activities.compliance.schools'),
              render: (_: unknown, r) => r.schools.length,
            },
          ]}
        />
      </Space>
      <SubjectsDrawer detail={detail} asOf={asOf} onClose={() => setDetail(null)} />
    </Page>
  );
}

function SubjectsDrawer({
  detail,
  asOf,
  onClose,
}: {
  detail: { ruleId: number; schoolId: number | null; title: string } | null;
  asOf: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [behindOnly, setBehindOnly] = useState(false);
  const [records, setRecords] = useState<ComplianceRow | null>(null);
  const rows = useQuery({
    queryKey: ['activities', 'compliance', 'subjects', detail, asOf],
    queryFn: () =>
      api.get<{ items: ComplianceRow[] }>('/activities/compliance/subjects', {
        ruleId: detail?.ruleId,
        schoolId: detail?.schoolId ?? undefined,
        asOf,
      }),
    enabled: detail != null,
  });
  const f = (k: string) => t(`activities.fields.${k}` as 'activities.fields.teacher');
  const items = (rows.data?.items ?? []).filter(
    (r) =>
      (detail?.schoolId != null || r.schoolId == null) &&
      (!behindOnly || r.status === 'behind' || r.status === 'not_met'),
  );
  return (
    <Drawer open={detail != null} onClose={onClose} title={detail?.title} size={720} destroyOnHidden>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Switch checked={behindOnly} onChange={setBehindOnly} /> {t('activities.compliance.behindOnly')}
      </Flex>
      {rows.error && <Alert type="error" showIcon title={errorMessage(rows.error)} />}
      <Table<ComplianceRow>
        rowKey="subjectId"
        size="small"
        loading={rows.isLoading}
        dataSource={items}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: f('name'), dataIndex: 'name' },
          { title: f('done'), dataIndex: 'measured', render: (v: number) => Math.round(v * 100) / 100 },
          { title: f('required'), dataIndex: 'target', render: (v: number) => Math.round(v * 100) / 100 },
          { title: f('expected'), dataIndex: 'expectedToDate', render: (v: number) => Math.round(v * 100) / 100 },
          { title: f('status'), dataIndex: 'status', render: (s: ComplianceRow['status']) => <StatusTag status={s} /> },
          {
            title: f('records'),
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => setRecords(r)} disabled={r.recordCount === 0}>
                {r.recordCount}
              </Button>
            ),
          },
        ]}
      />
      <RecordsDrawer row={records} asOf={asOf} onClose={() => setRecords(null)} />
    </Drawer>
  );
}

function RecordsDrawer({ row, asOf, onClose }: { row: ComplianceRow | null; asOf: string; onClose: () => void }) {
  const { t } = useTranslation();
  const records = useQuery({
    queryKey: ['activities', 'compliance', 'records', row?.ruleId, row?.subjectId, asOf],
    queryFn: () =>
      api.get<{ items: { id: string; kind: string; date: string; label: string }[] }>(
        '/activities/compliance/records',
        {
          ruleId: row?.ruleId,
          subjectId: row?.subjectId,
          asOf,
        },
      ),
    enabled: row != null,
  });
  return (
    <Drawer open={row != null} onClose={onClose} title={row ? `${row.name} · ${row.ruleLabel}` : ''} size={520}>
      {records.error && <Alert type="error" showIcon title={errorMessage(records.error)} />}
      <List
        loading={records.isLoading}
        dataSource={records.data?.items ?? []}
        renderItem={(r) => (
          <List.Item>
            <Space>
              <Tag>{r.date}</Tag>
              {t(`activities.kinds.${r.kind}` as 'activities.kinds.observation')}
              <span>{r.label}</span>
            </Space>
          </List.Item>
        )}
      />
    </Drawer>
  );
}
