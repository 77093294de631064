import { Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCHOOL_LOCATIONS, SCHOOL_TYPES, type SchoolType } from '../../../common/org/enums';
import type { School, ScopeSchool } from '../../app/types';
import { useCan } from '../../app/use-can';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import { useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { actionsColumn, RowActions } from '../../ui/RowActions';

const ENDPOINT = '/org/schools';

/** 村小 and 教学点 are run by a 中心校; other schools stand on their own. */
const ATTACHED_TYPES = new Set<SchoolType>(['village', 'teaching_point']);
const canBeCentralSchool = (s: ScopeSchool) => !ATTACHED_TYPES.has(s.type);

/** 学校: the county's schools, with type, urban/rural, 中心校 and the 薄弱学校 flag. */
export function SchoolsPage() {
  const { t } = useTranslation();
  const { label, options } = useEnums();
  const can = useCan();
  // A school's own administrators keep its name and contacts up to date; what it is (code, type, region,
  // 中心校, 薄弱 flag) is the county's to change.
  const countyOnly = !can.county;
  const [editing, setEditing] = useState<number | null | undefined>(undefined);

  const yesNo = [
    { value: 'true', label: t('common.yes') },
    { value: 'false', label: t('common.no') },
  ];

  const fields: FieldDef[] = [
    { name: 'code', label: t('fields.schoolCode'), required: true, maxLength: 20, lockedOnEdit: true },
    { name: 'name', label: t('fields.name'), required: true, maxLength: 60 },
    { name: 'shortName', label: t('fields.shortName'), maxLength: 20 },
    {
      name: 'type',
      label: t('fields.schoolType'),
      kind: 'select',
      required: true,
      lockedOnEdit: countyOnly,
      options: options(SCHOOL_TYPES),
    },
    {
      name: 'location',
      label: t('fields.location'),
      kind: 'select',
      required: true,
      lockedOnEdit: countyOnly,
      options: options(SCHOOL_LOCATIONS),
    },
    { name: 'regionId', label: t('fields.region'), kind: 'region', required: true, lockedOnEdit: countyOnly },
    {
      name: 'parentSchoolId',
      label: t('fields.parentSchool'),
      kind: 'school',
      schoolFilter: canBeCentralSchool,
      lockedOnEdit: countyOnly,
      visible: (v) => ATTACHED_TYPES.has(v.type as SchoolType),
      help: t('schools.parentSchoolHelp'),
    },
    {
      name: 'isWeak',
      label: t('fields.isWeak'),
      kind: 'switch',
      lockedOnEdit: countyOnly,
      help: t('schools.isWeakHelp'),
    },
    { name: 'principalName', label: t('fields.principalName'), maxLength: 20 },
    { name: 'contactPerson', label: t('fields.contactPerson'), maxLength: 20 },
    { name: 'contactPhone', label: t('fields.contactPhone'), maxLength: 20 },
    { name: 'address', label: t('fields.address'), kind: 'textarea', maxLength: 120 },
  ];

  return (
    <Page title={t('pages.schools')}>
      <DataTable<School>
        endpoint={ENDPOINT}
        orgFilter
        searchPlaceholder={t('schools.search')}
        filters={[
          { kind: 'select', name: 'type', label: t('fields.schoolType'), options: options(SCHOOL_TYPES) },
          { kind: 'select', name: 'location', label: t('fields.location'), options: options(SCHOOL_LOCATIONS) },
          { kind: 'select', name: 'isWeak', label: t('fields.isWeak'), options: yesNo, width: 120 },
          { kind: 'region', name: 'regionId', label: t('fields.region') },
        ]}
        toolbar={(params) => (
          <>
            <ImportButton kind="schools" />
            <ExportButton kind="schools" params={params} />
            {can.county && <CreateButton onClick={() => setEditing(null)} />}
          </>
        )}
        columns={[
          { title: t('fields.schoolCode'), dataIndex: 'code', sorter: true },
          { title: t('fields.name'), dataIndex: 'name', sorter: true },
          { title: t('fields.schoolType'), dataIndex: 'type', sorter: true, render: (v) => label(SCHOOL_TYPES, v) },
          { title: t('fields.location'), dataIndex: 'location', render: (v) => label(SCHOOL_LOCATIONS, v) },
          { title: t('fields.region'), dataIndex: 'regionName', sorter: true },
          { title: t('fields.parentSchool'), dataIndex: 'parentSchoolName' },
          {
            title: t('fields.isWeak'),
            dataIndex: 'isWeak',
            render: (v: boolean) => (v ? <Tag color="orange">{t('schools.weak')}</Tag> : null),
          },
          { title: t('fields.principalName'), dataIndex: 'principalName' },
          { title: t('fields.contactPhone'), dataIndex: 'contactPhone' },
          ...actionsColumn<School>(
            t('common.actions'),
            can.anySchool,
            (row) =>
              can.school(row.id) && (
                <RowActions endpoint={ENDPOINT} id={row.id} onEdit={() => setEditing(row.id)} archivable={can.county} />
              ),
          ),
        ]}
      />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('schools.edit') : t('schools.add')}
        fields={fields}
        defaults={{ isWeak: false }}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
