/**
 * Enumerations of the org registry, with the Chinese labels schools use and English labels.
 * The database stores the `value`; imports accept the Chinese label or the value; exports write the Chinese label.
 */
export interface EnumOption<V extends string | number = string> {
  value: V;
  zh: string;
  en: string;
}

function options<V extends string | number>(list: EnumOption<V>[]): readonly EnumOption<V>[] {
  return Object.freeze(list);
}

export const REGION_LEVELS = options([
  { value: 'province', zh: '省', en: 'Province' },
  { value: 'city', zh: '市', en: 'City' },
  { value: 'county', zh: '区县', en: 'County' },
  { value: 'district', zh: '学区', en: 'School district' },
]);
export type RegionLevel = 'province' | 'city' | 'county' | 'district';

export const SCHOOL_TYPES = options([
  { value: 'primary', zh: '小学', en: 'Primary school' },
  { value: 'junior', zh: '初中', en: 'Junior secondary' },
  { value: 'nine_year', zh: '九年一贯制', en: 'Nine-year school' },
  { value: 'complete', zh: '完全中学', en: 'Complete secondary' },
  { value: 'senior', zh: '高中', en: 'Senior secondary' },
  { value: 'twelve_year', zh: '十二年一贯制', en: 'Twelve-year school' },
  { value: 'village', zh: '村小', en: 'Village primary' },
  { value: 'teaching_point', zh: '教学点', en: 'Teaching point' },
]);
export type SchoolType =
  | 'primary'
  | 'junior'
  | 'nine_year'
  | 'complete'
  | 'senior'
  | 'twelve_year'
  | 'village'
  | 'teaching_point';

export const SCHOOL_LOCATIONS = options([
  { value: 'urban', zh: '城区', en: 'Urban' },
  { value: 'town', zh: '乡镇', en: 'Town' },
  { value: 'rural', zh: '农村', en: 'Rural' },
]);
export type SchoolLocation = 'urban' | 'town' | 'rural';

export const STAGES = options([
  { value: 'primary', zh: '小学', en: 'Primary' },
  { value: 'junior', zh: '初中', en: 'Junior secondary' },
  { value: 'senior', zh: '高中', en: 'Senior secondary' },
]);
export type Stage = 'primary' | 'junior' | 'senior';

/** Grade levels 1–12: 一年级 … 六年级, 七年级(初一) … 九年级(初三), 高一 … 高三. */
export const GRADE_LEVELS = options<number>([
  { value: 1, zh: '一年级', en: 'Grade 1' },
  { value: 2, zh: '二年级', en: 'Grade 2' },
  { value: 3, zh: '三年级', en: 'Grade 3' },
  { value: 4, zh: '四年级', en: 'Grade 4' },
  { value: 5, zh: '五年级', en: 'Grade 5' },
  { value: 6, zh: '六年级', en: 'Grade 6' },
  { value: 7, zh: '七年级', en: 'Grade 7' },
  { value: 8, zh: '八年级', en: 'Grade 8' },
  { value: 9, zh: '九年级', en: 'Grade 9' },
  { value: 10, zh: '高一', en: 'Grade 10' },
  { value: 11, zh: '高二', en: 'Grade 11' },
  { value: 12, zh: '高三', en: 'Grade 12' },
]);

/** Other names schools write for the same grade (初一 = 七年级 …), accepted on import. */
export const GRADE_ALIASES: Readonly<Record<string, number>> = Object.freeze({
  初一: 7,
  初二: 8,
  初三: 9,
  十年级: 10,
  十一年级: 11,
  十二年级: 12,
});

export function stageOfGrade(level: number): Stage {
  return level <= 6 ? 'primary' : level <= 9 ? 'junior' : 'senior';
}

/** Which grade levels a school of each type teaches. */
export const GRADES_OF_SCHOOL_TYPE: Readonly<Record<SchoolType, readonly number[]>> = Object.freeze({
  primary: [1, 2, 3, 4, 5, 6],
  village: [1, 2, 3, 4, 5, 6],
  teaching_point: [1, 2, 3],
  junior: [7, 8, 9],
  nine_year: [1, 2, 3, 4, 5, 6, 7, 8, 9],
  complete: [7, 8, 9, 10, 11, 12],
  senior: [10, 11, 12],
  twelve_year: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
});

export const TERM_KINDS = options([
  { value: 'first', zh: '上学期', en: 'First term' },
  { value: 'second', zh: '下学期', en: 'Second term' },
]);
export type TermKind = 'first' | 'second';

