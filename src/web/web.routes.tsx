import { Result } from 'antd';
import { Route, Routes } from 'react-router-dom';
import { AuditPage } from './pages/audit.page.tsx';
import { CalendarPage } from './pages/calendar.page.tsx';
import { ChangePasswordPage } from './pages/password.page.tsx';
import { RemindersPage } from './pages/reminders.page.tsx';
import { RulesPage } from './pages/rules.page.tsx';
import { DashboardPage } from './pages/dashboard.page.tsx';
import { UsersPage } from './pages/users.page.tsx';
import { ConsoleLayout } from './web.layout.tsx';
import { moduleScreens } from './web.modules.ts';
import { screens } from './web.screens.ts';
import { useSession } from './web.session.tsx';

export function ConsoleRoutes() {
  const { session } = useSession();
  const allowed = (screen: keyof typeof screens) => session.abilities?.[screens[screen].ability] === true;
  const forbidden = <Result status="403" title="没有权限" subTitle="您的角色不能使用这个页面。" />;
  const guarded = (screen: keyof typeof screens, page: React.ReactNode) => (allowed(screen) ? page : forbidden);
  return (
    <ConsoleLayout>
      <Routes>
        <Route path="/" element={<DashboardPage />} />
        <Route path="/users" element={guarded('users', <UsersPage />)} />
        <Route path="/audit" element={guarded('audit', <AuditPage />)} />
        <Route path="/calendar" element={guarded('calendar', <CalendarPage />)} />
        <Route path="/rules" element={guarded('rules', <RulesPage />)} />
        <Route path="/password" element={<ChangePasswordPage />} />
        <Route path="/reminders" element={<RemindersPage />} />
        {moduleScreens.map((screen) => (
          <Route key={screen.path} path={screen.path} element={session.abilities?.[screen.ability] ? screen.element : forbidden} />
        ))}
        <Route path="*" element={<Result status="404" title="页面不存在" />} />
      </Routes>
    </ConsoleLayout>
  );
}
