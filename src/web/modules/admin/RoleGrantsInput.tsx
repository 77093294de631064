import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GRADE_LEVELS, GRADES_OF_SCHOOL_TYPE, ROLES } from '../../../common/org/enums';
import { type GrantableRole, type GrantScope, isGrantableRole, ROLE_SCOPE } from '../../../common/org/role-scope';
import { useUser } from '../../app/auth';
import { grantableRoles } from '../../app/permissions';
import { useEnums } from '../../ui/enums';
import { RemoteSelect } from '../../ui/RemoteSelect';
import { RegionTreeSelect, SchoolSelect, useScopeSchool } from '../../ui/ScopeSelects';
import { subjectSource } from '../org/lookups';

/** One role grant as the account form edits it (RoleGrant without the server's label). */
export interface GrantInput extends GrantScope {
  role: GrantableRole | null;
}

const EMPTY: GrantInput = { role: null, regionId: null, schoolId: null, gradeLevel: null, subjectId: null };

/** Keeps only the scope fields the role uses, so a changed role never carries a stale school along. */
function withRole(grant: GrantInput, role: GrantableRole): GrantInput {
  const kind = ROLE_SCOPE[role];
  return {
    role,
    regionId: kind === 'region' || kind === 'region_or_school' ? grant.regionId : null,
    schoolId: kind === 'region' ? null : grant.schoolId,
    gradeLevel: kind === 'school_grade' ? grant.gradeLevel : null,
    subjectId: kind === 'school_subject' ? grant.subjectId : null,
  };
}

function GrantRow({
  grant,
  allowed,
  onChange,
  onRemove,
  index,
}: {
  grant: GrantInput;
  allowed: readonly GrantableRole[];
  onChange: (g: GrantInput) => void;
  onRemove: () => void;
  index: number;
}) {
  const { t } = useTranslation();
  const { options } = useEnums();
  const school = useScopeSchool(grant.schoolId);
  const kind = grant.role ? ROLE_SCOPE[grant.role] : null;
  // The roles this user may grant, plus the one already on the row (editing someone with a higher role).
  const roleOptions = options(ROLES).filter(
    (o) => isGrantableRole(o.value) && (allowed.includes(o.value) || o.value === grant.role),
  );
  const grades = school ? GRADES_OF_SCHOOL_TYPE[school.type] : [];
  const set = (patch: Partial<GrantInput>) => onChange({ ...grant, ...patch });

  return (
    <Flex gap={8} wrap align="center" data-testid={`grant-${index}`}>
      <Select<GrantableRole>
        value={grant.role ?? undefined}
        onChange={(role) => onChange(withRole(grant, role))}
        options={roleOptions}
        placeholder={t('users.role')}
        style={{ width: 180 }}
        popupMatchSelectWidth={false}
      />
      {(kind === 'region' || kind === 'region_or_school') && (
        <RegionTreeSelect
          value={grant.regionId}
          onChange={(regionId) =>
            set({ regionId, schoolId: kind === 'region_or_school' && regionId ? null : grant.schoolId })
          }
          style={{ width: 180 }}
        />
      )}
      {kind === 'region_or_school' && <Typography.Text type="secondary">{t('users.or')}</Typography.Text>}
      {kind && kind !== 'region' && (
        <SchoolSelect
          value={grant.schoolId}
          onChange={(schoolId) =>
            set({
              schoolId,
              gradeLevel: null,
              regionId: kind === 'region_or_school' && schoolId ? null : grant.regionId,
            })
          }
          style={{ width: 200 }}
        />
      )}
      {kind === 'school_grade' && (
        <Select<number>
          value={grant.gradeLevel ?? undefined}
          onChange={(gradeLevel) => set({ gradeLevel })}
          options={options(GRADE_LEVELS).filter((o) => grades.includes(o.value))}
          placeholder={t('fields.grade')}
          disabled={!school}
          style={{ width: 120 }}
        />
      )}
      {kind === 'school_subject' && (
        <RemoteSelect
          source={subjectSource}
          value={grant.subjectId}
          onChange={(v) => set({ subjectId: typeof v === 'number' ? v : null })}
          placeholder={t('fields.subject')}
          style={{ width: 140 }}
        />
      )}
      <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('common.remove')} />
    </Flex>
  );
}

/**
 * The role grants of an account: each a role plus the scope that role needs (ROLE_SCOPE): a region for bureau
 * roles, a school for school roles, a grade or subject on top for 年级组长/教研组长. 班主任 and 任课教师 are
 * not granted here: they follow from the classes and teaching assignments.
 */
export function RoleGrantsInput({
  value,
  onChange,
}: {
  value?: GrantInput[];
  onChange?: (value: GrantInput[]) => void;
}) {
  const { t } = useTranslation();
  const allowed = grantableRoles(useUser());
  const grants = value ?? [];
  const replace = (i: number, g: GrantInput) => onChange?.(grants.map((x, j) => (j === i ? g : x)));
  return (
    <Flex vertical gap={8}>
      {grants.map((g, i) => (
        <GrantRow
          // biome-ignore lint/suspicious/noArrayIndexKey: grants have no id until saved; rows are edited in place
          key={i}
          index={i}
          grant={g}
          allowed={allowed}
          onChange={(next) => replace(i, next)}
          onRemove={() => onChange?.(grants.filter((_, j) => j !== i))}
        />
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => onChange?.([...grants, EMPTY])}
        data-testid="grant-add"
      >
        {t('users.addRole')}
      </Button>
    </Flex>
  );
}
