import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { GRADE_LEVELS } from '../../../common/org/enums';
import { useUser } from '../../app/auth';
import { useCan } from '../../app/use-can';
import { useEnums } from '../../ui/enums';
import type { FieldDef } from '../../ui/form-fields';
import type { RemoteSource } from '../../ui/RemoteSelect';
import { RecordPage } from './RecordPage';
import { useBureauEditor } from './use-bureau';

/** The teaching-routine records besides observations: one page each, through RecordPage. */

const LEVELS = ['校级', '学区级', '县级', '市级', '省级', '国家级'];
const opts = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));
const staffSource = (schoolId?: unknown): RemoteSource => ({
  endpoint: '/org/staff',
  params: typeof schoolId === 'number' ? { schoolId } : undefined,
  label: (s: { name: string; schoolName: string | null }) => `${s.name}${s.schoolName ? ` · ${s.schoolName}` : ''}`,
});
const subjectSource: RemoteSource = { endpoint: '/org/subjects', label: (s: { name: string }) => s.name };

function useLabels() {
  const { t } = useTranslation();
  return {
    r: (k: string) => t(`activities.records.${k}` as 'activities.records.add'),
    f: (k: string) => t(`activities.fields.${k}` as 'activities.fields.teacher'),
    page: (k: string) => t(`activities.pages.${k}` as 'activities.pages.observe'),
  };
}

/** Whether the user writes school records somewhere (managers, 教研组长, 年级组长, the county's researchers). */
function useSchoolWriter() {
  const user = useUser();
  const can = useCan();
  return can.anySchool || user.roles.some((r) => ['subject_leader', 'grade_leader', 'researcher'].includes(r.role));
}

interface OpenLesson {
  id: number;
  schoolId: number;
  hostStaffId: number;
  hostName: string;
  schoolName: string;
  subjectName: string;
  kind: string;
  level: string;
  topic: string;
  lessonDate: string;
  observationCount: number;
}

export function OpenLessonsPage() {
  const { r, f, page } = useLabels();
  const user = useUser();
  const writer = useSchoolWriter();
  const fields: FieldDef[] = [
    { name: 'hostStaffId', label: r('host'), kind: 'remote', required: true, remote: () => staffSource() },
    { name: 'subjectId', label: f('subject'), kind: 'remote', required: true, remote: () => subjectSource },
    {
      name: 'kind',
      label: f('kind'),
      kind: 'select',
      required: true,
      options: opts(['研究课', '示范课', '观摩课', '汇报课']),
    },
    { name: 'level', label: r('level'), kind: 'select', required: true, options: opts(LEVELS) },
    { name: 'topic', label: r('topic'), required: true, maxLength: 200 },
    { name: 'lessonDate', label: f('lessonDate'), kind: 'date', required: true },
    { name: 'period', label: f('period'), kind: 'number', min: 1, max: 12 },
    { name: 'participants', label: r('participants'), kind: 'textarea', maxLength: 2000 },
    { name: 'materials', label: r('materials'), kind: 'textarea', maxLength: 2000 },
  ];
  return (
    <RecordPage<OpenLesson>
      title={page('openLessons')}
      endpoint="/activities/open-lessons"
      fields={fields}
      defaults={{ level: '校级', kind: '研究课', hostStaffId: user.staffId ?? undefined }}
      mayCreate={user.staffId != null || writer}
      mayEdit={(row) => writer || row.hostStaffId === user.staffId}
      filters={[{ kind: 'dateRange', names: ['from', 'to'], label: f('date') }]}
      columns={[
        { title: f('date'), key: 'lessonDate', dataIndex: 'lessonDate', sorter: true },
        { title: f('kind'), render: (_: unknown, x) => <Tag>{`${x.level}${x.kind}`}</Tag> },
        { title: r('topic'), dataIndex: 'topic' },
        { title: r('host'), key: 'hostName', dataIndex: 'hostName', sorter: true },
        { title: f('subject'), dataIndex: 'subjectName' },
        { title: f('school'), dataIndex: 'schoolName' },
        { title: r('observationCount'), dataIndex: 'observationCount' },
      ]}
    />
  );
}

interface Group {
  id: number;
  schoolId: number;
  schoolName: string;
  kind: string;
  name: string;
  memberIds: number[];
  gradeLevels: number[];
}

