import { Card, Col, Empty, Flex, Row, Space, Statistic, Steps, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatValue, type PlanView, STATE_COLOR, STATUS_COLOR, type TaskView } from './data';

/**
 * 挂图作战: the plan on one screen — phases as a timeline, goals with their RAG status, and tasks by unit and state
 * with the overdue first.
 */
export function PlanBoard({ view }: { view: PlanView }) {
  const { t } = useTranslation();
  const current = view.phases.findIndex((p) => p.state === 'current');
  const tasks = [...view.tasks].sort((a, b) => b.overdue - a.overdue || a.id - b.id);
  const unitStates = view.tasks.flatMap((x) => x.units);
  const count = (s: string) => unitStates.filter((u) => u.state === s).length;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('indicators.board.phases')}>
        {view.phases.length === 0 ? (
          <Empty />
        ) : (
          <Steps
            size="small"
            responsive
            current={current === -1 ? (view.phases.every((p) => p.state === 'done') ? view.phases.length : 0) : current}
            items={view.phases.map((p) => ({
              title: p.name,
              description: `${p.startDate.slice(5)}～${p.endDate.slice(5)}`,
            }))}
          />
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('indicators.board.overdueUnits')}
            value={count('overdue')}
            valueStyle={{ color: '#cf1322' }}
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('indicators.board.doneUnits')} value={count('done') + count('done_late')} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('indicators.board.openUnits')} value={count('open')} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('indicators.board.goalsGreen')}
            value={`${view.goals.filter((g) => g.status === 'green').length}/${view.goals.length}`}
          />
        </Col>
      </Row>
      <Card size="small" title={t('indicators.board.goals')}>
        {view.goals.length === 0 ? (
          <Empty description={t('indicators.plans.noGoals')} />
        ) : (
          <Row gutter={[12, 12]}>
            {view.goals.map((g) => (
              <Col xs={24} sm={12} lg={8} key={g.id}>
                <Card size="small" data-testid={`goal-${g.code}`}>
                  <Space direction="vertical" size={2} style={{ width: '100%' }}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text strong ellipsis>
                        {g.name}
                      </Typography.Text>
                      <Tag color={STATUS_COLOR[g.status]} data-testid={`goal-status-${g.code}`} data-status={g.status}>
                        {t(`indicators.status.${g.status}`)}
                      </Tag>
                    </Flex>
                    <Typography.Text type="secondary">
                      {g.orgUnitName} · {g.periodName}
                    </Typography.Text>
                    <span>
                      {t('indicators.fields.value')}{' '}
                      {g.source.available ? formatValue(g.unit, g.value) : t('indicators.library.unavailable')} /{' '}
                      {t('indicators.fields.target')} {formatValue(g.unit, g.target)}
                    </span>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
      <Card size="small" title={t('indicators.board.tasks')}>
        <Table<TaskView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={tasks}
          scroll={{ x: 700 }}
          columns={[
            {
              title: t('indicators.fields.task'),
              dataIndex: 'title',
              width: 220,
              render: (v: string, r) => (
                <Space direction="vertical" size={0}>
                  <span>{v}</span>
                  {r.overdue > 0 && <Tag color="red">{t('indicators.board.overdueN', { n: r.overdue })}</Tag>}
                </Space>
              ),
            },
            { title: t('indicators.fields.leadUnit'), dataIndex: 'leadUnit', width: 110 },
            { title: t('indicators.fields.due'), width: 130, render: (_, r) => <DueText task={r} /> },
            {
              title: t('indicators.fields.units'),
              render: (_, r) => (
                <Flex wrap gap={4}>
                  {[...r.units]
                    .sort((a, b) => b.overdueCount - a.overdueCount)
                    .map((u) => (
                      <Tooltip
                        key={`${u.schoolId}-${u.name}`}
                        title={`${u.dueDate ?? ''} ${t(`indicators.state.${u.state}`)} · ${u.doneOnTime}/${u.dueCount}`}
                      >
                        <Tag color={STATE_COLOR[u.state]}>{u.name}</Tag>
                      </Tooltip>
                    ))}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

export function DueText({ task }: { task: TaskView }) {
  const { t } = useTranslation();
  const r = task.recurrence;
  if (!r) return <span>{task.dueDate}</span>;
  return (
    <span>
      {r.kind === 'weekly'
        ? t('indicators.tasks.weekly', { day: t(`indicators.weekdays.d${(r.weekday ?? 0) as 0}`), time: r.time })
        : t('indicators.tasks.monthly', { day: r.day, time: r.time })}
    </span>
  );
}
