import { Button, Card, Checkbox, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type NotificationItem, sourceOf, useMarkRead, useNotifications } from './data';

/** 我的消息: every message of the signed-in user, newest first, with read state and a link into the module. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [unread, setUnread] = useState(false);
  const list = useNotifications({ page, pageSize, unread });
  const mark = useMarkRead();

  const open = (n: NotificationItem) => {
    if (!n.read) mark.mutate(n.id);
    if (n.link) navigate(n.link);
  };

  return (
    <Card
      title={t('notifications.pages.inbox')}
      extra={
        <Space wrap>
          <Checkbox
            checked={unread}
            onChange={(e) => {
              setUnread(e.target.checked);
              setPage(1);
            }}
          >
            {t('notifications.unreadOnly')}
          </Checkbox>
          <Button onClick={() => mark.mutate(null)} data-testid="notifications-read-all">
            {t('notifications.markAllRead')}
          </Button>
        </Space>
      }
    >
      <Table<NotificationItem>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 640 }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          {
            title: t('notifications.read'),
            width: 80,
            render: (_, n) =>
              n.read ? <Tag>{t('notifications.read')}</Tag> : <Tag color="blue">{t('notifications.unread')}</Tag>,
          },
          {
            title: t('notifications.content'),
            render: (_, n) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong={!n.read}>{n.title}</Typography.Text>
                {n.body ? <Typography.Text type="secondary">{n.body}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: t('notifications.source'),
            width: 120,
            render: (_, n) => t(`notifications.sources.${sourceOf(n.kind)}`),
          },
          { title: t('notifications.time'), dataIndex: 'createdAt', width: 150 },
          {
            width: 170,
            render: (_, n) => (
              <Space>
                {n.link ? (
                  <Button size="small" type="link" onClick={() => open(n)}>
                    {t('notifications.open')}
                  </Button>
                ) : null}
                {n.read ? null : (
                  <Button size="small" type="link" onClick={() => mark.mutate(n.id)}>
                    {t('notifications.markRead')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
