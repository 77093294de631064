import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, GRADE_LEVELS, GUARDIAN_RELATIONS, STUDENT_STATUSES } from '../../../common/org/enums';
import { api, errorMessage } from '../../app/api';
import type { Enrollment, Guardian, ListAnswer, Student } from '../../app/types';
import { useCan } from '../../app/use-can';
import { EnumTag, useEnums } from '../../ui/enums';
import { itemKey, listKey } from '../../ui/query-keys';
import { enrollmentsKey } from './lookups';
import { TransferModal } from './TransferModal';

/** Students their school has let go: another school may take them in. */
const released = (status: Student['status']) => status === 'transferred_out' || status === 'graduated';

/** A student's record: details, guardians, and the 学籍变动 history, with the 转班/转学 action. */
export function StudentDrawer({
  studentId,
  onClose,
  onEdit,
}: {
  studentId: number | null;
  onClose: () => void;
  onEdit: (id: number) => void;
}) {
  const { t } = useTranslation();
  const { label } = useEnums();
  const can = useCan();
  const [transferring, setTransferring] = useState(false);
  const id = studentId ?? 0;

  const student = useQuery({
    queryKey: itemKey('/org/students', id),
    queryFn: () => api.get<Student>(`/org/students/${id}`),
    enabled: studentId != null,
  });
  const enrollments = useQuery({
    queryKey: enrollmentsKey(id),
    queryFn: async () => (await api.get<ListAnswer<Enrollment>>(`/org/students/${id}/enrollments`)).items,
    enabled: studentId != null,
  });
  const guardianParams = { studentId: id, pageSize: 50 };
  const guardians = useQuery({
    queryKey: listKey('/org/guardians', guardianParams),
    queryFn: () => api.get<ListAnswer<Guardian>>('/org/guardians', guardianParams),
    enabled: studentId != null,
  });

  const s = student.data;
  return (
    <Drawer
      open={studentId != null}
      size={640}
      title={s?.name ?? t('students.detail')}
      onClose={onClose}
      destroyOnHidden
    >
      {student.error && <Alert type="error" showIcon title={errorMessage(student.error)} />}
      {student.isLoading && <Spin />}
      {s && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="student-detail">
          {/* 转班/转学: by whoever manages the student's school, or by any school manager once the old school
              has let the student go (转出, 毕业, no school); the receiving class is checked by the server. */}
          {(can.school(s.schoolId) || (can.anySchool && (released(s.status) || s.schoolId == null))) && (
            <Space>
              {can.school(s.schoolId) && <Button onClick={() => onEdit(s.id)}>{t('common.edit')}</Button>}
              <Button type="primary" onClick={() => setTransferring(true)} data-testid="student-transfer">
                {t('students.transfer')}
              </Button>
            </Space>
          )}
          <Descriptions
            size="small"
            bordered
            column={2}
            items={[
              { key: 'no', label: t('fields.studentNo'), children: s.studentNo },
              { key: 'name', label: t('fields.personName'), children: s.name },
              { key: 'gender', label: t('fields.gender'), children: label(GENDERS, s.gender) },
              { key: 'birth', label: t('fields.birthDate'), children: s.birthDate },
              { key: 'school', label: t('fields.school'), children: s.schoolName },
              { key: 'class', label: t('fields.class'), children: s.className },
              { key: 'grade', label: t('fields.grade'), children: label(GRADE_LEVELS, s.gradeLevel) },
              {
                key: 'status',
                label: t('fields.status'),
                children: <EnumTag list={STUDENT_STATUSES} value={s.status} />,
              },
            ]}
          />
          <div>
            <Typography.Title level={5}>{t('pages.guardians')}</Typography.Title>
            <Table<Guardian>
              size="small"
              rowKey="id"
              loading={guardians.isLoading}
              dataSource={guardians.data?.items ?? []}
              pagination={false}
              columns={[
                { title: t('fields.personName'), dataIndex: 'name' },
                { title: t('fields.relation'), dataIndex: 'relation', render: (v) => label(GUARDIAN_RELATIONS, v) },
                { title: t('fields.phone'), dataIndex: 'phone' },
              ]}
            />
          </div>
          <div>
            <Typography.Title level={5}>{t('students.history')}</Typography.Title>
            {enrollments.error && <Alert type="error" showIcon title={errorMessage(enrollments.error)} />}
            <Table<Enrollment>
              size="small"
              rowKey="id"
              loading={enrollments.isLoading}
              dataSource={enrollments.data ?? []}
              pagination={false}
              data-testid="student-enrollments"
              columns={[
                { title: t('fields.term'), dataIndex: 'termName' },
                { title: t('fields.school'), dataIndex: 'schoolName' },
                { title: t('fields.class'), dataIndex: 'className' },
                { title: t('fields.startDate'), dataIndex: 'startDate' },
                {
                  title: t('fields.endDate'),
                  dataIndex: 'endDate',
                  render: (v: string | null) => v ?? t('students.ongoing'),
                },
                {
                  title: t('students.reason'),
                  dataIndex: 'reason',
                  render: (v: Enrollment['reason']) => t(`enrollmentReasons.${v}`),
                },
              ]}
            />
          </div>
          <TransferModal student={s} open={transferring} onClose={() => setTransferring(false)} />
        </Space>
      )}
    </Drawer>
  );
}
