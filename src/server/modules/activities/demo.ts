import { Random } from '../../../../scripts/demo/random.js';
import { addDays, isoWeekday, mondayOf } from '../../../common/activities/index.js';
import type { Db } from '../../db/pool.js';
import { todayInChina } from '../org/shared.js';
import { ensureCountyDefaults } from './defaults.js';

/**
 * The teaching routine of the demo county for the current term up to yesterday, deterministic for a seed and a day:
 * observations by principals, 教导主任 and 教研员 (some lessons seen by two, a few entered late), open lessons, 备课组
 * with weekly collective preparation (some weeks missed), training courses and hours, home visits by 班主任,
 * mentoring pairs, research events, and declared homework for the demo school's classes over the last four weeks
 * (a few days over the cap). Sized so that compliance shows a spread: some people on track, some behind.
 */
export async function seedActivitiesDemo(db: Db, countyId: number): Promise<void> {
  await ensureCountyDefaults(db, countyId);
  const rnd = new Random(7, 'activities');
  const today = todayInChina();
  const yesterday = addDays(today, -1);
  const term = await db
    .selectFrom('terms')
    .select(['id', 'start_date', 'end_date'])
    .where('county_id', '=', countyId)
    .where('is_current', '=', true)
    .executeTakeFirst();
  if (!term || term.start_date > yesterday) return;
  const start = term.start_date;
  const end = yesterday < term.end_date ? yesterday : term.end_date;
  const days: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) if (isoWeekday(d) <= 5) days.push(d);
  if (days.length === 0) return;

  const staff = await db
    .selectFrom('staff')
    .select(['id', 'school_id', 'position', 'subject_ids', 'tiers', 'name'])
    .where('county_id', '=', countyId)
    .where('archived_at', 'is', null)
    .execute();
  const assignments = await db
    .selectFrom('teaching_assignments')
    .select(['staff_id', 'class_id', 'subject_id'])
    .where('county_id', '=', countyId)
    .where('term_id', '=', term.id)
    .execute();
  const classes = await db
    .selectFrom('classes as c')
    .innerJoin('school_years as y', (j) =>
      j.onRef('y.county_id', '=', 'c.county_id').onRef('y.id', '=', 'c.school_year_id'),
    )
    .select(['c.id', 'c.school_id', 'c.grade_level', 'c.head_teacher_id'])
    .where('c.county_id', '=', countyId)
    .where('y.is_current', '=', true)
    .execute();
  const subjects = await db.selectFrom('subjects').select(['id', 'name']).where('county_id', '=', countyId).execute();
  const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
  const rubrics = await db
    .selectFrom('activity_rubrics')
    .select(['id', 'code', 'criteria'])
    .where('county_id', '=', countyId)
    .execute();
  const rubric = rubrics.find((r) => r.code === 'four-looks')!;
  const bySchool = new Map<number, typeof staff>();
  for (const s of staff) if (s.school_id != null) bySchool.set(s.school_id, [...(bySchool.get(s.school_id) ?? []), s]);
  const teachesBy = new Map<number, typeof assignments>();
  for (const a of assignments) teachesBy.set(a.staff_id, [...(teachesBy.get(a.staff_id) ?? []), a]);
  const progress = days.length / Math.max(1, weekdaysBetween(start, term.end_date));

  // Observations: 校长 ~20 a term, 教导主任 ~15, 教研员 ~40, each with their own pace (some behind).
  const obsRows: Record<string, unknown>[] = [];
  const taken = new Set<string>();
  const observe = (
    observerId: number,
    teacher: (typeof staff)[number],
    day: string,
    period: number,
    enteredLate = false,
    like?: Record<string, number>,
  ) => {
    const key = `${observerId}|${teacher.id}|${day}|${period}`;
    const a = teachesBy.get(teacher.id)?.[0];
    if (taken.has(key) || !a || teacher.school_id == null || teacher.id === observerId) return null;
    taken.add(key);
    const base = rnd.real(2.2, 3.8);
    // A second observer of the same lesson mostly agrees with the first, sometimes one level apart.
    const level = (id: string) =>
      like ? like[id] + (rnd.chance(0.3) ? rnd.pick([-1, 1]) : 0) : Math.round(base + rnd.normal(0, 0.5));
    const scores = Object.fromEntries(rubric.criteria.map((c) => [c.id, Math.max(1, Math.min(4, level(c.id)))]));
    const levels = Object.values(scores);
    obsRows.push({
      county_id: countyId,
      observer_id: observerId,
      teacher_id: teacher.id,
      school_id: teacher.school_id,
      class_id: a.class_id,
      subject_id: a.subject_id,
      lesson_date: day,
      period,
      kind: rnd.weighted(['推门听课', '随堂', '公开课', '视导', '磨课'], [4, 4, 1, 1, 1]),
      rubric_id: rubric.id,
      scores: JSON.stringify(scores),
      score: levels.reduce((x, y) => x + y, 0) / levels.length,
      evidence: rnd.pick(['学生小组讨论参与面广', '板书条理清楚', '提问层次分明', '练习设计有梯度', '课堂节奏稍快']),
      strengths: rnd.pick(['目标明确，重难点突出', '师生互动自然', '情境创设贴近生活', '评价及时具体']),
      improvement: rnd.pick(['给学困生多留思考时间', '小结可让学生来做', '练习量可适当减少', '关注后排学生']),
      entered_at: enteredLate ? `${addDays(day, rnd.int(12, 20))}T10:00:00+08:00` : `${day}T${10 + period}:50:00+08:00`,
      acknowledged_at: rnd.chance(0.6) ? `${addDays(day, 1)}T18:00:00+08:00` : null,
    });
    return obsRows[obsRows.length - 1];
  };
  for (const [schoolId, people] of bySchool) {
    const teachers = people.filter((p) => teachesBy.has(p.id));
    if (teachers.length < 2) continue;
    for (const leader of people.filter((p) => p.position === '校长' || p.position === '教导主任')) {
      const target = leader.position === '校长' ? 20 : 15;
      const n = Math.round(target * progress * rnd.real(0.5, 1.15));
      for (let i = 0; i < n; i++)
        observe(leader.id, rnd.pick(teachers), rnd.pick(days), rnd.int(1, 7), rnd.chance(0.04));
    }
    // Lessons seen by two: the 教导主任 joins some of the 校长's lessons (observation quality needs these).
    const principal = people.find((p) => p.position === '校长');
    const director = people.find((p) => p.position === '教导主任');
    if (principal && director && schoolId % 3 === 0) {
      for (const o of obsRows.filter((r) => r.observer_id === principal.id).slice(0, 4)) {
        const teacher = people.find((p) => p.id === o.teacher_id)!;
        const like = JSON.parse(o.scores as string) as Record<string, number>;
        observe(director.id, teacher, o.lesson_date as string, o.period as number, false, like);
      }
    }
  }
  const researchers = staff.filter((s) => s.school_id == null && (s.position ?? '').endsWith('教研员'));
  const schoolTeachers = [...bySchool.values()].flatMap((p) => p.filter((x) => teachesBy.has(x.id)));
  for (const r of researchers) {
    const mine = schoolTeachers.filter((t) => t.subject_ids.some((s) => r.subject_ids.includes(s)));
    const pool = mine.length > 0 ? mine : schoolTeachers;
    const n = Math.round(40 * progress * rnd.real(0.55, 1.2));
    for (let i = 0; i < n; i++) observe(r.id, rnd.pick(pool), rnd.pick(days), rnd.int(1, 7), rnd.chance(0.05));
  }
  await insertChunks(db, 'activity_observations', obsRows);

  // Open lessons: about a third of each school's teachers so far (the quota is half a term), 校长 示范课 in some.
  const openRows: Record<string, unknown>[] = [];
  for (const [schoolId, people] of bySchool) {
    const teachers = people.filter((p) => teachesBy.has(p.id));
    const n = Math.round(teachers.length * 0.5 * progress * rnd.real(0.5, 1.3));
    for (const host of rnd.shuffle([...teachers]).slice(0, n)) {
      const a = teachesBy.get(host.id)![0];
      openRows.push({
        county_id: countyId,
        school_id: schoolId,
        host_staff_id: host.id,
        subject_id: a.subject_id,
        class_id: a.class_id,
        kind:
          host.position === '校长' ? '示范课' : rnd.weighted(['研究课', '示范课', '观摩课', '汇报课'], [4, 1, 2, 2]),
        level: rnd.weighted(['校级', '学区级', '县级'], [8, 2, 1]),
        topic: `${subjectName.get(a.subject_id) ?? ''}${rnd.pick(['单元整体教学', '大概念教学', '情境任务', '分层作业', '项目化学习'])}课例`,
        lesson_date: rnd.pick(days),
        period: rnd.int(1, 7),
        participants: '本学科组全体教师',
      });
    }
  }
  await insertChunks(db, 'activity_open_lessons', openRows);

  // 备课组 per school and main subject, meeting on Wednesdays; some groups skip some weeks.
  const groupRows: { school: number; subject: number; members: number[] }[] = [];
  for (const [schoolId, people] of bySchool) {
    for (const name of ['语文', '数学', '英语']) {
      const subject = subjects.find((s) => s.name === name);
      if (!subject) continue;
      const members = people
        .filter((p) => teachesBy.get(p.id)?.some((a) => a.subject_id === subject.id))
        .map((p) => p.id);
      if (members.length >= 2) groupRows.push({ school: schoolId, subject: subject.id, members });
    }
  }
  const groups = groupRows.length
    ? await db
        .insertInto('activity_groups')
        .values(
          groupRows.map((g) => ({
            county_id: countyId,
            school_id: g.school,
            kind: '备课组',
            name: `${subjectName.get(g.subject)}备课组`,
            subject_id: g.subject,
            leader_staff_id: g.members[0],
            member_ids: g.members,
          })),
        )
        .returning(['id', 'school_id', 'leader_staff_id', 'member_ids'])
        .execute()
    : [];
  const prepRows: Record<string, unknown>[] = [];
  for (const g of groups) {
    const diligence = rnd.real(0.6, 1);
    for (let monday = mondayOf(start); monday <= end; monday = addDays(monday, 7)) {
      const day = addDays(monday, 2);
      if (day < start || day > end || !rnd.chance(diligence)) continue;
      prepRows.push({
        county_id: countyId,
        school_id: g.school_id,
        group_id: g.id,
        prep_date: day,
        topic: rnd.pick(['下周教学进度与重难点', '单元作业设计', '期中复习安排', '典型错题分析', '公开课磨课']),
        lead_staff_id: rnd.pick(g.member_ids),
        participant_ids: g.member_ids,
        outputs: '共享教案一份',
      });
    }
  }
  await insertChunks(db, 'activity_preps', prepRows);

  // Training: the county's courses this term; most teachers attend one or two.
  const courseDefs = [
    { name: '新课标解读专题培训', organiser: '县教师发展中心', hours: 24, level: '县级' },
    { name: '信息技术应用能力提升2.0', organiser: '市电教馆', hours: 30, level: '市级' },
    { name: '班主任能力提升研修', organiser: '县教育局', hours: 12, level: '县级' },
    { name: '校本研修：作业设计', organiser: '各校教导处', hours: 8, level: '校级' },
    { name: '国培计划乡村教师访名校', organiser: '省教育厅', hours: 60, level: '省级' },
  ];
  const courses = await db
    .insertInto('activity_training_courses')
    .values(courseDefs.map((c) => ({ county_id: countyId, ...c, start_date: start, end_date: end })))
    .returning(['id', 'hours'])
    .execute();
  const trainingRows: Record<string, unknown>[] = [];
  for (const t of [...schoolTeachers, ...researchers]) {
    for (const c of rnd.shuffle([...courses]).slice(0, rnd.weighted([0, 1, 2, 3], [1, 4, 4, 1]))) {
      trainingRows.push({
        county_id: countyId,
        course_id: c.id,
        staff_id: t.id,
        school_id: t.school_id,
        hours: rnd.chance(0.85) ? c.hours : Math.max(1, Math.round(c.hours * 0.6)),
        completed_on: rnd.pick(days),
        certificate_no: rnd.chance(0.7) ? `PX${c.id}-${t.id}` : null,
      });
    }
  }
  await insertChunks(db, 'activity_trainings', trainingRows);

  // Home visits by 班主任: a share of their class's students so far, categories from the list.
  const students = await db
    .selectFrom('students')
    .select(['id', 'class_id', 'school_id'])
    .where('county_id', '=', countyId)
    .where('status', '=', 'active')
    .where('class_id', 'is not', null)
    .execute();
  const studentsOf = new Map<number, number[]>();
  for (const s of students) studentsOf.set(s.class_id!, [...(studentsOf.get(s.class_id!) ?? []), s.id]);
  const visitRows: Record<string, unknown>[] = [];
  for (const c of classes) {
    if (c.head_teacher_id == null) continue;
    const share = progress * rnd.real(0.3, 0.9);
    for (const sid of studentsOf.get(c.id) ?? []) {
      if (!rnd.chance(share)) continue;
      visitRows.push({
        county_id: countyId,
        school_id: c.school_id,
        visitor_id: c.head_teacher_id,
        student_id: sid,
        visit_date: rnd.pick(days),
        mode: rnd.weighted(['入户', '电话', '视频'], [5, 3, 1]),
        category: rnd.weighted(
          ['留守', '单亲', '困难', '学困', '心理关注', '优等生', '特长生', '其他'],
          [3, 2, 2, 2, 1, 1, 1, 4],
        ),
        notes: rnd.pick([
          '家长重视教育，配合度高',
          '祖辈监护，作业辅导不足',
          '孩子近期情绪低落，需持续关注',
          '家庭经济困难，已申请资助',
        ]),
        follow_up: rnd.chance(0.4) ? '两周后电话回访' : null,
      });
    }
  }
  await insertChunks(db, 'activity_home_visits', visitRows);

  // Mentoring pairs: new teachers with an experienced colleague of the same school.
  const pairRows: Record<string, unknown>[] = [];
  for (const [schoolId, people] of bySchool) {
    const fresh = people.filter((p) => p.tiers.includes('new_teacher') && teachesBy.has(p.id));
    const seniors = people.filter((p) => !p.tiers.includes('new_teacher') && teachesBy.has(p.id));
    for (const mentee of fresh.slice(0, 3)) {
      if (seniors.length === 0) break;
      pairRows.push({
        county_id: countyId,
        school_id: schoolId,
        mentor_id: rnd.pick(seniors).id,
        mentee_id: mentee.id,
        start_date: start,
        goals: '一年内独立上好一节校级公开课；每周互相听课一节',
      });
    }
  }
  const pairs = pairRows.length
    ? await db
        .insertInto('activity_mentor_pairs')
        .values(pairRows as never)
        .returning('id')
        .execute()
    : [];
  const mentorRows = pairs.flatMap((p) =>
    [0, 1, 2].map(() => ({
      county_id: countyId,
      pair_id: p.id,
      record_date: rnd.pick(days),
      kind: rnd.pick(['听课指导', '备课指导', '谈话交流']),
      content: rnd.pick(['听徒弟一节课并逐环节点评', '共同研读单元教材', '交流班级管理经验']),
    })),
  );
  await insertChunks(db, 'activity_mentor_records', mentorRows);

  // Research events by the county's researchers (送教下乡 to village schools among them).
  const villages = await db
    .selectFrom('schools')
    .select('id')
    .where('county_id', '=', countyId)
    .where('type', 'in', ['village', 'teaching_point'])
    .execute();
  const eventRows = researchers.slice(0, 6).map((r, i) => ({
    county_id: countyId,
    school_id: null,
    organiser_staff_id: r.id,
    kind: ['主题教研', '联片教研', '送教下乡', '网络教研', '结对帮扶', '主题教研'][i],
    level: '县级',
    event_date: rnd.pick(days),
    topic: rnd.pick(['大单元教学设计研讨', '乡村学校课堂教学改进', '作业设计与评价', '新教材培训']),
    location: '县教师发展中心',
    target_school_ids: villages.slice(0, 3).map((v) => v.id),
    participants: '相关学科教师',
  }));
  await insertChunks(db, 'activity_research_events', eventRows);

  // Declared homework for the demo school's classes, last four weeks.
  const demoSchool = await db
    .selectFrom('schools')
    .select('id')
    .where('county_id', '=', countyId)
    .where('name', '=', '城关第一小学')
    .executeTakeFirst();
  const hwRows: Record<string, unknown>[] = [];
  const recent = days.filter((d) => d >= addDays(end, -27));
  for (const c of classes.filter((x) => x.school_id === demoSchool?.id)) {
    const subs = ['语文', '数学', '英语'].map((n) => subjects.find((s) => s.name === n)).filter((s) => s != null);
    const heavy = rnd.real(0.7, 1.15);
    for (const d of recent) {
      for (const s of subs) {
        if (c.grade_level <= 2 && !rnd.chance(0.015)) continue;
        if (s.name === '英语' && c.grade_level < 3) continue;
        const wd = isoWeekday(d);
        const base = c.grade_level <= 2 ? 10 : s.name === '英语' ? 10 : 20;
        hwRows.push({
          county_id: countyId,
          school_id: c.school_id,
          class_id: c.id,
          subject_id: s.id,
          hw_date: d,
          minutes: Math.max(0, Math.round(base * heavy * (wd === 1 || wd === 4 ? 1.2 : 1) + rnd.normal(0, 4))),
          teacher_id: assignments.find((a) => a.class_id === c.id && a.subject_id === s.id)?.staff_id ?? null,
        });
      }
    }
  }
  await insertChunks(db, 'activity_homework', hwRows);
}

function weekdaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isoWeekday(d) <= 5) n++;
  return n;
}

async function insertChunks(db: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    // biome-ignore lint/suspicious/noExplicitAny: one helper for several tables; rows are built above per table
    await (db as any)
      .insertInto(table)
      .values(rows.slice(i, i + 1000))
      .execute();
}
