import type { Stage } from './enums.js';

/**
 * The subjects of the national curriculum (义务教育课程方案 2022, 普通高中课程方案 2017/2020), seeded into every
 * new county; a county edits or adds its own (e.g. 书法, a 地方课程) in the registry.
 */
export const DEFAULT_SUBJECTS: readonly { code: string; name: string; stages: Stage[] }[] = [
  { code: 'YW', name: '语文', stages: ['primary', 'junior', 'senior'] },
  { code: 'SX', name: '数学', stages: ['primary', 'junior', 'senior'] },
  { code: 'YY', name: '英语', stages: ['primary', 'junior', 'senior'] },
  { code: 'DF', name: '道德与法治', stages: ['primary', 'junior'] },
  { code: 'SZ', name: '思想政治', stages: ['senior'] },
  { code: 'KX', name: '科学', stages: ['primary'] },
  { code: 'WL', name: '物理', stages: ['junior', 'senior'] },
  { code: 'HX', name: '化学', stages: ['junior', 'senior'] },
  { code: 'SW', name: '生物', stages: ['junior', 'senior'] },
  { code: 'LS', name: '历史', stages: ['junior', 'senior'] },
  { code: 'DL', name: '地理', stages: ['junior', 'senior'] },
  { code: 'TY', name: '体育与健康', stages: ['primary', 'junior', 'senior'] },
  { code: 'YYUE', name: '音乐', stages: ['primary', 'junior', 'senior'] },
  { code: 'MS', name: '美术', stages: ['primary', 'junior', 'senior'] },
  { code: 'XX', name: '信息科技', stages: ['primary', 'junior', 'senior'] },
  { code: 'LD', name: '劳动', stages: ['primary', 'junior', 'senior'] },
];
