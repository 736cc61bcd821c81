import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AuditEntry, ChainCheck } from '../../core/audit/audit.ts';
import { auditActorLabel, describeAuditAction, describeAuditSubject, type AuditNames } from '../../core/audit/audit.words.ts';
import { getJson, withQuery } from '../web.api.ts';
import { OlderNewer } from '../web.forms.tsx';
import { PageHeading } from '../web.layout.tsx';

type Filter = { actor?: string; action?: string; subject?: string; from?: string; to?: string; before?: number };

/** The audit log for supervisors: every change, who made it and from where, filtered and paged; and the hash chain checked on demand. */
export function AuditPage() {
  const [filter, setFilter] = useState<Filter>({});
  const log = useQuery({ queryKey: ['audit', filter], queryFn: () => getJson<{ items: AuditEntry[]; names: AuditNames }>(withQuery('/api/staff/audit', filter)) });
  const verify = useMutation({ mutationFn: () => getJson<ChainCheck>('/api/staff/audit/verify') });
  const items = log.data?.items ?? [];
  const names = log.data?.names;
  const onSearch = (values: { actor?: string; action?: string; subject?: string; dates?: [Dayjs, Dayjs] | null }) =>
    setFilter({ actor: values.actor, action: values.action, subject: values.subject, from: values.dates?.[0]?.format('YYYY-MM-DD'), to: values.dates?.[1]?.format('YYYY-MM-DD') });
  return (
    <>
      <PageHeading extra={<Button onClick={() => verify.mutate()} loading={verify.isPending}>核对哈希链</Button>}>审计日志</PageHeading>
      {verify.data &&
        (verify.data.broken ? (
          <Alert type="error" role="alert" showIcon title={`哈希链在第 ${verify.data.broken.id} 号事件处断裂:${verify.data.broken.reason === 'content_changed' ? '该条内容已被改动' : '其前一条已被删除或改动'}`} style={{ marginBottom: 16 }} />
        ) : (
          <Alert type="success" role="status" showIcon title={`共 ${verify.data.events} 条,哈希链逐条核对无误`} description={<>链尾哈希 <Typography.Text code copyable>{verify.data.head ?? ''}</Typography.Text>,请记录在数据库之外以备核对。</>} style={{ marginBottom: 16 }} />
        ))}
      {(log.error ?? verify.error) && <Alert type="error" role="alert" title={(log.error ?? verify.error)!.message} style={{ marginBottom: 16 }} />}
      <Form layout="inline" onFinish={onSearch} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="操作人" name="actor">
          <Input placeholder="如 user:3、public" maxLength={60} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Input placeholder="前缀,如 publication." maxLength={60} />
        </Form.Item>
        <Form.Item label="对象" name="subject">
          <Input placeholder="如 disclosure_request 12" maxLength={80} />
        </Form.Item>
        <Form.Item label="日期" name="dates">
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          筛选
        </Button>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={log.isPending}
        dataSource={items}
        pagination={false}
        expandable={{ expandedRowRender: (entry) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify({ before: entry.before, after: entry.after }, null, 1)}</pre> }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 80 },
          { title: '时间', dataIndex: 'at', width: 180 },
          // Names and labels to read; the recorded code on hover (title), as the filters above take it.
          { title: '操作人', dataIndex: 'actor', render: (actor: string) => <span title={actor}>{auditActorLabel(actor, names)}</span> },
          { title: '地址', dataIndex: 'address' },
          { title: '操作', dataIndex: 'action', render: (action: string) => <span title={action}>{describeAuditAction(action, names)}</span> },
          { title: '对象', key: 'subject', render: (_, entry) => <span title={`${entry.subjectType} ${entry.subjectId}`}>{describeAuditSubject(entry.subjectType, entry.subjectId, names)}</span> },
        ]}
      />
      <OlderNewer filter={filter} setFilter={setFilter} items={items} pageSize={100} olderLabel="更早的记录" />
    </>
  );
}
