/** Plan kinds (issue 6) and their names as schools use them. */
export const PLAN_KINDS = {
  improvement_year: '提升年活动',
  three_year: '三年规划',
  five_year: '五年规划',
  creation: '创建',
  special_rectification: '专项整治',
  satisfaction: '满意度提升',
} as const;
export type PlanKind = keyof typeof PLAN_KINDS;

export const GROUP_ROLES = { leader: '组长', deputy: '副组长', member: '成员', office: '办公室' } as const;

export const REPORT_STATUS = { in_progress: '推进中', done: '已完成', blocked: '受阻' } as const;
