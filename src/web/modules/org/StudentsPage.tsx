import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, GRADE_LEVELS, STUDENT_STATUSES, type StudentStatus } from '../../../common/org/enums';
import type { Student } from '../../app/types';
import { useCan } from '../../app/use-can';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import { EnumTag, useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { schoolActionsColumn } from '../../ui/RowActions';
import { classSource, schoolAndClassFilters, useSchoolYears } from './lookups';
import { ReceiveStudentModal } from './ReceiveStudentModal';
import { StudentDrawer } from './StudentDrawer';

const ENDPOINT = '/org/students';

const STATUS_COLORS: Record<StudentStatus, string> = {
  active: 'green',
  transferred_out: 'default',
  suspended: 'orange',
  graduated: 'blue',
};

/** 学生: the student register (学籍号), with placement history and 转班/转学 in the detail drawer. */
export function StudentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  // New students and the class filter are about this school year's classes.
  const years = useSchoolYears();
  const { label, options } = useEnums();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const [viewing, setViewing] = useState<number | null>(null);
  const [receiving, setReceiving] = useState(false);

  const fields: FieldDef[] = [
    { name: 'studentNo', label: t('fields.studentNo'), required: true, maxLength: 30, lockedOnEdit: true },
    { name: 'name', label: t('fields.personName'), required: true, maxLength: 30 },
    { name: 'gender', label: t('fields.gender'), kind: 'select', required: true, options: options(GENDERS) },
    { name: 'birthDate', label: t('fields.birthDate'), kind: 'date' },
    // Placement is set when enrolling; later moves go through 转班/转学 so the history records them.
    {
      name: 'schoolId',
      label: t('fields.school'),
      kind: 'school',
      required: true,
      createOnly: true,
      clears: ['classId'],
    },
    {
      name: 'classId',
      label: t('fields.class'),
      kind: 'remote',
      createOnly: true,
      remote: (v) => classSource(v.schoolId, years.current?.id),
    },
    // A new student is 在读; 休学/毕业/转出 are later changes of an existing record.
    {
      name: 'status',
      label: t('fields.status'),
      kind: 'select',
      required: true,
      options: options(STUDENT_STATUSES),
      visible: (_, mode) => mode === 'edit',
    },
  ];

  return (
    <Page title={t('pages.students')}>
      <DataTable<Student>
        endpoint={ENDPOINT}
        orgFilter
        searchPlaceholder={t('students.search')}
        filters={[
          ...schoolAndClassFilters({ school: t('fields.school'), class: t('fields.class') }, years.current?.id),
          { kind: 'select', name: 'gradeLevel', label: t('fields.grade'), options: options(GRADE_LEVELS), width: 120 },
          // 在读 by default: graduates and transfers are history; clearing the filter shows them too.
          {
            kind: 'select',
            name: 'status',
            label: t('fields.status'),
            options: options(STUDENT_STATUSES),
            width: 120,
            defaultValue: 'active',
          },
        ]}
        toolbar={(params) => (
          <>
            <ImportButton kind="students" />
            <ExportButton kind="students" params={params} />
            {can.anySchool && (
              <Button onClick={() => setReceiving(true)} data-testid="receive-student">
                {t('students.receive')}
              </Button>
            )}
            {can.anySchool && <CreateButton onClick={() => setEditing(null)} />}
          </>
        )}
        columns={[
          { title: t('fields.studentNo'), dataIndex: 'studentNo', sorter: true },
          {
            title: t('fields.personName'),
            dataIndex: 'name',
            sorter: true,
            render: (name: string, row) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() => setViewing(row.id)}
                data-testid="student-open"
              >
                {name}
              </Button>
            ),
          },
          { title: t('fields.gender'), dataIndex: 'gender', render: (v) => label(GENDERS, v) },
          { title: t('fields.school'), dataIndex: 'schoolName', sorter: true },
          { title: t('fields.grade'), dataIndex: 'gradeLevel', sorter: true, render: (v) => label(GRADE_LEVELS, v) },
          { title: t('fields.class'), dataIndex: 'className', sorter: true },
          { title: t('fields.birthDate'), dataIndex: 'birthDate', sorter: true },
          {
            title: t('fields.status'),
            dataIndex: 'status',
            sorter: true,
            render: (v: StudentStatus) => <EnumTag list={STUDENT_STATUSES} value={v} color={STATUS_COLORS[v]} />,
          },
          // The name opens the record (details, guardians, 学籍变动); the column holds only the changes.
          ...schoolActionsColumn<Student>(t('common.actions'), can, ENDPOINT, setEditing),
        ]}
      />
      <StudentDrawer studentId={viewing} onClose={() => setViewing(null)} onEdit={(id) => setEditing(id)} />
      <ReceiveStudentModal open={receiving} onClose={() => setReceiving(false)} />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('students.edit') : t('students.add')}
        fields={fields}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
