import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, List, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DueCase, DueOverview, StaffReminder } from '../../core/reminders/reminders.types.ts';
import { reminderStages } from '../../core/reminders/reminders.types.ts';
import { getJson, postJson } from '../web.api.ts';
import { DueTag } from '../web.clock.tsx';
import { PageHeading } from '../web.layout.tsx';
import { StatCards } from '../web.stat-cards.tsx';

interface MyReminders {
  items: StaffReminder[];
  email: string | null;
  mailEnabled: boolean;
}

/** My reminders (given by the server as cases fall due), read and cleared here, and the address they are mailed to. */
export function RemindersPage() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const mine = useQuery({ queryKey: ['reminders'], queryFn: () => getJson<MyReminders>('/api/staff/reminders') });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['reminders'] });
  const read = useMutation({
    mutationFn: (ids: number[] | null) => postJson<{ changed: number }>('/api/staff/reminders/read', ids ? { ids } : {}),
    onSuccess: () => void Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['reminders-unread'] })]),
  });
  const email = useMutation({
    mutationFn: (value: string) => postJson<{ email: string | null }>('/api/staff/reminders/email', { email: value }),
    onSuccess: (saved) => {
      void message.success(saved.email ? `提醒将同时发送到 ${saved.email}` : '已取消邮件提醒,只在工作台提醒');
      void refresh();
    },
  });
  const data = mine.data;
  return (
    <>
      <PageHeading>我的提醒</PageHeading>
      <Typography.Paragraph>事项在到期前 3 个工作日和逾期时各提醒一次;期限变更(如暂停、延期)后按新期限重新提醒。</Typography.Paragraph>
      {mine.error && <Alert type="error" role="alert" title={mine.error.message} />}
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => read.mutate(null)} loading={read.isPending} disabled={!data?.items.some((item) => !item.read)}>
          全部标为已读
        </Button>
      </Space>
      <List<StaffReminder>
        bordered
        loading={mine.isPending}
        locale={{ emptyText: '暂无提醒' }}
        dataSource={data?.items ?? []}
        renderItem={(item) => (
          <List.Item
            actions={item.read ? [<Tag key="read">已读</Tag>] : [<Button key="read" size="small" onClick={() => read.mutate([item.id])}>标为已读</Button>]}
          >
            <List.Item.Meta
              title={<Link to={item.link}>{item.title}</Link>}
              description={`${reminderStages[item.stage]} · 提醒时间 ${item.createdAt.slice(0, 16)}`}
            />
          </List.Item>
        )}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        邮件提醒
      </Typography.Title>
      {data && !data.mailEnabled && <Alert type="info" showIcon title="本系统尚未配置邮件服务,提醒只在工作台显示。" style={{ marginBottom: 12 }} />}
      {data && (
        <Form layout="inline" key={data.email ?? ''} initialValues={{ email: data.email ?? '' }} onFinish={(values: { email: string }) => email.mutate(values.email.trim())}>
          <Form.Item label="提醒邮箱" name="email" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]} extra="留空则只在工作台提醒">
            <Input style={{ width: 280 }} maxLength={100} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={email.isPending}>
            保存
          </Button>
        </Form>
      )}
      {email.error && <Alert type="error" role="alert" title={email.error.message} style={{ marginTop: 12 }} />}
    </>
  );
}

/** The dashboard's section of every module's clocks that fall due, and the work waiting without one. */
export function DueWorkSection({ everyAgency }: { everyAgency: boolean }) {
  const due = useQuery({ queryKey: ['due'], queryFn: () => getJson<DueOverview>('/api/staff/due') });
  const data = due.data;
  const overdue = data?.cases.filter((item) => item.stage === 'overdue').length;
  const soon = data?.cases.filter((item) => item.stage === 'due_soon').length;
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        到期提醒{everyAgency ? '(全部机关)' : ''}
      </Typography.Title>
      {due.error && <Alert type="error" role="alert" title={due.error.message} />}
      <StatCards
        loading={due.isPending}
        span={{ md: 8, lg: 6 }}
        cards={[
          { title: '已逾期事项', value: overdue },
          { title: '3 个工作日内到期', value: soon },
          ...(data?.pending ?? []).map((work) => ({ title: work.label, value: work.count, link: work.link })),
        ]}
      />
      <Table<DueCase>
        style={{ marginTop: 16 }}
        rowKey="key"
        size="small"
        loading={due.isPending}
        dataSource={data?.cases ?? []}
        locale={{ emptyText: '没有即将到期或逾期的事项' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '事项', dataIndex: 'kind' },
          { title: '名称', dataIndex: 'name', render: (name: string, item) => <Link to={item.link}>{name}</Link> },
          { title: '期限', key: 'due', render: (_, item) => <DueTag dueOn={item.dueOn} today={data!.today} soon={data!.soon} /> },
        ]}
      />
    </>
  );
}
