import { Button, Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth';
import { OrgUnitProvider } from './org-unit';

/**
 * Gate for every signed-in route: waits for /auth/me, sends strangers to /login (remembering where they
 * were going) and users with a temporary password to /change-password before anything else.
 */
export function RequireAuth() {
  const { t } = useTranslation();
  const { user, loadError, refresh } = useAuth();
  const location = useLocation();

  if (user === undefined) {
    if (loadError) {
      return (
        <Result
          status="warning"
          title={t('errors.serverUnavailable')}
          subTitle={loadError.message}
          extra={<Button onClick={() => void refresh()}>{t('common.retry')}</Button>}
        />
      );
    }
    return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;
  }
  if (user === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return (
    <OrgUnitProvider>
      <Outlet />
    </OrgUnitProvider>
  );
}
