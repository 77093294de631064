/** The notification centre's UI strings: Chinese first; English typed by the Chinese, so keys cannot drift. */
export const notificationsZh = {
  title: '站内消息',
  pages: { inbox: '我的消息' },
  bell: '消息',
  latest: '最新消息',
  viewAll: '查看全部',
  markAllRead: '全部标为已读',
  markRead: '标为已读',
  open: '查看',
  empty: '暂无消息',
  unreadOnly: '只看未读',
  read: '已读',
  unread: '未读',
  time: '时间',
  content: '内容',
  source: '来源',
  sources: {
    inspections: '督导整改',
    surveys: '诉求办理',
    indicators: '计划任务',
    other: '系统',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const notificationsEn: Shape<typeof notificationsZh> = {
  title: 'Messages',
  pages: { inbox: 'My messages' },
  bell: 'Messages',
  latest: 'Latest messages',
  viewAll: 'View all',
  markAllRead: 'Mark all as read',
  markRead: 'Mark as read',
  open: 'Open',
  empty: 'No messages',
  unreadOnly: 'Unread only',
  read: 'Read',
  unread: 'Unread',
  time: 'Time',
  content: 'Message',
  source: 'From',
  sources: {
    inspections: 'Inspection follow-up',
    surveys: 'Concerns',
    indicators: 'Plan tasks',
    other: 'System',
  },
};
