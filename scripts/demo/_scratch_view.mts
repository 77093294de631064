import { generateCounty } from './county';
const d = generateCounty();
const sub = new Map(d.subjects.map((s) => [s.id, s.name]));
const st = new Map(d.staff.map((s) => [s.id, s]));
const cls = new Map(d.classes.map((c) => [c.id, c]));
for (const u of d.users) {
  const s = st.get(u.staff_id!)!;
  const ta = d.teachingAssignments.filter((a) => a.staff_id === s.id && a.term_id === d.currentTermId).map((a) => `${cls.get(a.class_id)!.name}${sub.get(a.subject_id)}`);
  const heads = d.classes.filter((c) => c.head_teacher_id === s.id).map((c) => `${c.school_year_id}:${c.name}`);
  console.log(u.username, s.name, s.staff_no, s.position, s.title, s.tiers.join('/'), [...s.subject_ids].map((i) => sub.get(i)).join('/'), 'teaches', ta.join(' '), 'heads', heads.join(' '));
}
// demo school structure
const demo = d.classes.filter((c) => c.school_id === d.demoSchoolId && c.school_year_id === 2);
console.log('demo school classes', demo.length, demo.filter(c => c.grade_level === 3).map(c => c.name).join(' '));
const staffDemo = d.staff.filter(s => s.school_id === d.demoSchoolId);
const bySub: Record<string, number> = {};
for (const s of staffDemo) { const k = sub.get(s.subject_ids[0]) ?? '-'; bySub[k] = (bySub[k] ?? 0) + 1; }
console.log('demo staff', staffDemo.length, bySub);
console.log(d.staff.filter(s => s.school_id === null).slice(0, 12).map(s => `${s.staff_no} ${s.name} ${s.position} ${s.title}`).join('\n'));
console.log(d.schools.filter(s => s.short_name).map(s => s.name + '→' + s.short_name).join(' '));
console.log(d.schools[0], d.schools[58]);
