import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth';
import { AppLayout } from './layout/AppLayout';
import { visibleModules } from './modules';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RequireAuth } from './RequireAuth';

export function AppRoutes() {
  const { user } = useAuth();
  const modules = user ? visibleModules(user) : [];
  const home = modules[0]?.pages[0]?.path;

  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route path="/change-password" element={<ChangePasswordPage />} />
        <Route element={<AppLayout modules={modules} />}>
          <Route index element={home ? <Navigate to={home} replace /> : <NotFoundPage />} />
          {modules.flatMap((m) => m.pages.map((p) => <Route key={p.path} path={p.path} element={<p.component />} />))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
