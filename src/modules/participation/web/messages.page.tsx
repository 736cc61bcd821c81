import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postJson } from '../../../web/web.api.ts';
import { DueTag } from '../../../web/web.clock.tsx';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn, optionsOf } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { messageActionForms } from '../participation.actions.ts';
import type { StaffMessageItem } from '../participation.queries.ts';
import type { MessageFile } from '../participation.service.ts';
import { messageActionLabels, messageKinds, messageStates, ratings, type MessageAction, type MessageState } from '../participation.types.ts';

/** The agency's messages, those due soonest first; supervisors see every agency's. */
export function MessagesPage() {
  const [state, setState] = useState<MessageState | undefined>();
  const list = useQuery({ queryKey: ['messages', state], queryFn: () => getJson<{ items: StaffMessageItem[] }>(`/api/staff/messages${state ? `?state=${state}` : ''}`) });
  const today = todayInChina();
  return (
    <>
      <PageHeading>政民互动:留言办理</PageHeading>
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="message-state">办理状态</label>
        <Select id="message-state" allowClear placeholder="全部" style={{ width: 220 }} value={state} onChange={setState} options={optionsOf(messageStates)} />
      </Space>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Table<StaffMessageItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '查询码', dataIndex: 'trackingCode', render: (code: string, row) => <Link to={`/messages/${row.id}`}>{code}</Link> },
          { title: '标题', dataIndex: 'subject' },
          { title: '类别', dataIndex: 'kind', render: (kind: keyof typeof messageKinds) => messageKinds[kind] },
          { title: '办理机关', dataIndex: 'agencyName' },
          { title: '状态', dataIndex: 'state', render: (value: MessageState, row) => <>{messageStates[value]}{row.simple && <Tag style={{ marginLeft: 8 }}>简单咨询</Tag>}</> },
          { title: '受理日期', dataIndex: 'receivedOn' },
          { title: '答复期限', dataIndex: 'dueOn', render: (dueOn: string | null, row) => (row.state === 'received' || row.state === 'accepted' ? <DueTag dueOn={dueOn} today={today} /> : '—') },
        ]}
      />
    </>
  );
}

/** One message: what was written (with the sender, for the handling agency), its clock, and the actions the reader may take. */
export function MessagePage() {
  const { id } = useParams();
  const file = useQuery({ queryKey: ['message', id], queryFn: () => getJson<MessageFile>(`/api/staff/messages/${id}`) });
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => getJson<{ items: { id: number; name: string }[] }>('/api/agencies') });
  const [action, setAction] = useState<MessageAction | null>(null);
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { message, events, actions } = file.data;
  const references = { agencies: (agencies.data?.items ?? []).filter((a) => a.id !== message.agencyId).map((a) => ({ value: String(a.id), label: a.name })) };
  // Publishing starts from the original text, for the moderator to strip personal data and abuse.
  const initialValues = action === 'publish' ? { subject: message.subject, body: message.body, reply: message.reply ?? '' } : { on: todayInChina() };
  return (
    <>
      <PageHeading>{`留言 ${message.trackingCode}`}</PageHeading>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="标题">{message.subject}</Descriptions.Item>
        <Descriptions.Item label="类别">{messageKinds[message.kind]}{message.simple ? '(简单咨询)' : ''}</Descriptions.Item>
        <Descriptions.Item label="内容"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{message.body}</Typography.Paragraph></Descriptions.Item>
        {message.documentTitle && <Descriptions.Item label="所涉文件">{message.documentTitle}</Descriptions.Item>}
        <Descriptions.Item label="留言人">{message.senderName}({message.senderContact}){message.keepPrivate ? ',要求不公开' : ''}</Descriptions.Item>
        <Descriptions.Item label="办理机关">{message.agencyName}</Descriptions.Item>
        <Descriptions.Item label="状态">{messageStates[message.state]}</Descriptions.Item>
        <Descriptions.Item label="受理日期">{message.receivedOn}</Descriptions.Item>
        {message.dueOn && <Descriptions.Item label="答复期限"><DueTag dueOn={message.dueOn} today={todayInChina()} /></Descriptions.Item>}
        {message.reply && <Descriptions.Item label="答复">{message.repliedOn} {message.reply}</Descriptions.Item>}
        {message.rating && <Descriptions.Item label="留言人评价">{ratings[message.rating]}</Descriptions.Item>}
      </Descriptions>
      {actions.length > 0 && (
        <Space wrap style={{ marginTop: 16 }}>
          {actions.map((a) => (
            <Button key={a} onClick={() => setAction(a)}>{messageActionLabels[a]}</Button>
          ))}
        </Space>
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>办理记录</Typography.Title>
      <Timeline items={events.map((event) => ({ content: `${event.onDate} ${event.publicNote ?? event.action}` }))} />
      {action && (
        <ActionModal
          title={messageActionLabels[action]}
          open
          onClose={() => setAction(null)}
          initialValues={initialValues}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/messages/${message.id}/${action}`, filledIn(values))}
          refresh={[['message', id], ['messages']]}
        >
          <DeclaredFields form={messageActionForms[action]} references={references} />
        </ActionModal>
      )}
    </>
  );
}
