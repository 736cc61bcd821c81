import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Descriptions, Result, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import type { ClockDay } from '../../../core/clock/index.ts';
import { mailStates } from '../../../core/mail/mail.types.ts';
import type { CaseFile } from '../index.ts';
import { actionLabels, applicantTypes, channels, noticeKinds, replyCategories, replyDeliveries, requestStates, type NoticeKind, type RequestAction } from '../disclosure.types.ts';
import { idTypeLabel } from '../disclosure.identity.rules.ts';
import { auditActorLabel, type AuditNames } from '../../../core/audit/audit.words.ts';
import { getJson, postJson } from '../../../web/web.api.ts';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { DueTag } from '../../../web/web.clock.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { ActionFields } from './request.actions.tsx';

type CaseView = CaseFile & { notices: { eventId: number; kind: NoticeKind; on: string }[]; names: Pick<AuditNames, 'users'> };

/** One request: what was asked, by whom (for the handling agency only), its clock day by day, its letters, and the steps allowed now. */
export function RequestPage() {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const file = useQuery({ queryKey: ['request', id], queryFn: () => getJson<CaseView>(`/api/staff/requests/${id}`), enabled: Number.isInteger(id) && id > 0 });
  const [action, setAction] = useState<RequestAction | null>(null);
  if (file.error) return <Result status={file.error.message.includes('没有') ? '404' : 'error'} title={file.error.message} />;
  if (!file.data) return <Card loading />;
  const { request, applicant, clock, notices, events } = file.data;
  const state = clock?.state;
  const today = todayInChina();
  return (
    <>
      <PageHeading>{`依申请公开:${request.trackingCode}`}</PageHeading>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="状态">{requestStates[request.state]}</Descriptions.Item>
        <Descriptions.Item label="受理机关">{request.agencyName}</Descriptions.Item>
        <Descriptions.Item label="申请渠道">
          {channels[request.channel]};提交 {request.submittedOn},收到 {request.receivedOn}
          {request.registeredLate && <Tag color="warning" style={{ marginLeft: 8 }}>超过 2 个工作日才录入</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="所需信息">
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{request.description}</Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label="答复期限">
          {state && (
            <Space wrap>
              <DueTag dueOn={state.due} today={today} paused={state.status === 'paused'} estimated={state.estimated} overdue={state.overdue} />
              <span>已用 {state.used} / {state.limit} 个工作日</span>
              {state.status === 'stopped' && <span>{state.stoppedOn} 停止计时</span>}
            </Space>
          )}
        </Descriptions.Item>
        {request.replyCategory && (
          <Descriptions.Item label="答复">
            {replyCategories[request.replyCategory as keyof typeof replyCategories]?.label}({request.repliedOn ?? request.closedOn});依据:{request.replyBasis}
          </Descriptions.Item>
        )}
        {request.replyNumber && <Descriptions.Item label="答复书文号">{request.replyNumber}</Descriptions.Item>}
        {request.replyDelivery && <Descriptions.Item label="提供方式">{replyDeliveries[request.replyDelivery as keyof typeof replyDeliveries]}</Descriptions.Item>}
        {request.replyContent && (
          <Descriptions.Item label="公开的内容">
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{request.replyContent}</Typography.Paragraph>
          </Descriptions.Item>
        )}
        {request.replyFile && (
          <Descriptions.Item label="附件">
            {file.data.abilities.downloadReply ? <a href={`/api/staff/requests/${id}/reply-file`}>{request.replyFile.name}</a> : request.replyFile.name}({Math.max(1, Math.round(request.replyFile.size / 1024))} KB)
          </Descriptions.Item>
        )}
      </Descriptions>

      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>申请人</Typography.Title>
      {applicant ? (
        <>
          <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
            <Descriptions.Item label="类型">{applicantTypes[request.applicantType as keyof typeof applicantTypes] ?? request.applicantType}</Descriptions.Item>
            <Descriptions.Item label="姓名或名称">{applicant.name}</Descriptions.Item>
            <Descriptions.Item label="证件">{[idTypeLabel(applicant.idType), applicant.idNumber, applicant.organisationCode].filter(Boolean).join(' ')}</Descriptions.Item>
            <Descriptions.Item label="联系方式">{[applicant.phone, applicant.email, applicant.address].filter(Boolean).join(';')}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 8 }}>
            {file.data.otherRequests.length > 0 ? `该申请人的其他申请 ${file.data.otherRequests.length} 件:${file.data.otherRequests.map((o) => `${o.receivedOn} ${o.trackingCode}(${o.agencyName},${requestStates[o.state]})`).join(';')}` : '该申请人没有其他申请。'}
          </Typography.Paragraph>
          <Typography.Paragraph>
            {file.data.mails.length > 0
              ? `邮件通知:${file.data.mails.map((m) => `${m.createdAt.slice(0, 16)} 「${m.subject}」${mailStates[m.state]}${m.lastError ? `(${m.lastError})` : ''}`).join(';')}`
              : '申请人未要求邮件通知。'}
          </Typography.Paragraph>
        </>
      ) : (
        <Alert type="info" title="申请人信息只向受理机关的工作人员显示。" />
      )}

      {file.data.actions.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>办理</Typography.Title>
          <Space wrap>
            {file.data.actions.map((a) => (
              <Button key={a} onClick={() => setAction(a)} type={a === 'reply' ? 'primary' : 'default'}>
                {actionLabels[a]}
              </Button>
            ))}
          </Space>
        </>
      )}
      {action && (
        <ActionModal<Record<string, unknown>>
          title={actionLabels[action]}
          open
          onClose={() => setAction(null)}
          okText={actionLabels[action]}
          initialValues={{ on: today }}
          submit={(values) => postJson(`/api/staff/requests/${id}/${action}`, filledIn(values))}
          refresh={[['request', id], ['deadlines']]}
          onDone={() => message.success(`已${actionLabels[action]}`)}
        >
          <ActionFields action={action} file={file.data} />
        </ActionModal>
      )}

      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>文书</Typography.Title>
      <ul>
        {notices.map((n) => (
          <li key={n.eventId}>
            {n.on} {noticeKinds[n.kind]}
            {file.data.abilities.readApplicant && (
              <>
                :<a href={`/api/staff/requests/${id}/notices/${n.eventId}`} target="_blank" rel="noreferrer">查看、打印</a> | <a href={`/api/staff/requests/${id}/notices/${n.eventId}.pdf`} target="_blank" rel="noreferrer">PDF</a>
              </>
            )}
          </li>
        ))}
      </ul>

      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>办理记录</Typography.Title>
      <Timeline
        items={events.map((event, index) => ({
          key: index,
          content: (
            <>
              {event.onDate} {actionLabels[event.action as RequestAction] ?? '收到申请'}(<span title={event.actor}>{auditActorLabel(event.actor, file.data.names)}</span>,{event.at}){event.publicNote ? `:${event.publicNote}` : ''}
            </>
          ),
        }))}
      />

      {clock && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>期限计算</Typography.Title>
          <ul>
            {clock.limits.map((limit) => (
              <li key={limit.label}>{limit.label}({limit.source})</li>
            ))}
          </ul>
          <Collapse
            items={[
              {
                key: 'days',
                label: '逐日明细',
                children: (
                  <Table<ClockDay>
                    rowKey="date"
                    size="small"
                    pagination={false}
                    dataSource={clock.days}
                    columns={[
                      { title: '日期', dataIndex: 'date' },
                      { title: '计入', dataIndex: 'count' },
                      { title: '说明', dataIndex: 'note' },
                    ]}
                  />
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}
