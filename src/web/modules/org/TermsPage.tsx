import { Card, Flex, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TERM_KINDS, type TermKind } from '../../../common/org/enums';
import type { SchoolYear, Term } from '../../app/types';
import { useCan } from '../../app/use-can';
import { CreateButton } from '../../ui/CreateButton';
import { DataTable } from '../../ui/DataTable';
import { EntityForm } from '../../ui/EntityForm';
import { ExportButton } from '../../ui/ExportButton';
import { useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import { ImportButton } from '../../ui/import/ImportButton';
import { actionsColumn, RowActions } from '../../ui/RowActions';
import { useSchoolYears } from './lookups';

const YEARS = '/org/school-years';
const TERMS = '/org/terms';

/**
 * 学年学期: school years (2025-2026) and their two terms; every activity record belongs to one term.
 * Two lists on one page, each with its own URL state (prefixes y. and t.).
 */
export function TermsPage() {
  return (
    <Flex vertical gap={16}>
      <SchoolYearsCard />
      <TermsCard />
    </Flex>
  );
}

function CurrentTag({ current }: { current: boolean }) {
  const { t } = useTranslation();
  return current ? <Tag color="green">{t('terms.current')}</Tag> : null;
}

function SchoolYearsCard() {
  const { t } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const fields: FieldDef[] = [
    { name: 'name', label: t('fields.schoolYearName'), required: true, placeholder: '2025-2026', maxLength: 20 },
    { name: 'startDate', label: t('fields.startDate'), kind: 'date', required: true },
    { name: 'endDate', label: t('fields.endDate'), kind: 'date', required: true },
    { name: 'isCurrent', label: t('fields.isCurrent'), kind: 'switch', help: t('terms.currentHelp') },
  ];
  return (
    <Card title={t('terms.schoolYears')}>
      <DataTable<SchoolYear>
        endpoint={YEARS}
        stateKey="y."
        searchable={false}
        toolbar={can.county ? () => <CreateButton onClick={() => setEditing(null)} testId="create-year" /> : undefined}
        columns={[
          { title: t('fields.schoolYearName'), dataIndex: 'name', sorter: true },
          { title: t('fields.startDate'), dataIndex: 'startDate', sorter: true },
          { title: t('fields.endDate'), dataIndex: 'endDate' },
          { title: t('fields.isCurrent'), dataIndex: 'isCurrent', render: (v: boolean) => <CurrentTag current={v} /> },
          ...actionsColumn<SchoolYear>(t('common.actions'), can.county, (row) => (
            <RowActions endpoint={YEARS} id={row.id} onEdit={() => setEditing(row.id)} archivable={false} />
          )),
        ]}
      />
      <EntityForm
        endpoint={YEARS}
        id={editing}
        title={editing ? t('terms.editYear') : t('terms.addYear')}
        fields={fields}
        defaults={{ isCurrent: false }}
        onClose={() => setEditing(undefined)}
      />
    </Card>
  );
}

function TermsCard() {
  const { t } = useTranslation();
  const can = useCan();
  const { label, options } = useEnums();
  const years = useSchoolYears();
  const [editing, setEditing] = useState<number | null | undefined>(undefined);
  const fields: FieldDef[] = [
    { name: 'schoolYearId', label: t('fields.schoolYear'), kind: 'select', required: true, options: years.options },
    { name: 'kind', label: t('fields.termKind'), kind: 'select', required: true, options: options(TERM_KINDS) },
    { name: 'name', label: t('fields.termName'), maxLength: 30, help: t('terms.nameHelp') },
    { name: 'startDate', label: t('fields.startDate'), kind: 'date', required: true },
    { name: 'endDate', label: t('fields.endDate'), kind: 'date', required: true },
    { name: 'isCurrent', label: t('fields.isCurrent'), kind: 'switch', help: t('terms.currentHelp') },
  ];
  return (
    <Card title={t('terms.terms')}>
      <DataTable<Term>
        endpoint={TERMS}
        stateKey="t."
        searchable={false}
        filters={[{ kind: 'select', name: 'schoolYearId', label: t('fields.schoolYear'), options: years.options }]}
        toolbar={(params) => (
          <>
            <ImportButton kind="terms" />
            <ExportButton kind="terms" params={params} />
            {can.county && <CreateButton onClick={() => setEditing(null)} testId="create-term" />}
          </>
        )}
        columns={[
          { title: t('fields.schoolYear'), dataIndex: 'schoolYearName', sorter: true },
          { title: t('fields.termKind'), dataIndex: 'kind', render: (v: TermKind) => label(TERM_KINDS, v) },
          { title: t('fields.termName'), dataIndex: 'name', sorter: true },
          { title: t('fields.startDate'), dataIndex: 'startDate', sorter: true },
          { title: t('fields.endDate'), dataIndex: 'endDate' },
          { title: t('fields.isCurrent'), dataIndex: 'isCurrent', render: (v: boolean) => <CurrentTag current={v} /> },
          ...actionsColumn<Term>(t('common.actions'), can.county, (row) => (
            <RowActions endpoint={TERMS} id={row.id} onEdit={() => setEditing(row.id)} archivable={false} />
          )),
        ]}
      />
      <EntityForm
        endpoint={TERMS}
        id={editing}
        title={editing ? t('terms.editTerm') : t('terms.addTerm')}
        fields={fields}
        defaults={{ schoolYearId: years.current?.id, isCurrent: false }}
        onClose={() => setEditing(undefined)}
      />
    </Card>
  );
}
