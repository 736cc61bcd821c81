import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Select, Space, Table, Tabs, Tag, Timeline, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postFile, postJson } from '../../../web/web.api.ts';
import { DueTag } from '../../../web/web.clock.tsx';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn, optionsOf } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import { requestActionForms, requestForm } from '../assistance.actions.ts';
import type { RequestListItem } from '../assistance.queries.ts';
import type { RequestFile } from '../assistance.service.ts';
import {
  assistanceForms,
  disputeStages,
  refusalGrounds,
  requestActionLabels,
  requestChannels,
  requestStates,
  satisfaction,
  type Matter,
  type RequestAction,
  type RequestState,
} from '../assistance.types.ts';
import { useAgencyOptions } from './shared.tsx';

const directions = { in: '收到的请求(本机关协助)', out: '提出的请求(本机关请求)', all: '全部' } as const;

/** My agency's requests in and out, those due soonest first; overseers see every agency's. */
export function AssistanceRequestsPage() {
  const { session } = useSession();
  const navigate = useNavigate();
  const [direction, setDirection] = useState<keyof typeof directions>(session.user.agencyId === null ? 'all' : 'in');
  const [state, setState] = useState<RequestState | undefined>();
  const [asking, setAsking] = useState(false);
  const list = useQuery({
    queryKey: ['assistance', direction, state],
    queryFn: () => getJson<{ items: RequestListItem[] }>(`/api/staff/assistance/requests?direction=${direction}${state ? `&state=${state}` : ''}`),
  });
  const matters = useQuery({ queryKey: ['assistance-matters'], queryFn: () => getJson<{ items: Matter[] }>('/api/staff/assistance/matters') });
  const agencies = useAgencyOptions(session.user.agencyId);
  const mayRequest = session.abilities?.['assistance.request'] === true;
  const references = {
    agencies,
    matters: (matters.data?.items ?? [])
      .filter((matter) => matter.state === 'active' && matter.requestingAgencyId === session.user.agencyId)
      .map((matter) => ({ value: String(matter.id), label: `${matter.title}(${matter.requestedAgencyName},${assistanceForms[matter.form]})` })),
  };
  const today = todayInChina();
  return (
    <>
      <PageHeading extra={mayRequest ? <Button type="primary" onClick={() => setAsking(true)}>提出协助请求</Button> : undefined}>行政协助</PageHeading>
      <Space style={{ marginBottom: 16 }} wrap>
        {session.user.agencyId !== null && (
          <Tabs activeKey={direction} onChange={(key) => setDirection(key as keyof typeof directions)} items={Object.entries(directions).map(([key, label]) => ({ key, label }))} />
        )}
        <label htmlFor="assistance-state">办理状态</label>
        <Select id="assistance-state" allowClear placeholder="全部" style={{ width: 220 }} value={state} onChange={setState} options={optionsOf(requestStates)} />
      </Space>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Table<RequestListItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '编号', dataIndex: 'code', render: (code: string, row) => <Link to={`/assistance/requests/${row.id}`}>{code}</Link> },
          { title: '请求事项', dataIndex: 'subject', render: (subject: string, row) => <>{subject}{row.emergency && <Tag color="orange" style={{ marginLeft: 8 }}>紧急</Tag>}</> },
          { title: '协助形式', dataIndex: 'form', render: (form: keyof typeof assistanceForms) => assistanceForms[form] },
          { title: '请求机关', dataIndex: 'requestingAgencyName' },
          { title: '被请求机关', dataIndex: 'requestedAgencyName' },
          { title: '状态', dataIndex: 'state', render: (value: RequestState) => requestStates[value] },
          { title: '提出日期', dataIndex: 'requestedOn' },
          { title: '协助期限', dataIndex: 'dueOn', render: (dueOn: string | null, row) => (row.state === 'accepted' ? <DueTag dueOn={dueOn} today={today} /> : '—') },
        ]}
      />
      {asking && (
        <ActionModal
          title="提出行政协助请求"
          open
          onClose={() => setAsking(false)}
          initialValues={{ channel: 'written', obstacleOn: today, requestedOn: today }}
          submit={(values: Record<string, unknown>) => postJson<{ id: number }>('/api/staff/assistance/requests', filledIn(values))}
          refresh={[['assistance']]}
          onDone={(result) => navigate(`/assistance/requests/${(result as { id: number }).id}`)}
        >
          <DeclaredFields form={requestForm} references={references} />
        </ActionModal>
      )}
    </>
  );
}

