/**
 * The problems of a county's 诉求 time limits as entered (empty when they can be stored), in Chinese: one row per
 * category and urgency, and 签收 ≤ 答复 ≤ 办结 — all three count working days from dispatch, so a reply due
 * before the case must be accepted, or a closure before the reply, cannot be met in that order.
 */
export function caseLimitProblems(
  rows: readonly { category: string; urgency: string; acceptDays: number; replyDays: number; closeDays: number }[],
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const label = `${r.category === '*' ? '全部类别' : r.category}（${r.urgency === 'urgent' ? '紧急' : '一般'}）`;
    const key = `${r.category}|${r.urgency}`;
    if (seen.has(key)) problems.push(`${label}重复设置`);
    seen.add(key);
    if (r.acceptDays > r.replyDays) problems.push(`${label}：签收时限不能长于答复时限`);
    if (r.replyDays > r.closeDays) problems.push(`${label}：答复时限不能长于办结时限`);
  }
  return problems;
}
