import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type NotificationItem, useMarkRead, useNotifications, useUnreadCount } from './data';

export const INBOX_PATH = '/notifications';

/** The header bell: unread count, and on click the latest messages; opening one marks it read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount().data?.count ?? 0;
  const latest = useNotifications({ page: 1, pageSize: 8 }, open);
  const mark = useMarkRead();

  const openItem = (n: NotificationItem) => {
    if (!n.read) mark.mutate(n.id);
    setOpen(false);
    if (n.link) navigate(n.link);
  };

  const content = (
    <div style={{ width: 'min(360px, 90vw)' }} data-testid="notification-dropdown">
      <List
        size="small"
        loading={latest.isLoading}
        dataSource={latest.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} /> }}
        renderItem={(n) => (
          <List.Item
            style={{ cursor: 'pointer', paddingInline: 4 }}
            onClick={() => openItem(n)}
            data-testid="notification-item"
          >
            <List.Item.Meta
              avatar={<Badge status={n.read ? 'default' : 'processing'} />}
              title={<Typography.Text strong={!n.read}>{n.title}</Typography.Text>}
              description={
                <Typography.Text type="secondary" ellipsis>
                  {n.createdAt} {n.body}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
      <Space style={{ justifyContent: 'space-between', width: '100%', marginTop: 8 }}>
        <Button size="small" disabled={unread === 0} onClick={() => mark.mutate(null)}>
          {t('notifications.markAllRead')}
        </Button>
        <Button
          size="small"
          type="link"
          onClick={() => {
            setOpen(false);
            navigate(INBOX_PATH);
          }}
        >
          {t('notifications.viewAll')}
        </Button>
      </Space>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('notifications.latest')}
      content={content}
      open={open}
      onOpenChange={setOpen}
    >
      <Button type="text" aria-label={t('notifications.bell')} data-testid="notification-bell">
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined style={{ fontSize: 16 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
