import { mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Threshold } from '../src/common/exams/rates.js';
import type { BenchExam } from './exams-data.js';

/**
 * The DuckDB side of the exams benchmark: the same exam loaded into an in-memory DuckDB (students, teaching
 * assignments, scores with status, item scores and chosen options in long form, the paper's 双向细目表) — NOT timed,
 * as our own loading is not timed — then the equivalent of `analyzeExam` in SQL — timed: measure scores (subjects,
 * 理综/文综, 总分 only for students who sat every subject), pool cuts (fraction, top share, top N), unit tables for
 * every level in GROUPING SETS (counts, mean, sample SD, R-7 quartiles via quantile_cont, skewness, 三率, 综合得分 and
 * ranks, 平均标准分, unit T, 超均率, 分数段, 上线, 高分段), student ranks in class/school/county, 百分等级, Z/T, 等级,
 * 临界, 偏科, balance (CV of class and school means, η²), item statistics for county/school/class (P, 满分率, 零分率,
 * Kelley D with the same tie weights, corrected item–total r, α, SEM), item P for every level, option shares by unit
 * and by the 27% groups, knowledge-point and ability 得分率 by unit and student, 学科有效分 (window method), 单/双上线,
 * 全科及格/优秀率 and 学科贡献率.
 */

/** Levels of the unit tables: the GROUPING() bitmask of (region, urban, pub, school, class, teacher) → name. */
const LEVEL_SQL = `CASE GROUPING(region, urban, pub, school, class, teacher)
  WHEN 63 THEN 'county' WHEN 31 THEN 'region' WHEN 47 THEN 'urban' WHEN 55 THEN 'public'
  WHEN 59 THEN 'school' WHEN 61 THEN 'class' WHEN 62 THEN 'teacher' END`;
const LEVEL_SETS = (prefix: string) =>
  `GROUPING SETS (${['', 'region', 'urban', 'pub', 'school', 'class', 'teacher']
    .map((c) => `(${[prefix, c].filter(Boolean).join(', ')})`)
    .join(', ')})`;
const UNIT_SQL = 'coalesce(region, urban, pub, school, class, teacher, 0)';

function csvWriter(path: string) {
  const fd = openSync(path, 'w');
  let buf: string[] = [];
  let size = 0;
  return {
    line(s: string) {
      buf.push(s);
      size += s.length;
      if (size > 1 << 22) this.flush();
    },
    flush() {
      writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
      size = 0;
    },
    close() {
      if (buf.length) this.flush();
    },
  };
}

/** Writes the exam as CSV files (a wide item file: one row per student and subject) into a temporary directory. */
function writeCsv(exam: BenchExam, dir: string) {
  const { data } = exam;
  const st = csvWriter(join(dir, 'students.csv'));
  st.line('student,class,school,region,urban,pub');
  for (let i = 0; i < data.studentCount; i++) {
    const c = data.studentClass[i];
    const s = data.classSchool[c];
    st.line(`${i},${c},${s},${exam.regionOfSchool[s]},${exam.urbanOfSchool[s]},${exam.publicOfSchool[s]}`);
  }
  st.close();
  const te = csvWriter(join(dir, 'teachers.csv'));
  te.line('subject,class,teacher');
  data.subjects.forEach((sub, si) => {
    for (let c = 0; c < data.classCount; c++) te.line(`${si},${c},${sub.teacherOfClass?.[c] ?? ''}`);
  });
  te.close();
  const pa = csvWriter(join(dir, 'papers.csv'));
  pa.line('subject,item,fm,kp,ability,key,options');
  data.subjects.forEach((sub, si) => {
    const p = sub.paper!;
    for (let j = 0; j < p.fullMarks.length; j++) {
      pa.line(
        `${si},${j},${p.fullMarks[j]},${p.knowledge![j]},${p.ability![j]},${p.options!.key[j]},${p.options!.optionCount[j]}`,
      );
    }
  });
  pa.close();
  const k = data.subjects[0].paper!.fullMarks.length;
  const sc = csvWriter(join(dir, 'scores.csv'));
  const header = ['student', 'subject', 'score', 'status'];
  for (let j = 0; j < k; j++) header.push(`i${j}`);
  for (let j = 0; j < k; j++) header.push(`c${j}`);
  sc.line(header.join(','));
  data.subjects.forEach((sub, si) => {
    const m = sub.paper!.matrix;
    const ch = sub.paper!.options!.chosen;
    for (let i = 0; i < data.studentCount; i++) {
      const parts: (number | string)[] = [i, si, Number.isNaN(sub.scores[i]) ? '' : sub.scores[i], sub.status![i]];
      for (let j = 0; j < k; j++) parts.push(m[i * k + j]);
      for (let j = 0; j < k; j++) parts.push(ch[i * k + j]);
      sc.line(parts.join(','));
    }
  });
  sc.close();
  return k;
}

