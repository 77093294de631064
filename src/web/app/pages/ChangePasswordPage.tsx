import { Alert, Button, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth, useUser } from '../auth';
import { ChangePasswordForm } from './ChangePasswordForm';

/** Full-page form, outside the app frame: a user with a temporary password may do nothing else first. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const user = useUser();
  const { logout } = useAuth();
  const navigate = useNavigate();

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card title={t('auth.changePassword')} style={{ width: 420, maxWidth: '100%' }}>
        {user.mustChangePassword && (
          <Alert type="warning" showIcon title={t('auth.mustChangePassword')} style={{ marginBottom: 16 }} />
        )}
        <ChangePasswordForm onDone={() => navigate('/', { replace: true })} />
        <Button
          type="link"
          block
          style={{ marginTop: 8 }}
          onClick={() => void logout().finally(() => navigate('/login', { replace: true }))}
        >
          {t('auth.signOut')}
        </Button>
      </Card>
    </div>
  );
}
