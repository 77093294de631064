import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAGES, type Stage } from '../../../common/org/enums';
import type { Subject } from '../../app/types';
import { useCan } from '../../app/use-can';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import { EnumTags, useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { actionsColumn, RowActions } from '../../ui/RowActions';

const ENDPOINT = '/org/subjects';

/** 学科: the county's subjects and the stages (小学/初中/高中) that teach each. */
export function SubjectsPage() {
  const { t } = useTranslation();
  const { options } = useEnums();
  const can = useCan();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);

  const fields: FieldDef[] = [
    { name: 'code', label: t('fields.code'), required: true, maxLength: 20, lockedOnEdit: true },
    { name: 'name', label: t('fields.name'), required: true, maxLength: 30 },
    { name: 'stages', label: t('fields.stages'), kind: 'multiselect', required: true, options: options(STAGES) },
    { name: 'sort', label: t('fields.sort'), kind: 'number', min: 0 },
  ];

  return (
    <Page title={t('pages.subjects')}>
      <DataTable<Subject>
        endpoint={ENDPOINT}
        filters={[{ kind: 'select', name: 'stage', label: t('fields.stage'), options: options(STAGES) }]}
        toolbar={(params) => (
          <>
            <ImportButton kind="subjects" />
            <ExportButton kind="subjects" params={params} />
            {can.county && <CreateButton onClick={() => setEditing(null)} />}
          </>
        )}
        columns={[
          { title: t('fields.code'), dataIndex: 'code', sorter: true },
          { title: t('fields.name'), dataIndex: 'name', sorter: true },
          {
            title: t('fields.stages'),
            dataIndex: 'stages',
            render: (v: Stage[]) => <EnumTags list={STAGES} values={v} />,
          },
          { title: t('fields.sort'), dataIndex: 'sort', sorter: true },
          ...actionsColumn<Subject>(t('common.actions'), can.county, (row) => (
            <RowActions endpoint={ENDPOINT} id={row.id} onEdit={() => setEditing(row.id)} />
          )),
        ]}
      />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('subjects.edit') : t('subjects.add')}
        fields={fields}
        defaults={{ stages: ['primary', 'junior', 'senior'], sort: 0 }}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
