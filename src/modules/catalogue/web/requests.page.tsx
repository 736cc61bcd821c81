import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Space, Table, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { agencyRequestForm, requestActionForms } from '../catalogue.actions.ts';
import type { RequestFile } from '../catalogue.requests.ts';
import { openAttributes, requestActionLabels, requesterKinds, sharingAttributes, type ResourceRow, requestStates, type DataRequestRow, type RequestAction, type RequestState } from '../catalogue.types.ts';

/** Requests for data the reader reviews or follows (Art. 17). */
export function DataRequestsPage() {
  const list = useQuery({ queryKey: ['catalogue-requests'], queryFn: () => getJson<{ items: DataRequestRow[] }>('/api/staff/catalogue-requests') });
  return (
    <>
      <PageHeading>数据申请审核</PageHeading>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Table<DataRequestRow>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '查询码', dataIndex: 'trackingCode', render: (code: string, row) => <Link to={`/catalogue-requests/${row.id}`}>{code}</Link> },
          { title: '数据资源', dataIndex: 'resourceName' },
          { title: '提供单位', dataIndex: 'agencyName' },
          { title: '申请人', dataIndex: 'requesterName' },
          { title: '状态', dataIndex: 'state', render: (state: RequestState) => requestStates[state] },
          { title: '申请日期', dataIndex: 'receivedOn' },
        ]}
      />
    </>
  );
}

export function DataRequestPage() {
  const { id } = useParams();
  const file = useQuery({ queryKey: ['catalogue-request', id], queryFn: () => getJson<RequestFile>(`/api/staff/catalogue-requests/${id}`) });
  const [action, setAction] = useState<RequestAction | null>(null);
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { request, events, actions } = file.data;
  return (
    <>
      <PageHeading>{`数据申请 ${request.trackingCode}`}</PageHeading>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="数据资源">{request.resourceName}({request.agencyName})</Descriptions.Item>
        <Descriptions.Item label="申请人">{request.requesterName}({requesterKinds[request.requesterKind]},{request.requesterContact})</Descriptions.Item>
        <Descriptions.Item label="用途">{request.purpose}</Descriptions.Item>
        <Descriptions.Item label="应用场景">{request.scenario}</Descriptions.Item>
        <Descriptions.Item label="状态">{requestStates[request.state]}</Descriptions.Item>
        <Descriptions.Item label="审核">{`区大数据中心:${request.centreApproved ? '同意' : '未审核'};提供单位:${request.agencyApproved ? '同意' : '未审核'}`}</Descriptions.Item>
        {request.conditions && <Descriptions.Item label="使用条件">{request.conditions}</Descriptions.Item>}
        {request.refusalReason && <Descriptions.Item label="不予同意的原因">{request.refusalReason}</Descriptions.Item>}
        {request.dispute && <Descriptions.Item label="异议">{request.dispute}</Descriptions.Item>}
      </Descriptions>
      {actions.length > 0 && (
        <Space wrap style={{ marginTop: 16 }}>
          {actions.map((a) => (
            <Button key={a} onClick={() => setAction(a)}>{requestActionLabels[a]}</Button>
          ))}
        </Space>
      )}
      <Timeline style={{ marginTop: 24 }} items={events.map((event) => ({ content: `${event.onDate} ${event.publicNote ?? event.action}` }))} />
      {action && (
        <ActionModal
          title={requestActionLabels[action]}
          open
          onClose={() => setAction(null)}
          initialValues={{ on: todayInChina() }}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/catalogue-requests/${request.id}/${action}`, filledIn(values))}
          refresh={[['catalogue-request', id], ['catalogue-requests']]}
        >
          <DeclaredFields form={requestActionForms[action]} />
        </ActionModal>
      )}
    </>
  );
}

/** Other agencies' shareable data (Art. 16): 无条件共享 is granted once asked, 授权共享 reviewed (Art. 17). */
export function SharedCataloguePage() {
  const list = useQuery({ queryKey: ['catalogue-shared'], queryFn: () => getJson<{ items: ResourceRow[] }>('/api/staff/catalogue/shared') });
  const [asking, setAsking] = useState<ResourceRow | null>(null);
  const navigate = useNavigate();
  return (
    <>
      <PageHeading>申请共享数据</PageHeading>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Table<ResourceRow>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '数据资源名称', dataIndex: 'name' },
          { title: '提供单位', dataIndex: 'agencyName' },
          { title: '共享属性', dataIndex: 'sharing', render: (value: ResourceRow['sharing']) => sharingAttributes[value] },
          { title: '开放属性', dataIndex: 'open', render: (value: ResourceRow['open']) => openAttributes[value] },
          { title: '操作', render: (_, row) => <Button onClick={() => setAsking(row)}>{`申请共享:${row.name}`}</Button> },
        ]}
      />
      {asking && (
        <ActionModal
          title={`申请共享:${asking.name}`}
          open
          onClose={() => setAsking(null)}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/catalogue/${asking.id}/requests`, filledIn(values))}
          refresh={[['catalogue-requests']]}
          onDone={() => navigate('/catalogue-requests')}
        >
          <DeclaredFields form={agencyRequestForm} />
        </ActionModal>
      )}
    </>
  );
}
