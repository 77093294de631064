import { ALL, type Allow, COUNTY, type Probe, type ProbeContext } from '../../testing/authz.js';

/** Who sees school A whole (a school report): the county, 东区's 局领导, A's 督学, 校长, 教导主任 and 教研组长. */
const SEE_A_WHOLE: Allow = [
  'countyAdmin',
  'districtLeader',
  'inspector',
  'principalA',
  'directorA',
  'subjectLeaderAMath',
];

/** The health module's rows of the authorization matrix (src/server/authorization-matrix.test.ts). */
export async function healthProbes({ fx }: ProbeContext): Promise<Probe[]> {
  const h = '/api/v1/health';
  const a = fx.schools.a;
  return [
    { method: 'GET', route: `${h}/standard`, url: `${h}/standard?gradeCode=P3&sex=M`, allow: ALL },
    { method: 'POST', route: `${h}/standard/cells`, url: `${h}/standard/cells`, body: {}, allow: COUNTY },
    { method: 'GET', route: `${h}/standard/changes`, url: `${h}/standard/changes`, allow: ALL },
    { method: 'GET', route: `${h}/fitness/results`, url: `${h}/fitness/results`, allow: ALL },
    { method: 'GET', route: `${h}/fitness/retests/export`, url: `${h}/fitness/retests/export`, allow: ALL },
    {
      method: 'GET',
      route: `${h}/fitness/report`,
      url: `${h}/fitness/report?level=school&unitId=${a}`,
      allow: SEE_A_WHOLE,
    },
    { method: 'GET', route: `${h}/vision/screenings`, url: `${h}/vision/screenings`, allow: ALL },
    {
      method: 'GET',
      route: `${h}/vision/report`,
      url: `${h}/vision/report?level=school&unitId=${a}`,
      allow: SEE_A_WHOLE,
    },
  ];
}