/** A cut as SQL over a pool with n (students who sat), rn (descending row number) and full (full marks). */
function cutSql(t: Threshold, name: string): string {
  if (t.kind === 'fraction') return `round(${t.value} * any_value(fm), 9) AS ${name}`;
  if (t.kind === 'score') return `${t.value}::DOUBLE AS ${name}`;
  return `max(score) FILTER (WHERE rn = least(n, ceil(round(${t.share} * n, 6)))) AS ${name}`;
}

export interface DuckDbRun {
  connection: DuckDBConnection;
  loadMs: number;
  analysisMs: number;
  close(): void;
}

export async function loadIntoDuckDb(
  exam: BenchExam,
): Promise<{ connection: DuckDBConnection; loadMs: number; close(): void }> {
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'exams-bench-'));
  const k = writeCsv(exam, dir);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const q = (s: string) => connection.run(s);
  await q(`CREATE TABLE students AS SELECT * FROM read_csv('${join(dir, 'students.csv')}', header = true,
    columns = {'student': 'INTEGER', 'class': 'INTEGER', 'school': 'INTEGER', 'region': 'INTEGER', 'urban': 'INTEGER', 'pub': 'INTEGER'})`);
  await q(`CREATE TABLE teachers AS SELECT * FROM read_csv('${join(dir, 'teachers.csv')}', header = true,
    columns = {'subject': 'INTEGER', 'class': 'INTEGER', 'teacher': 'INTEGER'})`);
  await q(`CREATE TABLE papers AS SELECT * FROM read_csv('${join(dir, 'papers.csv')}', header = true,
    columns = {'subject': 'INTEGER', 'item': 'INTEGER', 'fm': 'DOUBLE', 'kp': 'INTEGER', 'ability': 'INTEGER', 'key': 'INTEGER', 'options': 'INTEGER'})`);
  const cols = [
    "'student': 'INTEGER'",
    "'subject': 'INTEGER'",
    "'score': 'DOUBLE'",
    "'status': 'UTINYINT'",
    ...Array.from({ length: k }, (_, j) => `'i${j}': 'DOUBLE'`),
    ...Array.from({ length: k }, (_, j) => `'c${j}': 'TINYINT'`),
  ];
  await q(
    `CREATE TABLE wide AS SELECT * FROM read_csv('${join(dir, 'scores.csv')}', header = true, columns = {${cols.join(', ')}})`,
  );
  await q(
    'CREATE TABLE scores AS SELECT student, subject, CASE WHEN status = 0 THEN score END AS score, status FROM wide',
  );
  const itemSelects = Array.from(
    { length: k },
    (_, j) => `SELECT student, subject, ${j} AS item, i${j} AS score, c${j} AS choice FROM wide`,
  );
  await q(`CREATE TABLE items AS ${itemSelects.join(' UNION ALL ')}`);
  await q('DROP TABLE wide');
  const { data, config } = exam;
  const measureRows: string[] = [];
  const subjectRows: string[] = [];
  const specs = [
    ...data.subjects.map((s, i) => ({ name: s.name, subjects: [i] })),
    ...data.combined,
    { name: '总分', subjects: data.totalSubjects },
  ];
  specs.forEach((m, mi) => {
    const fm = m.subjects.reduce((a, s) => a + data.subjects[s].fullMarks, 0);
    const step = config.bandSteps.byMeasure?.[m.name] ?? config.bandSteps.default;
    measureRows.push(`(${mi}, '${m.name}', ${fm}, ${step}, ${m.subjects.length === 1 ? m.subjects[0] : 'NULL'})`);
    for (const s of m.subjects) subjectRows.push(`(${mi}, ${s})`);
  });
  await q(`CREATE TABLE measures (measure INTEGER, name VARCHAR, fm DOUBLE, step DOUBLE, subject INTEGER)`);
  await q(`INSERT INTO measures VALUES ${measureRows.join(', ')}`);
  await q('CREATE TABLE measure_subjects (measure INTEGER, subject INTEGER)');
  await q(`INSERT INTO measure_subjects VALUES ${subjectRows.join(', ')}`);
  rmSync(dir, { recursive: true, force: true });
  return {
    connection,
    loadMs: performance.now() - t0,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** The analysis in SQL (every statement materialises its table, as analyzeExam materialises its arrays). */
export function analysisSql(exam: BenchExam): string[] {
  const { data, config } = exam;
  const specs = [
    ...data.subjects.map((s, i) => ({ name: s.name, subjects: [i] })),
    ...data.combined,
    { name: '总分', subjects: data.totalSubjects },
  ];
  const S = data.subjects.length;
  const totalMeasure = specs.length - 1;
  const r = config.rates;
  const cuts = [
    cutSql(r.excellent, 'c_exc'),
    r.good ? cutSql(r.good, 'c_good') : 'NULL::DOUBLE AS c_good',
    cutSql(r.pass, 'c_pass'),
    cutSql(r.low, 'c_low'),
    ...config.lines.map((t, l) => cutSql(t, `l${l}`)),
    ...config.gradeLines.map((t, g) => cutSql(t, `g${g}`)),
    ...config.highScoreTopN.map((n, h) => `max(score) FILTER (WHERE rn = least(n, ${n})) AS h${h}`),
  ];
  const L = config.lines.length;
  const G = config.gradeLines.length;
  const H = config.highScoreTopN.length;
  const b = config.borderlinePoints;
  const gradeCase = `CASE ${Array.from({ length: G }, (_, g) => `WHEN score >= g${g} THEN ${g}`).join(' ')} ELSE ${G} END`;
  const w = config.composite;
  const composite = w
    .map((t) => `${t.weight} * ${t.transform === 'complement' ? `(1 - ${t.metric})` : t.metric}`)
    .join(' + ')
    .replace(/scoreRate/g, 'score_rate')
    .replace(/excellentRate/g, 'exc')
    .replace(/goodRate/g, 'good')
    .replace(/passRate/g, 'pass')
    .replace(/lowRate/g, 'low');
  const minStudents = config.effectiveMethod.kind === 'window' ? (config.effectiveMethod.minStudents ?? 25) : 0;
  const step = config.effectiveMethod.kind === 'window' ? (config.effectiveMethod.step ?? 1) : 1;
  const totalCols = data.totalSubjects;
  return [
    // scores of every measure: a group score only when every subject was sat; status = first non-SAT code
    `CREATE TEMP TABLE ms AS
      SELECT sc.student, m.measure,
        CASE WHEN bool_and(sc.status = 0) THEN sum(sc.score) END AS score,
        coalesce(arg_min(sc.status, sc.subject) FILTER (WHERE sc.status <> 0), 0) AS status
      FROM scores sc JOIN measure_subjects m USING (subject) GROUP BY sc.student, m.measure`,
    `CREATE TEMP TABLE pool AS
      WITH ranked AS (
        SELECT measure, score, count(score) OVER (PARTITION BY measure) AS n,
          row_number() OVER (PARTITION BY measure ORDER BY score DESC) AS rn
        FROM ms WHERE score IS NOT NULL)
      SELECT m.measure, coalesce(any_value(n), 0) AS n, avg(score) AS mean, stddev_samp(score) AS sd, ${cuts.join(', ')}
      FROM measures m LEFT JOIN ranked USING (measure) GROUP BY m.measure`,
    // students × measures with their units, Z and ranks
    `CREATE TEMP TABLE stu AS
      SELECT ms.student, ms.measure, ms.score, ms.status, st.class, st.school, st.region, st.urban, st.pub, te.teacher,
        m.fm, m.step, p.* EXCLUDE (measure),
        (ms.score - p.mean) / nullif(p.sd, 0) AS z,
        50 + 10 * (ms.score - p.mean) / nullif(p.sd, 0) AS t,
        CASE WHEN ms.score IS NOT NULL THEN rank() OVER (PARTITION BY ms.measure ORDER BY ms.score DESC) END AS rank_county,
        CASE WHEN ms.score IS NOT NULL THEN rank() OVER (PARTITION BY ms.measure, st.school ORDER BY ms.score DESC) END AS rank_school,
        CASE WHEN ms.score IS NOT NULL THEN rank() OVER (PARTITION BY ms.measure, st.class ORDER BY ms.score DESC) END AS rank_class,
        CASE WHEN ms.score IS NOT NULL THEN 100 * ((rank() OVER (PARTITION BY ms.measure ORDER BY ms.score ASC) - 1)
          + 0.5 * count(*) OVER (PARTITION BY ms.measure, ms.score)) / p.n END AS pr
      FROM ms JOIN students st USING (student) JOIN measures m USING (measure) JOIN pool p USING (measure)
      LEFT JOIN teachers te ON te.subject = m.subject AND te.class = st.class`,
    `CREATE TEMP TABLE stu_out AS
      SELECT student, measure, z, t, pr, rank_county, rank_school, rank_class,
        CASE WHEN score IS NOT NULL THEN ${gradeCase} END AS grade,
        ${Array.from({ length: L }, (_, l) => `coalesce(score >= l${l} - ${b} AND score < l${l}, false) AS border${l}`).join(', ')}
      FROM stu`,
    `CREATE TEMP TABLE imbalance AS
      SELECT student, measure, CASE WHEN count(z) OVER s >= 2 THEN z - avg(z) OVER s END AS imbalance
      FROM stu WHERE measure < ${S} AND z IS NOT NULL WINDOW s AS (PARTITION BY student)`,
    `CREATE TEMP TABLE units AS
      WITH agg AS (
        SELECT measure, ${LEVEL_SQL} AS level, ${UNIT_SQL} AS unit,
          count(*) AS expected, count(score) AS n, count(*) - count(score) AS absent,
          count(*) FILTER (WHERE status = 2) AS cheated, count(*) FILTER (WHERE status = 3) AS exempt,
          avg(score) AS mean, stddev_samp(score) AS sd, min(score) AS min, max(score) AS max,
          quantile_cont(score, [0.25, 0.5, 0.75]) AS q, skewness(score) AS skew,
          count(score) FILTER (WHERE score >= c_exc) / nullif(count(score), 0) AS exc,
          count(score) FILTER (WHERE score >= c_good) / nullif(count(score), 0) AS good,
          count(score) FILTER (WHERE score >= c_pass) / nullif(count(score), 0) AS pass,
          count(score) FILTER (WHERE score < c_low) / nullif(count(score), 0) AS low,
          ${Array.from({ length: L }, (_, l) => `count(score) FILTER (WHERE score >= l${l}) AS line${l}`).join(', ')},
          ${Array.from({ length: H }, (_, h) => `count(score) FILTER (WHERE score >= h${h}) AS high${h}`).join(', ')},
          avg(z) AS mean_z, any_value(fm) AS fm, any_value(p_mean) AS p_mean, any_value(p_sd) AS p_sd
        FROM (SELECT *, mean AS p_mean, sd AS p_sd FROM stu)
        GROUP BY ${LEVEL_SETS('measure')})
      SELECT *, mean / fm AS score_rate, sd / nullif(mean, 0) AS cv, n / nullif(expected, 0) AS participation,
        (mean - p_mean) / nullif(p_mean, 0) AS over_mean, (mean - p_mean) / nullif(p_sd, 0) * 10 + 50 AS unit_t,
        ${composite.replace(/\b(score_rate)\b/g, '(mean / fm)')} AS composite
      FROM agg WHERE level <> 'teacher' OR unit IS NOT NULL`,
    `CREATE TEMP TABLE unit_ranks AS
      SELECT u.measure, u.level, u.unit,
        CASE WHEN u.composite IS NOT NULL THEN rank() OVER (PARTITION BY u.measure, u.level ORDER BY u.composite DESC) END AS composite_rank,
        CASE WHEN u.mean IS NOT NULL THEN rank() OVER (PARTITION BY u.measure, u.level ORDER BY u.mean DESC) END AS mean_rank,
        CASE WHEN u.level = 'class' AND u.mean IS NOT NULL THEN rank() OVER (PARTITION BY u.measure, u.level, cs.school ORDER BY u.mean DESC) END AS rank_in_school
      FROM units u LEFT JOIN (SELECT DISTINCT class, school FROM students) cs ON u.level = 'class' AND cs.class = u.unit`,
    `CREATE TEMP TABLE bands AS
      WITH banded AS (
        SELECT *, CASE WHEN score >= fm THEN 0 ELSE least(ceil(round(fm / step, 6)) - 1, greatest(0,
          CASE WHEN fm - floor((fm - score) / step) * step <= score THEN floor((fm - score) / step) - 1
               ELSE floor((fm - score) / step) END)) END AS band
        FROM stu WHERE score IS NOT NULL),
      counted AS (
        SELECT measure, band, ${LEVEL_SQL} AS level, ${UNIT_SQL} AS unit, count(*) AS c
        FROM banded GROUP BY ${LEVEL_SETS('measure, band')})
      SELECT *, sum(c) OVER (PARTITION BY measure, level, unit ORDER BY band) AS cumulative
      FROM counted WHERE level <> 'teacher' OR unit IS NOT NULL`,
    `CREATE TEMP TABLE balance AS
      SELECT c.measure,
        (SELECT stddev_samp(mean) / nullif(avg(mean), 0) FROM units s WHERE s.measure = c.measure AND s.level = 'school' AND s.mean IS NOT NULL) AS school_cv,
        (SELECT sum(s.n * (s.mean - c.mean) ^ 2) FROM units s WHERE s.measure = c.measure AND s.level = 'school' AND s.n > 0)
          / nullif(c.sd ^ 2 * (c.n - 1), 0) AS eta2
      FROM units c WHERE c.level = 'county'`,
    `CREATE TEMP TABLE class_cv AS
      SELECT u.measure, cs.school, CASE WHEN count(u.mean) >= 2 THEN stddev_samp(u.mean) / nullif(avg(u.mean), 0) END AS cv
      FROM units u JOIN (SELECT DISTINCT class, school FROM students) cs ON cs.class = u.unit
      WHERE u.level = 'class' GROUP BY u.measure, cs.school`,
    // items: rows of the students who sat the subject, with their paper totals
    `CREATE TEMP TABLE it AS
      SELECT i.student, i.subject, i.item, i.score, i.choice, p.fm, p.kp, p.ability, p.key, p.options,
        st.class, st.school, st.region, st.urban, st.pub, te.teacher
      FROM items i JOIN scores sc ON sc.student = i.student AND sc.subject = i.subject AND sc.status = 0
      JOIN papers p ON p.subject = i.subject AND p.item = i.item
      JOIN students st ON st.student = i.student
      LEFT JOIN teachers te ON te.subject = i.subject AND te.class = st.class`,
    `CREATE TEMP TABLE pt AS
      SELECT student, subject, any_value(class) AS class, any_value(school) AS school, sum(score) AS total
      FROM it GROUP BY student, subject`,
    // Kelley 27% groups per county/school/class with the tie weights of extreme-groups.ts
    ...['county', 'school', 'class'].map(
      (lvl) => `CREATE TEMP TABLE eg_${lvl} AS
      WITH r AS (
        SELECT student, subject, ${lvl === 'county' ? '0' : lvl} AS unit, total,
          row_number() OVER (PARTITION BY subject, ${lvl === 'county' ? '0' : lvl} ORDER BY total) AS rn,
          count(*) OVER (PARTITION BY subject, ${lvl === 'county' ? '0' : lvl}) AS n
        FROM pt),
      c AS (
        SELECT subject, unit, any_value(n) AS n, greatest(1, round(0.27 * any_value(n))) AS g, min(total) AS lo, max(total) AS hi,
          max(total) FILTER (WHERE rn = n - greatest(1, round(0.27 * n)) + 1) AS cut_u,
          max(total) FILTER (WHERE rn = greatest(1, round(0.27 * n))) AS cut_l
        FROM r GROUP BY subject, unit),
      c2 AS (
        SELECT c.*, count(*) FILTER (WHERE r.total > cut_u) AS above_u, count(*) FILTER (WHERE r.total = cut_u) AS tied_u,
          count(*) FILTER (WHERE r.total < cut_l) AS below_l, count(*) FILTER (WHERE r.total = cut_l) AS tied_l
        FROM c JOIN r USING (subject, unit) GROUP BY ALL)
      SELECT r.student, r.subject, c2.unit, c2.g, c2.n > 1 AND c2.hi > c2.lo AS has_groups,
        CASE WHEN r.total > cut_u THEN 1 WHEN r.total = cut_u THEN (g - above_u) / tied_u ELSE 0 END AS wu,
        CASE WHEN r.total < cut_l THEN 1 WHEN r.total = cut_l THEN (g - below_l) / tied_l ELSE 0 END AS wl
      FROM r JOIN c2 USING (subject, unit)`,
    ),
    ...['county', 'school', 'class'].map(
      (lvl) => `CREATE TEMP TABLE item_${lvl} AS
      WITH s AS (
        SELECT it.subject, it.item, ${lvl === 'county' ? '0' : `it.${lvl}`} AS unit, any_value(it.fm) AS fm,
          count(*) AS n, avg(it.score) AS mean, avg((it.score >= it.fm)::INTEGER) AS full_rate,
          avg((it.score = 0)::INTEGER) AS zero_rate, var_samp(it.score) AS v,
          CASE WHEN var_samp(it.score) > 0 AND var_samp(pt.total - it.score) > 0 THEN corr(it.score, pt.total - it.score) END AS r,
          sum(it.score * eg.wu) AS su, sum(it.score * eg.wl) AS sl, any_value(eg.g) AS g, bool_and(eg.has_groups) AS has_groups
        FROM it JOIN pt USING (student, subject) JOIN eg_${lvl} eg USING (student, subject)
        GROUP BY it.subject, it.item${lvl === 'county' ? '' : `, it.${lvl}`})
      SELECT *, mean / fm AS p, CASE WHEN has_groups THEN (su - sl) / (g * fm) END AS d FROM s`,
    ),
    ...['county', 'school', 'class'].map(
      (lvl) => `CREATE TEMP TABLE alpha_${lvl} AS
      WITH tv AS (SELECT subject, ${lvl === 'county' ? '0' : lvl} AS unit, var_samp(total) AS vt, count(*) AS n FROM pt GROUP BY ALL),
        iv AS (SELECT subject, unit, sum(coalesce(v, 0)) AS sv, count(*) AS k FROM item_${lvl} GROUP BY ALL)
      SELECT subject, unit, CASE WHEN k >= 2 AND n >= 2 AND vt > 0 THEN k / (k - 1) * (1 - sv / vt) END AS alpha,
        sqrt(vt) * sqrt(1 - CASE WHEN k >= 2 AND n >= 2 AND vt > 0 THEN k / (k - 1) * (1 - sv / vt) END) AS sem
      FROM tv JOIN iv USING (subject, unit)`,
    ),
    `CREATE TEMP TABLE item_p AS
      SELECT subject, item, ${LEVEL_SQL} AS level, ${UNIT_SQL} AS unit, sum(score) / sum(fm) AS p
      FROM it GROUP BY ${LEVEL_SETS('subject, item')}`,
    `CREATE TEMP TABLE options AS
      WITH c AS (
        SELECT subject, item, choice, GROUPING(school, class) AS g, coalesce(school, class, 0) AS unit, count(*) AS c
        FROM it WHERE options > 0 GROUP BY GROUPING SETS ((subject, item, choice), (subject, item, choice, school), (subject, item, choice, class)))
      SELECT c.*, CASE g WHEN 3 THEN 'county' WHEN 1 THEN 'school' ELSE 'class' END AS level,
        c.c / sum(c.c) OVER (PARTITION BY subject, item, g, unit) AS share
      FROM c`,
    `CREATE TEMP TABLE options_by_total AS
      SELECT it.subject, it.item, it.choice, sum(eg.wu) / any_value(eg.g) AS upper, sum(eg.wl) / any_value(eg.g) AS lower
      FROM it JOIN eg_county eg USING (student, subject) WHERE it.options > 0 GROUP BY ALL`,
    `CREATE TEMP TABLE tags AS
      SELECT subject, tag_kind, tag, GROUPING(school, class, student) AS g, coalesce(school, class, student, 0) AS unit,
        sum(score) / sum(fm) AS rate
      FROM (SELECT subject, 'kp' AS tag_kind, kp AS tag, school, class, student, score, fm FROM it
            UNION ALL SELECT subject, 'ability', ability, school, class, student, score, fm FROM it)
      GROUP BY GROUPING SETS ((subject, tag_kind, tag), (subject, tag_kind, tag, school), (subject, tag_kind, tag, class),
        (subject, tag_kind, tag, student))`,
    // 学科有效分 by the window method at every 总分 line, then 单/双上线 by unit
    `CREATE TEMP TABLE eff_window AS
      WITH lines AS (${Array.from({ length: L }, (_, l) => `SELECT ${l} AS line_no, l${l} AS line FROM pool WHERE measure = ${totalMeasure}`).join(' UNION ALL ')}),
      d AS (
        SELECT l.line_no, l.line, ceil(round(abs(s.score - l.line) / ${step}, 6)) AS k, count(*) AS c
        FROM stu s CROSS JOIN lines l WHERE s.measure = ${totalMeasure} AND s.score IS NOT NULL AND l.line IS NOT NULL GROUP BY ALL),
      cum AS (SELECT *, sum(c) OVER (PARTITION BY line_no ORDER BY k) AS within, sum(c) OVER (PARTITION BY line_no) AS sat FROM d)
      SELECT line_no, any_value(line) AS line,
        coalesce(min(k) FILTER (WHERE within >= least(${minStudents}, sat)), max(k)) * ${step} AS window
      FROM cum GROUP BY line_no`,
    `CREATE TEMP TABLE effective AS
      SELECT w.line_no, s.measure AS subject, avg(s.score) AS effective, count(*) AS chosen
      FROM eff_window w JOIN stu t ON t.measure = ${totalMeasure} AND abs(t.score - w.line) <= w.window
      JOIN stu s ON s.student = t.student AND s.measure IN (${totalCols.join(', ')})
      GROUP BY ALL`,
    `CREATE TEMP TABLE line_hits AS
      SELECT w.line_no, s.measure AS subject, ${LEVEL_SQL} AS level, ${UNIT_SQL} AS unit,
        count(*) FILTER (WHERE t.score >= w.line) AS total_on_line,
        count(*) FILTER (WHERE s.score >= e.effective) AS single,
        count(*) FILTER (WHERE s.score >= e.effective AND t.score >= w.line) AS double
      FROM eff_window w JOIN effective e USING (line_no)
      JOIN stu s ON s.measure = e.subject AND s.score IS NOT NULL
      JOIN (SELECT student, score FROM stu WHERE measure = ${totalMeasure} AND score IS NOT NULL) t USING (student)
      GROUP BY ${LEVEL_SETS('w.line_no, s.measure')}`,
    `CREATE TEMP TABLE all_subjects AS
      WITH per AS (
        SELECT student, any_value(region) AS region, any_value(urban) AS urban, any_value(pub) AS pub,
          any_value(school) AS school, any_value(class) AS class, NULL::INTEGER AS teacher,
          bool_and(score IS NOT NULL) AS sat_all, bool_and(score >= c_pass) AS pass_all, bool_and(score >= c_exc) AS exc_all
        FROM stu WHERE measure IN (${totalCols.join(', ')}) GROUP BY student)
      SELECT ${LEVEL_SQL} AS level, ${UNIT_SQL} AS unit, count(*) FILTER (WHERE sat_all) AS n,
        count(*) FILTER (WHERE sat_all AND pass_all) / nullif(count(*) FILTER (WHERE sat_all), 0) AS pass,
        count(*) FILTER (WHERE sat_all AND exc_all) / nullif(count(*) FILTER (WHERE sat_all), 0) AS excellent
      FROM per GROUP BY ${LEVEL_SETS('')}`,
    `CREATE TEMP TABLE contribution AS
      SELECT u.level, u.unit, u.measure AS subject,
        u.mean / sum(u.mean) OVER (PARTITION BY u.level, u.unit) AS share,
        (u.score_rate - pc.score_rate) - (tu.score_rate - tc.score_rate) AS difference
      FROM units u
      JOIN units pc ON pc.measure = u.measure AND pc.level = 'county'
      JOIN units tu ON tu.measure = ${totalMeasure} AND tu.level = u.level AND tu.unit = u.unit
      JOIN units tc ON tc.measure = ${totalMeasure} AND tc.level = 'county'
      WHERE u.measure IN (${totalCols.join(', ')}) AND u.level <> 'teacher'`,
  ];
}

export async function runDuckDbAnalysis(connection: DuckDBConnection, exam: BenchExam): Promise<number> {
  const t0 = performance.now();
  for (const sql of analysisSql(exam)) await connection.run(sql);
  return performance.now() - t0;
}