export function GroupsPage() {
  const { r, f, page } = useLabels();
  const writer = useSchoolWriter();
  const { options } = useEnums();
  const fields: FieldDef[] = [
    {
      name: 'schoolId',
      label: f('school'),
      kind: 'school',
      required: true,
      lockedOnEdit: true,
      clears: ['leaderStaffId', 'memberIds'],
    },
    { name: 'kind', label: r('groupKind'), kind: 'select', required: true, options: opts(['备课组', '教研组']) },
    { name: 'name', label: r('groupName'), required: true, maxLength: 60 },
    { name: 'subjectId', label: f('subject'), kind: 'remote', remote: () => subjectSource },
    { name: 'gradeLevels', label: r('gradeLevels'), kind: 'multiselect', options: options(GRADE_LEVELS) },
    {
      name: 'leaderStaffId',
      label: r('leader'),
      kind: 'remote',
      remote: (v) => (v.schoolId ? staffSource(v.schoolId) : null),
    },
    {
      name: 'memberIds',
      label: r('members'),
      kind: 'remote',
      multiple: true,
      remote: (v) => (v.schoolId ? staffSource(v.schoolId) : null),
    },
  ];
  return (
    <RecordPage<Group>
      title={page('groups')}
      endpoint="/activities/groups"
      fields={fields}
      defaults={{ kind: '备课组' }}
      mayCreate={writer}
      mayEdit={() => writer}
      columns={[
        { title: r('groupName'), key: 'name', dataIndex: 'name', sorter: true },
        { title: r('groupKind'), dataIndex: 'kind' },
        { title: f('school'), dataIndex: 'schoolName' },
        { title: r('members'), dataIndex: 'memberIds', render: (m: number[]) => m.length },
      ]}
    />
  );
}

interface Prep {
  id: number;
  schoolId: number;
  groupName: string;
  prepDate: string;
  topic: string;
  leadStaffId: number;
  leadName: string;
  participantIds: number[];
}

export function PrepsPage() {
  const { r, f, page } = useLabels();
  const user = useUser();
  const writer = useSchoolWriter();
  const fields: FieldDef[] = [
    {
      name: 'groupId',
      label: r('group'),
      kind: 'remote',
      required: true,
      lockedOnEdit: true,
      remote: () => ({ endpoint: '/activities/groups', label: (g: Group) => `${g.name} · ${g.schoolName}` }),
    },
    { name: 'prepDate', label: r('prepDate'), kind: 'date', required: true },
    { name: 'topic', label: r('topic'), required: true, maxLength: 200 },
    { name: 'leadStaffId', label: r('lead'), kind: 'remote', required: true, remote: () => staffSource() },
    { name: 'participantIds', label: r('participants'), kind: 'remote', multiple: true, remote: () => staffSource() },
    { name: 'outputs', label: r('outputs'), kind: 'textarea', maxLength: 4000 },
  ];
  return (
    <RecordPage<Prep>
      title={page('preps')}
      endpoint="/activities/preps"
      fields={fields}
      defaults={{ leadStaffId: user.staffId ?? undefined }}
      mayCreate={user.staffId != null || writer}
      mayEdit={(row) => writer || row.leadStaffId === user.staffId}
      filters={[{ kind: 'dateRange', names: ['from', 'to'], label: f('date') }]}
      columns={[
        { title: r('prepDate'), key: 'prepDate', dataIndex: 'prepDate', sorter: true },
        { title: r('group'), dataIndex: 'groupName' },
        { title: r('topic'), dataIndex: 'topic' },
        { title: r('lead'), dataIndex: 'leadName' },
        { title: r('participants'), dataIndex: 'participantIds', render: (p: number[]) => p.length },
      ]}
    />
  );
}

interface ResearchEvent {
  id: number;
  schoolId: number | null;
  schoolName: string | null;
  organiserName: string;
  kind: string;
  level: string;
  eventDate: string;
  topic: string;
  location: string | null;
}

