import { ImportOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind } from '../../app/types';
import { useCan } from '../../app/use-can';
import { ImportWizard } from './ImportWizard';

/** The Import button of a list page: opens the wizard for that page's kind; absent for users who may not import it. */
export function ImportButton({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  if (!can.import(kind)) return null;
  return (
    <>
      <Button icon={<ImportOutlined />} onClick={() => setOpen(true)} data-testid="import-button">
        {t('import.button')}
      </Button>
      <ImportWizard open={open} kind={kind} onClose={() => setOpen(false)} />
    </>
  );
}
