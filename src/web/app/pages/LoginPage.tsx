import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { LanguageSwitch } from '../layout/LanguageSwitch';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths: `?next=//evil.example` must not turn the login page into an open redirect. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  if (user) return <Navigate to={user.mustChangePassword ? '/change-password' : next} replace />;

  const submit = async ({ username, password }: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      const signedIn = await login(username.trim(), password);
      navigate(signedIn.mustChangePassword ? '/change-password' : next, { replace: true });
    } catch (err) {
      // The server's message says what happened (wrong password, locked until …, too many attempts).
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', background: '#f0f2f5' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
        <Card style={{ width: 380, maxWidth: '100%' }}>
          <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
            {t('app.tagline')}
          </Typography.Paragraph>
          {error && (
            <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
          )}
          <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('auth.password')}
              rules={[{ required: true, message: t('auth.passwordRequired') }]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('auth.signIn')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