export function EventsPage() {
  const { r, f, page } = useLabels();
  const user = useUser();
  const writer = useSchoolWriter();
  const fields: FieldDef[] = [
    { name: 'schoolId', label: f('school'), kind: 'school', lockedOnEdit: true },
    { name: 'organiserStaffId', label: r('organiser'), kind: 'remote', required: true, remote: () => staffSource() },
    {
      name: 'kind',
      label: f('kind'),
      kind: 'select',
      required: true,
      options: opts(['主题教研', '校本教研', '联片教研', '网络教研', '送教下乡', '结对帮扶']),
    },
    { name: 'level', label: r('level'), kind: 'select', required: true, options: opts(LEVELS) },
    { name: 'eventDate', label: r('eventDate'), kind: 'date', required: true },
    { name: 'topic', label: r('topic'), required: true, maxLength: 200 },
    { name: 'location', label: r('location'), maxLength: 200 },
    { name: 'participants', label: r('participants'), kind: 'textarea', maxLength: 2000 },
    { name: 'notes', label: r('notes'), kind: 'textarea', maxLength: 4000 },
  ];
  return (
    <RecordPage<ResearchEvent>
      title={page('events')}
      endpoint="/activities/research-events"
      fields={fields}
      defaults={{ level: '校级', kind: '校本教研', organiserStaffId: user.staffId ?? undefined }}
      mayCreate={writer}
      mayEdit={() => writer}
      filters={[{ kind: 'dateRange', names: ['from', 'to'], label: f('date') }]}
      columns={[
        { title: r('eventDate'), key: 'eventDate', dataIndex: 'eventDate', sorter: true },
        { title: f('kind'), render: (_: unknown, x) => <Tag>{`${x.level} ${x.kind}`}</Tag> },
        { title: r('topic'), dataIndex: 'topic' },
        { title: r('organiser'), dataIndex: 'organiserName' },
        { title: f('school'), dataIndex: 'schoolName', render: (s: string | null) => s ?? '教育局' },
        { title: r('location'), dataIndex: 'location' },
      ]}
    />
  );
}

interface Course {
  id: number;
  name: string;
  organiser: string;
  hours: number;
  level: string;
  startDate: string;
  endDate: string;
  participants: number;
}

export function CoursesPage() {
  const { r, page } = useLabels();
  const bureau = useBureauEditor();
  const fields: FieldDef[] = [
    { name: 'name', label: r('courseName'), required: true, maxLength: 200 },
    { name: 'organiser', label: r('organiser'), required: true, maxLength: 100 },
    { name: 'hours', label: r('hours'), kind: 'number', required: true, min: 0.5, max: 360 },
    { name: 'level', label: r('level'), kind: 'select', required: true, options: opts(LEVELS) },
    { name: 'startDate', label: r('startDate'), kind: 'date', required: true },
    { name: 'endDate', label: r('endDate'), kind: 'date', required: true },
  ];
  return (
    <RecordPage<Course>
      title={page('courses')}
      endpoint="/activities/training-courses"
      orgFilter={false}
      fields={fields}
      defaults={{ level: '县级' }}
      mayCreate={bureau}
      mayEdit={() => bureau}
      columns={[
        { title: r('courseName'), key: 'name', dataIndex: 'name', sorter: true },
        { title: r('organiser'), dataIndex: 'organiser' },
        { title: r('hours'), dataIndex: 'hours' },
        { title: r('level'), dataIndex: 'level' },
        { title: r('startDate'), key: 'startDate', dataIndex: 'startDate', sorter: true },
        { title: r('endDate'), dataIndex: 'endDate' },
        { title: r('participants'), dataIndex: 'participants' },
      ]}
    />
  );
}

interface Training {
  id: number;
  courseName: string;
  courseHours: number;
  level: string;
  staffId: number;
  staffName: string;
  schoolId: number | null;
  schoolName: string | null;
  hours: number;
  completedOn: string;
  certificateNo: string | null;
}

export function TrainingsPage() {
  const { r, f, page } = useLabels();
  const user = useUser();
  const can = useCan();
  const fields: FieldDef[] = [
    {
      name: 'courseId',
      label: r('course'),
      kind: 'remote',
      required: true,
      createOnly: true,
      remote: () => ({ endpoint: '/activities/training-courses', label: (c: Course) => `${c.name}（${c.hours}学时）` }),
    },
    {
      name: 'staffId',
      label: r('trainee'),
      kind: 'remote',
      required: true,
      createOnly: true,
      remote: () => staffSource(),
    },
    { name: 'hours', label: r('hours'), kind: 'number', required: true, min: 0.5, max: 360 },
    { name: 'completedOn', label: r('completedOn'), kind: 'date', required: true },
    { name: 'certificateNo', label: r('certificateNo'), maxLength: 60 },
  ];
  return (
    <RecordPage<Training>
      title={page('trainings')}
      endpoint="/activities/trainings"
      fields={fields}
      defaults={{ staffId: user.staffId ?? undefined }}
      mayCreate={user.staffId != null || can.anySchool}
      mayEdit={(row) => row.staffId === user.staffId || can.school(row.schoolId)}
      filters={[{ kind: 'dateRange', names: ['from', 'to'], label: r('completedOn') }]}
      columns={[
        { title: r('completedOn'), key: 'completedOn', dataIndex: 'completedOn', sorter: true },
        { title: r('trainee'), key: 'staffName', dataIndex: 'staffName', sorter: true },
        { title: f('school'), dataIndex: 'schoolName' },
        { title: r('course'), dataIndex: 'courseName' },
        { title: r('level'), dataIndex: 'level' },
        { title: r('hours'), render: (_: unknown, x) => `${x.hours} / ${x.courseHours}` },
        { title: r('certificateNo'), dataIndex: 'certificateNo' },
      ]}
    />
  );
}

