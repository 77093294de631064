import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADE_LEVELS, GRADES_OF_SCHOOL_TYPE, labelOf } from '../../../common/org/enums';
import { useOrgScope } from '../../app/scope';
import type { SchoolClass } from '../../app/types';
import { useCan } from '../../app/use-can';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import { useEnums } from '../../ui/enums';
import type { FieldDef, FormValues } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { schoolActionsColumn } from '../../ui/RowActions';
import { staffSource, useSchoolYears } from './lookups';

const ENDPOINT = '/org/classes';

/** 七年级(3)班: the name schools write, proposed from grade and number (always in Chinese: it is data). */
function className(gradeLevel: number, classNo: number): string {
  return `${labelOf(GRADE_LEVELS, gradeLevel, 'zh')}(${classNo})班`;
}

/** 班级: classes per school and school year, with their 班主任. */
export function ClassesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { label, options } = useEnums();
  const { scope } = useOrgScope();
  const years = useSchoolYears();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);

  // Only the grades the chosen school teaches (a 初中 has no 一年级).
  const gradeOptions = (v: FormValues) => {
    const school = scope.schools.find((s) => s.id === v.schoolId);
    const grades = school ? GRADES_OF_SCHOOL_TYPE[school.type] : GRADE_LEVELS.map((g) => g.value);
    return options(GRADE_LEVELS).filter((o) => grades.includes(o.value));
  };

  const fields: FieldDef[] = [
    {
      name: 'schoolId',
      label: t('fields.school'),
      kind: 'school',
      required: true,
      lockedOnEdit: true,
      clears: ['headTeacherId', 'gradeLevel'],
    },
    {
      name: 'schoolYearId',
      label: t('fields.schoolYear'),
      kind: 'select',
      required: true,
      lockedOnEdit: true,
      options: years.options,
    },
    { name: 'gradeLevel', label: t('fields.grade'), kind: 'select', required: true, options: gradeOptions },
    { name: 'classNo', label: t('fields.classNo'), kind: 'number', required: true, min: 1, max: 99 },
    { name: 'name', label: t('fields.className'), maxLength: 30, help: t('classes.nameHelp') },
    {
      name: 'headTeacherId',
      label: t('fields.headTeacher'),
      kind: 'remote',
      // 班主任 from the staff of this class's school.
      remote: (v) => (typeof v.schoolId === 'number' ? staffSource(v.schoolId) : null),
    },
  ];

  return (
    <Page title={t('pages.classes')}>
      <DataTable<SchoolClass>
        endpoint={ENDPOINT}
        ready={years.settled}
        orgFilter
        searchPlaceholder={t('classes.search')}
        filters={[
          { kind: 'school', name: 'schoolId', label: t('fields.school') },
          // This school year by default; last year's classes are one click away.
          {
            kind: 'select',
            name: 'schoolYearId',
            label: t('fields.schoolYear'),
            options: years.options,
            defaultValue: years.current ? String(years.current.id) : undefined,
          },
          { kind: 'select', name: 'gradeLevel', label: t('fields.grade'), options: options(GRADE_LEVELS), width: 120 },
        ]}
        toolbar={(params) => (
          <>
            <ImportButton kind="classes" />
            <ExportButton kind="classes" params={params} />
            {can.anySchool && <CreateButton onClick={() => setEditing(null)} />}
          </>
        )}
        columns={[
          { title: t('fields.school'), dataIndex: 'schoolName', sorter: true },
          { title: t('fields.schoolYear'), dataIndex: 'schoolYearId', render: (v: number) => years.nameOf(v) },
          { title: t('fields.grade'), dataIndex: 'gradeLevel', sorter: true, render: (v) => label(GRADE_LEVELS, v) },
          { title: t('fields.classNo'), dataIndex: 'classNo', sorter: true },
          { title: t('fields.className'), dataIndex: 'name', sorter: true },
          { title: t('fields.headTeacher'), dataIndex: 'headTeacherName', sorter: true },
          { title: t('fields.studentCount'), dataIndex: 'studentCount' },
          ...schoolActionsColumn<SchoolClass>(t('common.actions'), can, ENDPOINT, setEditing),
        ]}
      />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('classes.edit') : t('classes.add')}
        fields={fields}
        defaults={{ schoolYearId: years.current?.id }}
        onValuesChange={(changed, all, set) => {
          // Keep proposing the name while the user has not typed one of their own.
          if (!('gradeLevel' in changed || 'classNo' in changed)) return;
          const grade = Number(all.gradeLevel);
          const no = Number(all.classNo);
          const previous = all.name as string | undefined;
          const wasProposed = !previous || /^.+\(\d+\)班$/.test(previous);
          if (grade && no && wasProposed) set({ name: className(grade, no) });
        }}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
