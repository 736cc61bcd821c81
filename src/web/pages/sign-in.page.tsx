import { useMutation } from '@tanstack/react-query';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { passwordProblems, passwordRules } from '../../core/auth/auth.rules.ts';
import type { Session } from '../../core/auth/index.ts';
import { postJson } from '../web.api.ts';
import { PageHeading } from '../web.layout.tsx';

/** Full-page forms shown before the console: sign-in, and the password change a one-time password demands. */
function Centered({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main style={{ maxWidth: 420, margin: '10vh auto', padding: 16 }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </main>
  );
}

/** Inside the console's frame (which has the page's one main landmark). */
function InConsole({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <Card style={{ maxWidth: 480 }}>{children}</Card>
    </>
  );
}

/** `notice`: what just happened, e.g. the password was changed and the session ended with it. */
export function SignInPage({ onSignedIn, notice }: { onSignedIn(session: Session): void; notice?: string | null }) {
  const signIn = useMutation({ mutationFn: (values: { username: string; password: string }) => postJson<Session>('/api/staff/sign-in', values), onSuccess: onSignedIn });
  return (
    <Centered title="公开 · 工作人员登录">
      {notice && !signIn.error && <Alert type="success" role="status" showIcon title={notice} style={{ marginBottom: 16 }} />}
      {signIn.error && <Alert type="error" role="alert" showIcon title={signIn.error.message} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={(values) => signIn.mutate(values)} requiredMark={false}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending}>
          登录
        </Button>
      </Form>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        连续输错 5 次,账号锁定 15 分钟。忘记密码请联系本机关管理员重置。
      </Typography.Paragraph>
    </Centered>
  );
}

/** The password rules, shown before the first try and marked as the new password is typed. */
function PasswordRules({ password, username }: { password: string; username: string }) {
  return (
    <ul aria-label="新密码的要求" style={{ listStyle: 'none', paddingLeft: 0, margin: '0 0 16px' }}>
      {passwordRules.map(({ rule, broken }) => {
        const state = password ? (broken(password, username) ? 'broken' : 'kept') : 'unknown';
        return (
          <li key={rule} data-state={state}>
            {state === 'kept' ? <CheckCircleFilled style={{ color: '#237804' }} /> : state === 'broken' ? <CloseCircleFilled style={{ color: '#a8071a' }} /> : <MinusCircleOutlined />}{' '}
            {rule === '不能包含用户名' ? `不能包含用户名「${username}」` : rule}
            {state === 'kept' ? '（已满足）' : state === 'broken' ? '（未满足）' : ''}
          </li>
        );
      })}
    </ul>
  );
}

/** `forced`: the one-time password demands it before anything else; otherwise the user chose to change it (the console's 修改密码). */
export function PasswordPage({ session, onChanged, forced = true }: { session: Session; onChanged(): void; forced?: boolean }) {
  const [form] = Form.useForm<{ current: string; next: string; again: string }>();
  const next = Form.useWatch('next', form) ?? '';
  const { username } = session.user;
  const change = useMutation({ mutationFn: (values: { current: string; next: string }) => postJson('/api/staff/password', values), onSuccess: onChanged });
  const Frame = forced ? Centered : InConsole;
  return (
    <Frame title={forced ? '设置新密码' : '修改密码'}>
      <Typography.Paragraph>
        {forced ? `${session.user.displayName},您正在使用一次性密码,须先设置自己的密码。设置后请用新密码重新登录。` : '修改后,您在所有设备上的登录都会结束,请用新密码重新登录。'}
      </Typography.Paragraph>
      {change.error && <Alert type="error" role="alert" showIcon title={change.error.message} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => change.mutate({ current: values.current, next: values.next })} requiredMark={false}>
        {/* Password managers file the new password under this name. */}
        <input type="text" name="username" autoComplete="username" value={session.user.username} readOnly hidden />
        <Form.Item label={forced ? '当前密码(一次性密码)' : '当前密码'} name="current" rules={[{ required: true, message: '请填写当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码(至少 12 位)"
          name="next"
          rules={[
            { required: true, message: '请填写新密码' },
            { validator: (_, value: string | undefined) => { const problems = passwordProblems(value ?? '', username); return value && problems.length > 0 ? Promise.reject(new Error(problems.join(';'))) : Promise.resolve(); } },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={200} />
        </Form.Item>
        <PasswordRules password={next} username={username} />
        <Form.Item
          label="再次输入新密码"
          name="again"
          dependencies={['next']}
          rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, value) => (value === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={change.isPending}>
          保存新密码
        </Button>
      </Form>
    </Frame>
  );
}