interface Pair {
  id: number;
  schoolId: number;
  mentorName: string;
  menteeName: string;
  startDate: string;
  endDate: string | null;
  goals: string;
  recordCount: number;
}

export function MentoringPage() {
  const { r, f, page } = useLabels();
  const writer = useSchoolWriter();
  const fields: FieldDef[] = [
    {
      name: 'schoolId',
      label: f('school'),
      kind: 'school',
      required: true,
      createOnly: true,
      clears: ['mentorId', 'menteeId'],
    },
    {
      name: 'mentorId',
      label: r('mentor'),
      kind: 'remote',
      required: true,
      createOnly: true,
      remote: (v) => (v.schoolId ? staffSource(v.schoolId) : null),
    },
    {
      name: 'menteeId',
      label: r('mentee'),
      kind: 'remote',
      required: true,
      createOnly: true,
      remote: (v) => (v.schoolId ? staffSource(v.schoolId) : null),
    },
    { name: 'startDate', label: r('startDate'), kind: 'date', required: true, createOnly: true },
    { name: 'endDate', label: r('endDate'), kind: 'date' },
    { name: 'goals', label: r('goals'), kind: 'textarea', required: true, maxLength: 2000 },
  ];
  return (
    <RecordPage<Pair>
      title={page('mentoring')}
      endpoint="/activities/mentor-pairs"
      fields={fields}
      mayCreate={writer}
      mayEdit={() => writer}
      columns={[
        { title: r('mentor'), dataIndex: 'mentorName' },
        { title: r('mentee'), dataIndex: 'menteeName' },
        { title: r('startDate'), key: 'startDate', dataIndex: 'startDate', sorter: true },
        { title: r('goals'), dataIndex: 'goals' },
        { title: r('recordCount'), dataIndex: 'recordCount' },
      ]}
    />
  );
}

interface Visit {
  id: number;
  schoolId: number;
  schoolName: string;
  visitorId: number;
  visitorName: string;
  studentName: string;
  className: string | null;
  visitDate: string;
  mode: string;
  category: string;
  notes: string | null;
  followUp: string | null;
  notesHidden: boolean;
}

export function HomeVisitsPage() {
  const { t } = useTranslation();
  const { r, f, page } = useLabels();
  const user = useUser();
  const can = useCan();
  const fields: FieldDef[] = [
    {
      name: 'studentId',
      label: r('student'),
      kind: 'remote',
      required: true,
      createOnly: true,
      remote: () => ({
        endpoint: '/org/students',
        label: (s: { name: string; className: string | null }) => `${s.name}${s.className ? ` · ${s.className}` : ''}`,
      }),
    },
    { name: 'visitDate', label: r('visitDate'), kind: 'date', required: true },
    { name: 'mode', label: r('mode'), kind: 'select', required: true, options: opts(['入户', '电话', '视频']) },
    {
      name: 'category',
      label: r('category'),
      kind: 'select',
      required: true,
      options: opts(['留守', '单亲', '困难', '学困', '心理关注', '优等生', '特长生', '其他']),
    },
    { name: 'notes', label: r('visitNotes'), kind: 'textarea', maxLength: 4000 },
    { name: 'followUp', label: r('followUp'), kind: 'textarea', maxLength: 2000 },
  ];
  return (
    <RecordPage<Visit>
      title={page('homeVisits')}
      endpoint="/activities/home-visits"
      fields={fields}
      defaults={{ mode: '入户', category: '其他' }}
      mayCreate={user.staffId != null}
      mayEdit={(row) => row.visitorId === user.staffId || can.school(row.schoolId)}
      filters={[{ kind: 'dateRange', names: ['from', 'to'], label: r('visitDate') }]}
      columns={[
        { title: r('visitDate'), key: 'visitDate', dataIndex: 'visitDate', sorter: true },
        { title: r('student'), key: 'studentName', dataIndex: 'studentName', sorter: true },
        { title: f('class'), dataIndex: 'className' },
        { title: r('visitor'), dataIndex: 'visitorName' },
        { title: r('mode'), dataIndex: 'mode' },
        { title: r('category'), dataIndex: 'category', render: (c: string) => <Tag>{c}</Tag> },
        {
          title: r('visitNotes'),
          render: (_: unknown, x) => (x.notesHidden ? <Tag>{t('activities.records.notesHidden')}</Tag> : x.notes),
        },
      ]}
    />
  );
}
