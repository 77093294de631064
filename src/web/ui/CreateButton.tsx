import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** The 新增 button of a list page; pages render it only for users who may create that record. */
export function CreateButton({ onClick, testId = 'create-button' }: { onClick: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {t('common.create')}
    </Button>
  );
}
