import { useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ListedRequest } from '../index.ts';
import { replyCategories, requestStates } from '../disclosure.types.ts';
import { getJson, withQuery } from '../../../web/web.api.ts';
import { OlderNewer, optionsOf } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';

type Filter = { code?: string; state?: string; from?: string; to?: string; before?: number };

/** Every request, open or closed (a review outcome may come after closing), by tracking code, state and date received. */
export function RequestsPage() {
  const { session } = useSession();
  const [filter, setFilter] = useState<Filter>({});
  const found = useQuery({ queryKey: ['requests', filter], queryFn: () => getJson<{ items: ListedRequest[] }>(withQuery('/api/staff/requests', filter)) });
  const items = found.data?.items ?? [];
  const onSearch = (values: { code?: string; state?: string; dates?: [Dayjs, Dayjs] | null }) =>
    setFilter({ code: values.code, state: values.state, from: values.dates?.[0]?.format('YYYY-MM-DD'), to: values.dates?.[1]?.format('YYYY-MM-DD') });
  return (
    <>
      <PageHeading extra={session.abilities?.['disclosure.register'] && <Link to="/requests/new">登记申请</Link>}>查找申请</PageHeading>
      {found.error && <Alert type="error" role="alert" title={found.error.message} style={{ marginBottom: 16 }} />}
      <Form layout="inline" onFinish={onSearch} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="查询码" name="code">
          <Input placeholder="YSQ…(可只输入开头)" maxLength={40} allowClear />
        </Form.Item>
        <Form.Item label="状态" name="state">
          <Select options={optionsOf(requestStates)} allowClear placeholder="全部" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label="收到日期" name="dates">
          <DatePicker.RangePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查找
        </Button>
      </Form>
      <Table<ListedRequest>
        rowKey="id"
        size="small"
        loading={found.isPending}
        dataSource={items}
        pagination={false}
        columns={[
          { title: '查询码', dataIndex: 'trackingCode', render: (code: string, item) => <Link to={`/requests/${item.id}`}>{code}</Link> },
          ...(session.user.agencyId === null ? [{ title: '受理机关', dataIndex: 'agencyName' }] : []),
          { title: '状态', dataIndex: 'state', render: (state: ListedRequest['state']) => requestStates[state] },
          { title: '收到日期', dataIndex: 'receivedOn' },
          { title: '答复期限', dataIndex: 'dueOn' },
          { title: '答复', dataIndex: 'replyCategory', render: (category: string | null) => (category ? replyCategories[category as keyof typeof replyCategories]?.label : '') },
          { title: '办结日期', dataIndex: 'closedOn' },
        ]}
      />
      <OlderNewer filter={filter} setFilter={setFilter} items={items} pageSize={50} olderLabel="更早的申请" />
    </>
  );
}
