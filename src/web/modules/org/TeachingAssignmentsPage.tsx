import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeachingAssignment } from '../../app/types';
import { useCan } from '../../app/use-can';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import type { FieldDef } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { schoolActionsColumn } from '../../ui/RowActions';
import { classSource, numberParam, staffSource, subjectSource, useTerms } from './lookups';

const ENDPOINT = '/org/teaching-assignments';

/** 任课安排: who teaches which subject in which class, per term (this makes someone a 任课教师). */
export function TeachingAssignmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const terms = useTerms();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);

  const fields: FieldDef[] = [
    {
      name: 'termId',
      label: t('fields.term'),
      kind: 'select',
      required: true,
      options: terms.options,
      clears: ['classId'],
    },
    {
      // Not stored on the assignment: it narrows the class and teacher lists to one school.
      name: 'schoolId',
      label: t('fields.school'),
      kind: 'school',
      required: true,
      submit: false,
      clears: ['classId', 'staffId'],
    },
    {
      name: 'classId',
      label: t('fields.class'),
      kind: 'remote',
      required: true,
      // The classes of the term's school year.
      remote: (v) => classSource(v.schoolId, terms.yearOf(v.termId)),
    },
    { name: 'subjectId', label: t('fields.subject'), kind: 'remote', required: true, remote: () => subjectSource },
    {
      name: 'staffId',
      label: t('fields.teacher'),
      kind: 'remote',
      required: true,
      remote: (v) => (typeof v.schoolId === 'number' ? staffSource(v.schoolId) : null),
    },
  ];

  return (
    <Page title={t('pages.teachingAssignments')}>
      <DataTable<TeachingAssignment>
        endpoint={ENDPOINT}
        ready={terms.settled}
        orgFilter
        searchPlaceholder={t('assignments.search')}
        filters={[
          // This term by default: assignments change every term.
          {
            kind: 'select',
            name: 'termId',
            label: t('fields.term'),
            options: terms.options,
            width: 200,
            defaultValue: terms.current ? String(terms.current.id) : undefined,
          },
          { kind: 'school', name: 'schoolId', label: t('fields.school'), clears: ['classId', 'staffId'] },
          {
            kind: 'remote',
            name: 'classId',
            label: t('fields.class'),
            source: (get) =>
              classSource(numberParam(get('schoolId')), terms.yearOf(numberParam(get('termId')) ?? terms.current?.id)),
          },
          {
            kind: 'remote',
            name: 'staffId',
            label: t('fields.teacher'),
            source: (get) => staffSource(numberParam(get('schoolId'))),
          },
        ]}
        toolbar={(params) => (
          <>
            <ImportButton kind="teaching-assignments" />
            <ExportButton kind="teaching-assignments" params={params} />
            {can.anySchool && <CreateButton onClick={() => setEditing(null)} />}
          </>
        )}
        columns={[
          { title: t('fields.term'), dataIndex: 'termId', render: (v: number) => terms.nameOf(v) },
          { title: t('fields.school'), dataIndex: 'schoolName', sorter: true },
          { title: t('fields.class'), dataIndex: 'className', sorter: true },
          { title: t('fields.subject'), dataIndex: 'subjectName', sorter: true },
          { title: t('fields.staffNo'), dataIndex: 'staffNo', sorter: true },
          { title: t('fields.teacher'), dataIndex: 'staffName', sorter: true },
          // An assignment that ended is removed, not archived: history lives in the term it belonged to.
          ...schoolActionsColumn<TeachingAssignment>(t('common.actions'), can, ENDPOINT, setEditing, {
            action: t('common.remove'),
            confirm: t('assignments.removeConfirm'),
          }),
        ]}
      />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('assignments.edit') : t('assignments.add')}
        fields={fields}
        defaults={{ termId: terms.current?.id }}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
