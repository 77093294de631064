import { Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, STAFF_TIERS, STAFF_TITLES } from '../../../common/org/enums';
import type { Staff } from '../../app/types';
import { useCan } from '../../app/use-can';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import { EnumTags, useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { Page } from '../../ui/Page';
import { schoolActionsColumn } from '../../ui/RowActions';
import { subjectSource } from './lookups';

const ENDPOINT = '/org/staff';

/** 教职工: teachers and staff with 职称, 骨干/名师 tiers and the subjects they teach. */
export function StaffPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { label, options } = useEnums();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);

  const fields: FieldDef[] = [
    { name: 'staffNo', label: t('fields.staffNo'), required: true, maxLength: 30, lockedOnEdit: true },
    { name: 'name', label: t('fields.personName'), required: true, maxLength: 30 },
    { name: 'gender', label: t('fields.gender'), kind: 'select', options: options(GENDERS) },
    { name: 'schoolId', label: t('fields.school'), kind: 'school', help: t('staff.schoolHelp') },
    // Bureau staff (教研员, 督学) belong to a region rather than a school.
    { name: 'regionId', label: t('fields.region'), kind: 'region', help: t('staff.regionHelp') },
    { name: 'phone', label: t('fields.phone'), maxLength: 20 },
    { name: 'title', label: t('fields.title'), kind: 'select', options: options(STAFF_TITLES) },
    { name: 'tiers', label: t('fields.tiers'), kind: 'multiselect', options: options(STAFF_TIERS) },
    { name: 'subjectIds', label: t('fields.subjects'), kind: 'remote', multiple: true, remote: () => subjectSource },
    { name: 'position', label: t('fields.position'), maxLength: 30, placeholder: t('staff.positionExample') },
  ];

  return (
    <Page title={t('pages.staff')}>
      <DataTable<Staff>
        endpoint={ENDPOINT}
        orgFilter
        searchPlaceholder={t('staff.search')}
        filters={[
          { kind: 'school', name: 'schoolId', label: t('fields.school') },
          { kind: 'remote', name: 'subjectId', label: t('fields.subject'), source: () => subjectSource },
          { kind: 'select', name: 'title', label: t('fields.title'), options: options(STAFF_TITLES) },
          { kind: 'select', name: 'tier', label: t('fields.tier'), options: options(STAFF_TIERS) },
        ]}
        toolbar={(params) => (
          <>
            <ImportButton kind="staff" />
            <ExportButton kind="staff" params={params} />
            {can.anySchool && <CreateButton onClick={() => setEditing(null)} />}
          </>
        )}
        columns={[
          { title: t('fields.staffNo'), dataIndex: 'staffNo', sorter: true },
          { title: t('fields.personName'), dataIndex: 'name', sorter: true },
          { title: t('fields.gender'), dataIndex: 'gender', render: (v) => label(GENDERS, v) },
          { title: t('fields.school'), dataIndex: 'schoolName', sorter: true },
          { title: t('fields.title'), dataIndex: 'title', sorter: true, render: (v) => label(STAFF_TITLES, v) },
          {
            title: t('fields.tiers'),
            dataIndex: 'tiers',
            render: (v: string[]) => <EnumTags list={STAFF_TIERS} values={v} />,
          },
          { title: t('fields.subjects'), dataIndex: 'subjectNames', render: (v: string[]) => v?.join('、') },
          { title: t('fields.position'), dataIndex: 'position' },
          { title: t('fields.phone'), dataIndex: 'phone' },
          {
            title: t('staff.account'),
            dataIndex: 'hasAccount',
            render: (v: boolean) => (v ? <Tag color="blue">{t('staff.hasAccount')}</Tag> : null),
          },
          ...schoolActionsColumn<Staff>(t('common.actions'), can, ENDPOINT, setEditing),
        ]}
      />
      <EntityForm
        endpoint={ENDPOINT}
        id={editing}
        title={editing ? t('staff.edit') : t('staff.add')}
        fields={fields}
        defaults={{ tiers: [], subjectIds: [] }}
        onClose={() => setEditing(undefined)}
      />
    </Page>
  );
}
