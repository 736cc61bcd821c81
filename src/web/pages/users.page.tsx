import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { roles, type Role, type StaffUser } from '../../core/auth/auth.types.ts';
import type { Agency } from '../../modules/agencies/index.ts';
import { getJson, postJson } from '../web.api.ts';
import { ActionModal } from '../web.forms.tsx';
import { PageHeading } from '../web.layout.tsx';
import { useSession } from '../web.session.tsx';

type Listed = StaffUser & { disabled: boolean; locked: boolean };
type NewUser = { username: string; displayName: string; role: Role; agencyId?: number };

/** A one-time password is shown once, to be handed over in person; it must be changed at first sign-in. */
function useOneTimePassword() {
  const { modal } = App.useApp();
  return (username: string, password: string) =>
    modal.info({
      title: `账号 ${username} 的一次性密码`,
      content: (
        <>
          <Typography.Paragraph copyable={{ text: password }}>
            <Typography.Text strong code className="one-time-password">
              {password}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph>只显示这一次。请当面或通过安全渠道交给本人,首次登录后须修改。</Typography.Paragraph>
        </>
      ),
    });
}

/** Accounts: system administrators manage all, agency administrators their own agency's clerks and administrators. */
export function UsersPage() {
  const { session } = useSession();
  const admin = session.user.role === 'system_admin';
  const showPassword = useOneTimePassword();
  const users = useQuery({ queryKey: ['users'], queryFn: () => getJson<{ items: Listed[] }>('/api/staff/users') });
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => getJson<{ items: Agency[] }>('/api/agencies') });
  const [adding, setAdding] = useState(false);
  const reset = useMutation({
    mutationFn: (user: Listed) => postJson<{ oneTimePassword: string }>(`/api/staff/users/${user.id}/reset-password`),
    onSuccess: (result, user) => {
      void users.refetch();
      showPassword(user.username, result.oneTimePassword);
    },
  });
  const toggle = useMutation({
    mutationFn: (user: Listed) => postJson(`/api/staff/users/${user.id}/${user.disabled ? 'enable' : 'disable'}`),
    onSuccess: () => void users.refetch(),
  });
  const roleChoices = Object.entries(roles)
    .filter(([code]) => admin || code === 'clerk' || code === 'agency_admin')
    .map(([value, label]) => ({ value, label }));
  const agencyChoices = (agencies.data?.items ?? []).filter((agency) => admin || agency.id === session.user.agencyId).map((agency) => ({ value: agency.id, label: agency.name }));
  return (
    <>
      <PageHeading extra={<Button type="primary" onClick={() => setAdding(true)}>新建账号</Button>}>账号管理</PageHeading>
      {(users.error ?? reset.error ?? toggle.error) && <Alert type="error" role="alert" title={(users.error ?? reset.error ?? toggle.error)!.message} style={{ marginBottom: 16 }} />}
      <Table<Listed>
        rowKey="id"
        size="small"
        loading={users.isPending}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (role: Role) => roles[role] },
          { title: '机关', dataIndex: 'agencyName', render: (name: string | null) => name ?? '(全部机关)' },
          {
            title: '状态',
            key: 'status',
            render: (_, user) => (user.disabled ? <Tag>已停用</Tag> : user.locked ? <Tag color="error">暂时锁定</Tag> : user.mustChangePassword ? <Tag color="warning">待改密码</Tag> : <Tag color="success">正常</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_, user) => (
              <Space size={4}>
                <Popconfirm title={`重置 ${user.username} 的密码?`} description="该账号的登录会话随即失效。" onConfirm={() => reset.mutate(user)} okText="重置" cancelText="取消">
                  <Button size="small" aria-label={`重置密码:${user.username}`}>
                    重置密码
                  </Button>
                </Popconfirm>
                {user.id !== session.user.id && (
                  <Popconfirm
                    title={user.disabled ? `启用 ${user.username}?` : `停用 ${user.username}?`}
                    description={user.disabled ? '启用后可用原密码登录。' : '停用后不能登录,现有会话随即失效;办理记录保留。'}
                    onConfirm={() => toggle.mutate(user)}
                    okText={user.disabled ? '启用' : '停用'}
                    cancelText="取消"
                  >
                    <Button size="small" danger={!user.disabled} aria-label={`${user.disabled ? '启用' : '停用'}:${user.username}`}>
                      {user.disabled ? '启用' : '停用'}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <ActionModal<NewUser>
        title="新建账号"
        open={adding}
        onClose={() => setAdding(false)}
        okText="创建"
        initialValues={{ role: 'clerk', agencyId: admin ? undefined : (session.user.agencyId ?? undefined) }}
        submit={(values) => postJson<{ oneTimePassword: string }>('/api/staff/users', { ...values, agencyId: values.agencyId ?? null }).then((result) => ({ ...result, username: values.username }))}
        refresh={[['users']]}
        onDone={(result) => {
          const created = result as { oneTimePassword: string; username: string };
          showPassword(created.username, created.oneTimePassword);
        }}
      >
        {(form) => (
          <>
            <Form.Item label="用户名(小写字母开头)" name="username" rules={[{ required: true, message: '请填写用户名' }]}>
              <Input maxLength={40} autoComplete="off" />
            </Form.Item>
            <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
              <Select options={roleChoices} onChange={(role: Role) => (role === 'supervisor' || role === 'system_admin') && form.setFieldValue('agencyId', undefined)} />
            </Form.Item>
            <Form.Item noStyle dependencies={['role']}>
              {() =>
                ['clerk', 'agency_admin'].includes(form.getFieldValue('role')) && (
                  <Form.Item label="机关" name="agencyId" rules={[{ required: true, message: '经办人员和机关管理员须属于一个机关' }]}>
                    <Select showSearch={{ optionFilterProp: 'label' }} options={agencyChoices} />
                  </Form.Item>
                )
              }
            </Form.Item>
          </>
        )}
      </ActionModal>
    </>
  );
}
