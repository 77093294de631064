import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../app/api';
import type { Student } from '../../app/types';
import { DateInput } from '../../ui/DateInput';
import { invalidateEntity } from '../../ui/query-keys';
import { RemoteSelect } from '../../ui/RemoteSelect';
import { SchoolSelect } from '../../ui/ScopeSelects';
import { classSource, enrollmentsKey, useSchoolYears } from './lookups';

interface Values {
  schoolId: number | null;
  classId: number | null;
  date: string | null;
}

/**
 * 转班/转学: POST /org/students/:id/transfer { classId, date }. The server closes the current placement and
 * opens a new one, so the 学籍变动 history keeps both; a class in another school makes it a 转学.
 */
export function TransferModal({
  student,
  open,
  onClose,
  receiving = false,
}: {
  student: Student;
  open: boolean;
  onClose: () => void;
  /** 转入: the student comes from another school, so the receiving school is chosen rather than the current one. */
  receiving?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // Students move into this school year's classes.
  const years = useSchoolYears();
  const [form] = Form.useForm<Values>();
  const schoolId = Form.useWatch('schoolId', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await api.post(`/org/students/${student.id}/transfer`, { classId: values.classId, date: values.date });
      await invalidateEntity(queryClient, '/org/students');
      await invalidateEntity(queryClient, '/org/classes'); // student counts changed
      await queryClient.invalidateQueries({ queryKey: enrollmentsKey(student.id) });
      message.success(t('students.transferred'));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('students.transferTitle', { name: student.name })}
      okText={t('students.transfer')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          schoolId: receiving ? null : student.schoolId,
          classId: null,
          date: dayjs().format('YYYY-MM-DD'),
        }}
        onValuesChange={(changed) => {
          if ('schoolId' in changed) form.setFieldValue('classId', null);
        }}
      >
        <Form.Item name="schoolId" label={t('fields.school')} rules={[{ required: true }]}>
          <SchoolSelect allowClear={false} data-testid="transfer-school" />
        </Form.Item>
        <Form.Item name="classId" label={t('students.newClass')} rules={[{ required: true }]}>
          <RemoteSelect
            source={classSource(schoolId, years.current?.id) ?? { endpoint: '', label: () => '' }}
            disabled={typeof schoolId !== 'number'}
            data-testid="transfer-class"
          />
        </Form.Item>
        <Form.Item name="date" label={t('students.transferDate')} rules={[{ required: true }]}>
          <DateInput data-testid="transfer-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
