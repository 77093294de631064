import { generateCounty, countRows } from './county';
let bad = 0;
for (const [students, schools] of [[40000, undefined], [3000, 15], [8000, 25], [2000, 15], [2000, 40], [20000, 100], [250000, undefined]] as const) {
  for (let seed = 1; seed <= (students > 100000 ? 2 : 12); seed++) {
    try {
      const d = generateCounty({ seed, students, schools });
      const c = countRows(d);
      const cur = d.classes.filter((x) => x.school_year_id === d.currentSchoolYearId);
      const teacher = d.users.find((u) => u.username === 'teacher')!;
      const head = d.users.find((u) => u.username === 'headteacher')!;
      const tIsHead = cur.some((x) => x.head_teacher_id === teacher.staff_id);
      const hIsHead = cur.some((x) => x.head_teacher_id === head.staff_id && x.school_id === d.demoSchoolId);
      const tTeaches = d.teachingAssignments.some((a) => a.staff_id === teacher.staff_id && a.term_id === d.currentTermId);
      const weak = d.schools.filter((s) => s.is_weak).length;
      const insp = d.userRoles.filter((r) => r.role === 'inspector').length;
      if (tIsHead || !hIsHead || !tTeaches || c.activeStudents !== students || insp !== 5) { bad++; console.log('BAD', students, seed, { tIsHead, hIsHead, tTeaches, active: c.activeStudents, insp }); }
      if (seed === 1) console.log(students, schools ?? '-', 'schools', c.schools, 'staff', c.staff, 'classes', c.classes, 'weak', weak, 'grads', c.students - c.activeStudents);
    } catch (e) { bad++; console.log('THROW', students, schools, seed, (e as Error).stack?.split('\n').slice(0, 3).join(' | ')); }
  }
}
console.log('bad', bad);
