import { Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../app/types';

/** 新增 N / 更新 N / 不变 N: what the commit will do (or did). */
export function ImportSummary({ summary }: { summary: NonNullable<ImportJob['summary']> }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16} data-testid="import-summary">
      <Col span={8}>
        <Statistic title={t('import.create')} value={summary.create} />
      </Col>
      <Col span={8}>
        <Statistic title={t('import.update')} value={summary.update} />
      </Col>
      <Col span={8}>
        <Statistic title={t('import.unchanged')} value={summary.unchanged} />
      </Col>
    </Row>
  );
}
