/**
 * The unit a health report is about: the whole county (bureau users with a county grant), a 学区 (users with a
 * region grant), a school, or a class of it. Someone who sees a single school starts on it; a county user starts on
 * the county, a 学区 user on their 学区.
 */
import { Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../app/auth';
import { useOrgScope } from '../../app/scope';
import { RemoteSelect } from '../../ui/RemoteSelect';
import { RegionTreeSelect, SchoolSelect } from '../../ui/ScopeSelects';
import { classSource } from '../org/lookups';

export interface ReportUnit {
  level: 'county' | 'region' | 'school' | 'class';
  unitId: number;
}

export interface UnitChoice {
  schoolId: number | null;
  classId: number | null;
  /** A 学区 (only offered to users with a region grant below the county). */
  regionId?: number | null;
}

/** The report unit of a choice: the class, else the school, else the 学区, else the county (null: nothing yet). */
export function unitOf(choice: UnitChoice, countyId: number, seesCounty: boolean): ReportUnit | null {
  if (choice.classId) return { level: 'class', unitId: choice.classId };
  if (choice.schoolId) return { level: 'school', unitId: choice.schoolId };
  if (choice.regionId) return { level: 'region', unitId: choice.regionId };
  return seesCounty ? { level: 'county', unitId: countyId } : null;
}

/** The regions below the county the user holds a grant on (学区 leaders). */
function useGrantedRegions(): number[] {
  const user = useUser();
  return user.roles.filter((r) => r.regionId != null && r.regionId !== user.countyId).map((r) => r.regionId!);
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
  noClass = false,
}: {
  value: UnitChoice;
  onChange: (v: UnitChoice) => void;
  schoolYearId?: number;
  /** Reports that stop at the school (mental-health counts). */
  noClass?: boolean;
}) {
  const { t } = useTranslation();
  const { scope } = useOrgScope();
  const seesCounty = useSeesCounty();
  const regions = useGrantedRegions();
  // One school in scope and nothing chosen: start on it; a 学区 leader starts on their 学区.
  useEffect(() => {
    if (seesCounty || value.schoolId !== null || value.regionId) return;
    if (regions.length > 0) onChange({ schoolId: null, classId: null, regionId: regions[0] });
    else if (scope.schools.length === 1) onChange({ schoolId: scope.schools[0].id, classId: null });
  }, [seesCounty, value.schoolId, value.regionId, regions, scope.schools, onChange]);
  const source = classSource(value.schoolId ?? undefined, schoolYearId);
  return (
    <Space wrap>
      {!seesCounty && regions.length > 0 && (
        <RegionTreeSelect
          value={value.regionId ?? null}
          onChange={(regionId) => onChange({ schoolId: null, classId: null, regionId })}
          style={{ minWidth: 180 }}
        />
      )}
      <SchoolSelect
        value={value.schoolId}
        onChange={(schoolId) => onChange({ schoolId, classId: null, regionId: value.regionId })}
        placeholder={seesCounty ? t('health.unit.county') : t('health.unit.pickSchool')}
        style={{ minWidth: 200 }}
        data-testid="health-school"
      />
      {noClass ? null : source ? (
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