/** One request: what was asked, its clock, its materials, its history, and the actions the reader may take. */
export function AssistanceRequestPage() {
  const { id } = useParams();
  const client = useQueryClient();
  const file = useQuery({ queryKey: ['assistance-request', id], queryFn: () => getJson<RequestFile>(`/api/staff/assistance/requests/${id}`) });
  const [action, setAction] = useState<RequestAction | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) => postFile(`/api/staff/assistance/requests/${id}/attachments`, chosen),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assistance-request', id] }),
  });
  const agencies = useAgencyOptions(file.data?.request.requestedAgencyId ?? null);
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { request, events, attachments, actions, abilities } = file.data;
  const references = { agencies: agencies.filter((agency) => agency.value !== String(request.requestingAgencyId)) };
  const today = todayInChina();
  return (
    <>
      <PageHeading>{`行政协助请求 ${request.code}`}</PageHeading>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }}>
        <Descriptions.Item label="请求事项">{request.subject}{request.emergency && <Tag color="orange" style={{ marginLeft: 8 }}>紧急</Tag>}</Descriptions.Item>
        <Descriptions.Item label="目录内事项">{request.matterTitle ?? '未列入目录(紧急协助,须事后登记备案)'}</Descriptions.Item>
        <Descriptions.Item label="协助形式">{assistanceForms[request.form]}</Descriptions.Item>
        <Descriptions.Item label="请求内容与理由"><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{request.body}</Typography.Paragraph></Descriptions.Item>
        <Descriptions.Item label="法律依据">{request.legalBasis}</Descriptions.Item>
        <Descriptions.Item label="请求机关">{request.requestingAgencyName}</Descriptions.Item>
        <Descriptions.Item label="被请求机关">{request.requestedAgencyName}</Descriptions.Item>
        <Descriptions.Item label="请求方式">
          {requestChannels[request.channel]}
          {request.formalitiesCompletedOn ? `(书面手续 ${request.formalitiesCompletedOn})` : '(书面手续待补办)'}
        </Descriptions.Item>
        <Descriptions.Item label="遇到障碍之日 / 提出日期">
          {request.obstacleOn} / {request.requestedOn}{request.lateRequest && <Tag color="error" style={{ marginLeft: 8 }}>超过请求期限</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="状态">{requestStates[request.state]}{request.disputeStage ? `(${disputeStages[request.disputeStage]})` : ''}</Descriptions.Item>
        {request.acceptedOn && <Descriptions.Item label="受理日期">{request.acceptedOn}{request.onTheSpot ? '(当场协助)' : ''}</Descriptions.Item>}
        {request.state === 'accepted' && <Descriptions.Item label="协助期限"><DueTag dueOn={request.dueOn} today={today} /></Descriptions.Item>}
        {request.refusalGround && <Descriptions.Item label="不予协助">{refusalGrounds[request.refusalGround]}:{request.refusalReason}</Descriptions.Item>}
        {request.result && <Descriptions.Item label="协助结果">{request.completedOn} {request.partial ? '(部分协助)' : ''}{request.result}</Descriptions.Item>}
        {request.rating && <Descriptions.Item label="请求机关评价">{satisfaction[request.rating]}{request.ratingNote ? `:${request.ratingNote}` : ''}</Descriptions.Item>}
      </Descriptions>
      {actions.length > 0 && (
        <Space wrap style={{ marginTop: 16 }}>
          {actions.map((a) => (
            <Button key={a} onClick={() => setAction(a)}>{requestActionLabels[a]}</Button>
          ))}
        </Space>
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>附件</Typography.Title>
      {attachments.length === 0 ? <Typography.Paragraph>无</Typography.Paragraph> : (
        <ul>
          {attachments.map((attachment) => (
            <li key={attachment.position}><a href={`/api/staff/assistance/requests/${request.id}/attachments/${attachment.position}`}>{attachment.name}</a></li>
          ))}
        </ul>
      )}
      {(abilities.request || abilities.handle) && (
        <Upload showUploadList={false} beforeUpload={(chosen) => { upload.mutate(chosen); return false; }}>
          <Button loading={upload.isPending}>添加附件(PDF、OFD、Word、Excel、图片)</Button>
        </Upload>
      )}
      {upload.error && <Alert type="error" role="alert" title={upload.error.message} style={{ marginTop: 8 }} />}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>办理记录</Typography.Title>
      <Timeline items={events.map((event) => ({ content: `${event.onDate} ${event.note ?? requestActionLabels[event.action as RequestAction] ?? event.action}` }))} />
      {action && (
        <ActionModal
          title={requestActionLabels[action]}
          open
          onClose={() => setAction(null)}
          initialValues={'on' in requestActionForms[action] ? { on: today } : {}}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/assistance/requests/${request.id}/${action}`, filledIn(values))}
          refresh={[['assistance-request', id], ['assistance']]}
        >
          <DeclaredFields form={requestActionForms[action]} references={references} />
        </ActionModal>
      )}
    </>
  );
}
