import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth, useUser } from '../auth';
import { ChangePasswordForm } from '../pages/ChangePasswordForm';

/** `compact`: the icon only (narrow screens). */
export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);

  const signOut = async () => {
    try {
      await logout();
    } finally {
      navigate('/login', { replace: true });
    }
  };

  return (
    <>
      <Dropdown
        menu={{
          items: [
            { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword'), 'data-testid': 'menu-password' },
            { type: 'divider' },
            { key: 'logout', icon: <LogoutOutlined />, label: t('auth.signOut'), 'data-testid': 'menu-logout' },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChanging(true);
            if (key === 'logout') void signOut();
          },
        }}
      >
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu" aria-label={user.displayName}>
          {compact ? null : user.displayName}
        </Button>
      </Dropdown>
      <Modal
        open={changing}
        title={t('auth.changePassword')}
        footer={null}
        destroyOnHidden
        onCancel={() => setChanging(false)}
      >
        <ChangePasswordForm onDone={() => setChanging(false)} />
      </Modal>
    </>
  );
}
