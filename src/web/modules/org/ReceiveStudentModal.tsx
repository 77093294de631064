import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STUDENT_STATUSES } from '../../../common/org/enums';
import { ApiError, api, errorMessage } from '../../app/api';
import type { Student } from '../../app/types';
import { useEnums } from '../../ui/enums';
import { TransferModal } from './TransferModal';

/**
 * 转入学生: the receiving school finds a student by exact 学籍号 (GET /org/students/lookup — a student its former
 * school has released, or one of its own) and then records the move with the ordinary 转班/转学 form.
 */
export function ReceiveStudentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { label } = useEnums();
  const [studentNo, setStudentNo] = useState('');
  const [found, setFound] = useState<Student | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  const [transferring, setTransferring] = useState(false);

  const close = () => {
    setStudentNo('');
    setFound(null);
    setError(null);
    setTransferring(false);
    onClose();
  };

  const find = async () => {
    setSearching(true);
    setError(null);
    setFound(null);
    try {
      setFound(await api.get<Student>(`/org/students/lookup?studentNo=${encodeURIComponent(studentNo.trim())}`));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 404 ? t('students.receiveNotFound') : errorMessage(err));
    } finally {
      setSearching(false);
    }
  };

  if (found && transferring) return <TransferModal student={found} open onClose={close} receiving />;

  return (
    <Modal open={open} title={t('students.receive')} onCancel={close} footer={null} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('students.receiveHint')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input
          value={studentNo}
          onChange={(e) => setStudentNo(e.target.value)}
          onPressEnter={() => void find()}
          placeholder={t('fields.studentNo')}
          data-testid="receive-student-no"
        />
        <Button type="primary" loading={searching} disabled={!studentNo.trim()} onClick={() => void find()}>
          {t('students.receiveFind')}
        </Button>
      </Space.Compact>
      {error && <Alert type="warning" showIcon title={error} />}
      {found && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            title={t('students.receiveFound', {
              name: found.name,
              school: found.schoolName ?? '—',
              status: label(STUDENT_STATUSES, found.status),
            })}
          />
          <Button type="primary" onClick={() => setTransferring(true)} data-testid="receive-next">
            {t('students.receiveNext')}
          </Button>
        </Space>
      )}
    </Modal>
  );
}
