import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Layout, Menu, Space, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { roles } from '../core/auth/auth.types.ts';
import { getJson } from './web.api.ts';
import { moduleScreens } from './web.modules.ts';
import { screens } from './web.screens.ts';
import { useSession } from './web.session.tsx';

/** The frame of every console screen: who is signed in, the menu their role allows, and the page. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const { pathname } = useLocation();
  // Reminders the server gave me and I have not read: asked again every few minutes.
  const unread = useQuery({ queryKey: ['reminders-unread'], queryFn: () => getJson<{ unread: number }>('/api/staff/reminders/unread'), refetchInterval: 5 * 60_000 });
  const unreadCount = unread.data?.unread ?? 0;
  const items = [
    ...Object.values(screens)
      .filter((screen) => session.abilities?.[screen.ability] === true)
      .map((screen) => ({ key: screen.path, label: screen.label })),
    // Each module's screens with a menu entry, shown when the server says the user has the ability.
    ...moduleScreens.filter((screen) => screen.menu && session.abilities?.[screen.ability]).map((screen) => ({ key: screen.path, label: screen.menu! })),
  ].map((item) => ({ key: item.key, label: <Link to={item.key}>{item.label}</Link> }));
  // The screen whose path is the longest start of this one: /requests/new is 登记申请, /requests/12 依申请公开.
  const selected = items
    .map((item) => item.key)
    .filter((key) => key === pathname || (key !== '/' && pathname.startsWith(`${key}/`)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#0f2a5c' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
          公开 · 工作台
        </Typography.Text>
        <Space>
          <Typography.Text style={{ color: '#fff' }}>
            {session.user.displayName}({roles[session.user.role]}
            {session.user.agencyName ? `,${session.user.agencyName}` : ''})
          </Typography.Text>
          <Link to="/reminders" style={{ color: '#fff' }} aria-label={unreadCount > 0 ? `我的提醒,${unreadCount} 条未读` : '我的提醒'}>
            <Badge count={unreadCount} size="small" offset={[8, -2]}>
              <span style={{ color: '#fff' }}>我的提醒</span>
            </Badge>
          </Link>
          <a href="/" style={{ color: '#fff' }}>
            门户网站
          </a>
          <Link to="/password" style={{ color: '#fff' }}>
            修改密码
          </Link>
          <Button onClick={() => void signOut()}>退出登录</Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={200} theme="light" breakpoint="md" collapsedWidth={0}>
          <nav aria-label="工作台导航">
            <Menu mode="inline" selectedKeys={selected} items={items} />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}

/** A screen's heading, which also names the browser tab (what a screen reader announces first). */
export function PageHeading({ children, extra }: { children: string; extra?: ReactNode }) {
  useEffect(() => {
    document.title = `${children} · 公开工作台`;
  }, [children]);
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 16 }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}
