import { BellOutlined } from '@ant-design/icons';
import { type AppModule, lazyPage } from '../../app/module-registry';
import { INBOX_PATH } from './NotificationBell';

/** 站内消息: everyone's own inbox (the bell in the header shows the latest). */
export const notificationsModule: AppModule = {
  key: 'notifications',
  titleKey: 'notifications.title',
  icon: <BellOutlined />,
  pages: [
    {
      path: INBOX_PATH,
      titleKey: 'notifications.pages.inbox',
      component: lazyPage(() => import('./NotificationsPage'), 'NotificationsPage'),
    },
  ],
};
