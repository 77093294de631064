/**
 * The unit a health report is about: the whole county (bureau users with a county grant), a school, or a class of
 * it. Someone who sees a single school starts on it; a county user starts on the county.
 */
import { Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { useOrgScope } from '../../app/scope';
import { RemoteSelect } from '../../ui/RemoteSelect';
import { SchoolSelect } from '../../ui/ScopeSelects';
import { classSource } from '../org/lookups';

export interface ReportUnit {
  level: 'county' | 'school' | 'class';
  unitId: number;
}

export interface UnitChoice {
  schoolId: number | null;
  classId: number | null;
}

/** The report unit of a choice: the class, else the school, else the county (null: nothing to ask yet). */
export function unitOf(choice: UnitChoice, countyId: number, seesCounty: boolean): ReportUnit | null {
  if (choice.classId) return { level: 'class', unitId: choice.classId };
  if (choice.schoolId) return { level: 'school', unitId: choice.schoolId };
  return seesCounty ? { level: 'county', unitId: countyId } : null;
}

/** Whether the user holds a grant on the whole county. */
export function useSeesCounty(): boolean {
  const user = useUser();
  return user.roles.some((r) => r.regionId === user.countyId);
}

export function UnitPicker({
  value,
  onChange,
  schoolYearId,
}: {
  value: UnitChoice;
  onChange: (v: UnitChoice) => void;
  schoolYearId?: number;
}) {
  const { t } = useTranslation();
  const { scope } = useOrgScope();
  const seesCounty = useSeesCounty();
  // One school in scope and nothing chosen: start on it.
  useEffect(() => {
    if (!seesCounty && value.schoolId === null && scope.schools.length === 1) {
      onChange({ schoolId: scope.schools[0].id, classId: null });
    }
  }, [seesCounty, value.schoolId, scope.schools, onChange]);
  const source = classSource(value.schoolId ?? undefined, schoolYearId);
  return (
    <Space wrap>
      <SchoolSelect
        value={value.schoolId}
        onChange={(schoolId) => onChange({ schoolId, classId: null })}
        placeholder={seesCounty ? t('health.unit.county') : t('health.unit.pickSchool')}
        style={{ minWidth: 200 }}
        data-testid="health-school"
      />
      {source ? (
        <RemoteSelect
          source={source}
          value={value.classId ?? undefined}
          onChange={(classId) => onChange({ ...value, classId: typeof classId === 'number' ? classId : null })}
          placeholder={t('health.unit.class')}
          style={{ minWidth: 160 }}
          data-testid="health-class"
        />
      ) : (
        <Select disabled placeholder={t('health.unit.class')} style={{ minWidth: 160 }} />
      )}
    </Space>
  );
}