export const GENDERS = options([
  { value: 'M', zh: '男', en: 'Male' },
  { value: 'F', zh: '女', en: 'Female' },
]);
export type Gender = 'M' | 'F';

export const STAFF_TITLES = options([
  { value: 'senior_professor', zh: '正高级教师', en: 'Professor-level teacher' },
  { value: 'senior', zh: '高级教师', en: 'Senior teacher' },
  { value: 'first', zh: '一级教师', en: 'First-grade teacher' },
  { value: 'second', zh: '二级教师', en: 'Second-grade teacher' },
  { value: 'third', zh: '三级教师', en: 'Third-grade teacher' },
  { value: 'none', zh: '未定级', en: 'Unranked' },
]);

export const STAFF_TIERS = options([
  { value: 'backbone', zh: '骨干教师', en: 'Backbone teacher' },
  { value: 'subject_leader', zh: '学科带头人', en: 'Subject leader' },
  { value: 'famous_teacher', zh: '名师', en: 'Master teacher' },
  { value: 'famous_principal', zh: '名校长', en: 'Master principal' },
  { value: 'famous_head_teacher', zh: '名班主任', en: 'Master class teacher' },
  { value: 'new_teacher', zh: '新任教师', en: 'New teacher' },
]);

export const STUDENT_STATUSES = options([
  { value: 'active', zh: '在读', en: 'Enrolled' },
  { value: 'transferred_out', zh: '转出', en: 'Transferred out' },
  { value: 'suspended', zh: '休学', en: 'Suspended' },
  { value: 'graduated', zh: '毕业', en: 'Graduated' },
]);
export type StudentStatus = 'active' | 'transferred_out' | 'suspended' | 'graduated';

export const GUARDIAN_RELATIONS = options([
  { value: 'father', zh: '父亲', en: 'Father' },
  { value: 'mother', zh: '母亲', en: 'Mother' },
  { value: 'grandparent', zh: '祖父母/外祖父母', en: 'Grandparent' },
  { value: 'other', zh: '其他监护人', en: 'Other guardian' },
]);

/**
 * Roles that are granted explicitly (user_roles rows). 班主任 and 任课教师 are not granted: they follow from
 * classes.head_teacher_id and teaching_assignments, so a user who is a class teacher is one by the registry.
 */
export const ROLES = options([
  { value: 'bureau_admin', zh: '教育局管理员', en: 'Bureau administrator' },
  { value: 'bureau_leader', zh: '局领导', en: 'Bureau leader' },
  { value: 'researcher', zh: '教研员', en: 'Teaching researcher' },
  { value: 'inspector', zh: '督学', en: 'Inspector' },
  { value: 'school_admin', zh: '校长/学校管理员', en: 'Principal / school admin' },
  { value: 'school_director', zh: '教导主任/德育主任', en: 'Dean (academic / moral education)' },
  { value: 'grade_leader', zh: '年级组长', en: 'Grade leader' },
  { value: 'subject_leader', zh: '教研组长', en: 'Subject group leader' },
  { value: 'psychologist', zh: '心理健康教师', en: 'School psychologist' },
  { value: 'head_teacher', zh: '班主任', en: 'Class teacher' },
  { value: 'teacher', zh: '任课教师', en: 'Subject teacher' },
]);
export type Role =
  | 'bureau_admin'
  | 'bureau_leader'
  | 'researcher'
  | 'inspector'
  | 'school_admin'
  | 'school_director'
  | 'grade_leader'
  | 'subject_leader'
  | 'psychologist'
  | 'head_teacher'
  | 'teacher';

/** Roles whose scope is a region subtree (or, for 督学, also single assigned schools). */
export const BUREAU_ROLES: readonly Role[] = ['bureau_admin', 'bureau_leader', 'researcher', 'inspector'];

export function labelOf<V extends string | number>(
  list: readonly EnumOption<V>[],
  value: V | null | undefined,
  lang: 'zh' | 'en' = 'zh',
): string {
  const found = list.find((o) => o.value === value);
  return found ? found[lang] : value == null ? '' : String(value);
}

/** Parses an imported cell: accepts the Chinese label, the English label or the stored value. */
export function parseEnum<V extends string | number>(list: readonly EnumOption<V>[], text: string): V | undefined {
  const t = text.trim();
  const found = list.find((o) => o.zh === t || o.en.toLowerCase() === t.toLowerCase() || String(o.value) === t);
  return found?.value;
}
