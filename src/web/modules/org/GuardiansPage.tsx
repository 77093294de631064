import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GUARDIAN_RELATIONS } from '../../../common/org/enums';
import type { Guardian } from '../../app/types';
import { useCan } from '../../app/use-can';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import { useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { schoolActionsColumn } from '../../ui/RowActions';
import { schoolAndClassFilters, studentSource, useSchoolYears } from './lookups';

const ENDPOINT = '/org/guardians';

/** 家长: guardians of students, for home visits and surveys (phones masked in the list). */
export function GuardiansPage() {
  const { t } = useTranslation();
  const can = useCan();
  const years = useSchoolYears();
  const { label, options } = useEnums();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);

  const fields: FieldDef[] = [
    {
      name: 'studentId',
      label: t('fields.student'),
      kind: 'remote',
      required: true,
      lockedOnEdit: true,
      remote: () => studentSource,
      placeholder: t('guardians.studentSearch'),
    },
    { name: 'name', label: t('fields.personName'), required: true, maxLength: 30 },
    {
      name: 'relation',
      label: t('fields.relation'),
      kind: 'select',
      required: true,
      options: options(GUARDIAN_RELATIONS),
    },
    { name: 'phone', label: t('fields.phone'), maxLength: 20 },
  ];

  return (
    <Page title={t('pages.guardians')}>
      <DataTable<Guardian>
        endpoint={ENDPOINT}
        orgFilter
        searchPlaceholder={t('guardians.search')}
        filters={[
          ...schoolAndClassFilters({ school: t('fields.school'), class: t('fields.class') }, years.current?.id),
        ]}
        toolbar={(params) => (
          <>
            <ImportButton kind="guardians" />
            <ExportButton kind="guardians" params={params} />
            {can.anySchool && <CreateButton onClick={() => setEditing(null)} />}
          </>
        )}
        columns={[
          { title: t('fields.studentNo'), dataIndex: 'studentNo', sorter: true },
          { title: t('fields.student'), dataIndex: 'studentName', sorter: true },
          { title: t('fields.guardianName'), dataIndex: 'name', sorter: true },
          {
            title: t('fields.relation'),
            dataIndex: 'relation',
            sorter: true,
            render: (v) => label(GUARDIAN_RELATIONS, v),
          },
          { title: t('fields.phone'), dataIndex: 'phone' },
          ...schoolActionsColumn<Guardian>(t('common.actions'), can, ENDPOINT, setEditing),
        ]}
      />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('guardians.edit') : t('guardians.add')}
        fields={fields}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
