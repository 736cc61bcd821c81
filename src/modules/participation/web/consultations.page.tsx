import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postJson } from '../../../web/web.api.ts';
import { DueTag } from '../../../web/web.clock.tsx';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import { commentActionForms, consultationActionForms, consultationForm } from '../consultation.actions.ts';
import type { ConsultationFile, StaffConsultationItem } from '../consultation.service.ts';
import { adoptions, commentActionLabels, commentStates, consultationActionLabels, consultationStates, type CommentAction, type CommentRow, type ConsultationAction } from '../consultation.types.ts';

/** The feedback report's deadline as staff read it: running, overdue, or met. */
function ReportDue({ dueOn, publishedOn, today }: { dueOn: string | null; publishedOn: string | null; today: string }) {
  if (publishedOn) return <Tag color={dueOn && publishedOn > dueOn ? 'warning' : 'success'}>{publishedOn} 已公布{dueOn && publishedOn > dueOn ? '(逾期)' : ''}</Tag>;
  if (!dueOn) return <>—</>;
  return <DueTag dueOn={dueOn} today={today} />;
}

/** The agency's consultations (every agency's for a supervisor): the window, comments awaiting moderation, the report's clock. */
export function ConsultationsPage() {
  const list = useQuery({ queryKey: ['consultations'], queryFn: () => getJson<{ items: StaffConsultationItem[] }>('/api/staff/consultations') });
  const { session } = useSession();
  const [opening, setOpening] = useState(false);
  const navigate = useNavigate();
  const today = todayInChina();
  const overdue = (list.data?.items ?? []).filter((c) => c.reportDueOn && !c.reportPublishedOn && c.reportDueOn < today);
  return (
    <>
      <PageHeading extra={session.abilities?.['participation.handle'] ? <Button type="primary" onClick={() => setOpening(true)}>发布征求意见</Button> : undefined}>征求意见</PageHeading>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      {overdue.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`${overdue.length} 项征求意见的意见采纳情况已逾期未公布`} />}
      <Table<StaffConsultationItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '标题', dataIndex: 'title', render: (title: string, row) => <Link to={`/consultations/${row.id}`}>{title}</Link> },
          { title: '机关', dataIndex: 'agencyName' },
          { title: '征求意见期', render: (_, row) => `${row.opensOn} 至 ${row.closesOn}` },
          { title: '状态', dataIndex: 'state', render: (state: keyof typeof consultationStates) => consultationStates[state] },
          { title: '意见', render: (_, row) => <>{row.commentCount} 条{row.pendingCount > 0 && <Tag color="processing" style={{ marginLeft: 8 }}>待审核 {row.pendingCount}</Tag>}</> },
          { title: '意见采纳情况公开期限', render: (_, row) => <ReportDue dueOn={row.reportDueOn} publishedOn={row.reportPublishedOn} today={today} /> },
        ]}
      />
      {opening && (
        <ActionModal
          title="发布征求意见"
          open
          onClose={() => setOpening(false)}
          // 30 days by default: the usual minimum for a normative document's consultation.
          initialValues={{ opensOn: today, closesOn: dayjs(today).add(30, 'day').format('YYYY-MM-DD') }}
          submit={(values: Record<string, unknown>) => postJson<{ id: number }>('/api/staff/consultations', filledIn(values))}
          refresh={[['consultations']]}
          onDone={(result) => navigate(`/consultations/${(result as { id: number }).id}`)}
        >
          <DeclaredFields form={consultationForm} />
        </ActionModal>
      )}
    </>
  );
}

/** One consultation: the draft, every comment with its sender (for the consulting agency), moderation, adoption, the decision and the report. */
export function ConsultationPage() {
  const { id } = useParams();
  const file = useQuery({ queryKey: ['consultation', id], queryFn: () => getJson<ConsultationFile>(`/api/staff/consultations/${id}`) });
  const [action, setAction] = useState<ConsultationAction | null>(null);
  const [commentAction, setCommentAction] = useState<{ comment: CommentRow; action: CommentAction } | null>(null);
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { consultation: c, comments, counts, actions, abilities, state } = file.data;
  const today = todayInChina();
  const open = !c.report;
  const commentActions = (comment: CommentRow): CommentAction[] => [
    ...(open && abilities.moderate && comment.state === 'pending' ? (['publish', 'reject'] as const) : []),
    ...(open && abilities.handle && comment.state !== 'rejected' ? (['assess'] as const) : []),
  ];
  return (
    <>
      <PageHeading>{c.title}</PageHeading>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }}>
        <Descriptions.Item label="机关">{c.agencyName}</Descriptions.Item>
        <Descriptions.Item label="征求意见期">{c.opensOn} 至 {c.closesOn}</Descriptions.Item>
        <Descriptions.Item label="状态">{consultationStates[state]}</Descriptions.Item>
        <Descriptions.Item label="意见">{`共 ${counts.total} 条,已公开 ${counts.published} 条;采纳 ${counts.adopted},部分采纳 ${counts.partlyAdopted},未采纳 ${counts.notAdopted}`}</Descriptions.Item>
        {c.decisionDocumentId && <Descriptions.Item label="决策文件">{`${c.decisionDocumentTitle ?? c.decisionDocumentId}(${c.decisionIssuedOn} 印发)`}</Descriptions.Item>}
        <Descriptions.Item label="意见采纳情况公开期限"><ReportDue dueOn={c.reportDueOn} publishedOn={c.report?.publishedOn ?? null} today={today} /></Descriptions.Item>
      </Descriptions>
      {actions.length > 0 && (
        <Space wrap style={{ marginTop: 16 }}>
          {actions.map((a) => (
            <Button key={a} onClick={() => setAction(a)}>{consultationActionLabels[a]}</Button>
          ))}
        </Space>
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>收到的意见</Typography.Title>
      <Space style={{ marginBottom: 8 }}>
        <a href={`/api/staff/consultations/${c.id}/comments/export?format=xlsx`}>导出全部意见(Excel)</a>
        <a href={`/api/staff/consultations/${c.id}/comments/export?format=csv`}>导出全部意见(CSV)</a>
      </Space>
      <Table<CommentRow>
        rowKey="id"
        dataSource={comments}
        pagination={false}
        columns={[
          { title: '条款', dataIndex: 'article', render: (article: string | null) => article ?? '整体' },
          { title: '意见', dataIndex: 'body', render: (body: string) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{body}</Typography.Paragraph> },
          { title: '提出人', render: (_, row) => `${row.senderName}(${row.senderContact})` },
          { title: '审核', dataIndex: 'state', render: (value: keyof typeof commentStates) => commentStates[value] },
          { title: '采纳情况', render: (_, row) => (row.adoption ? `${adoptions[row.adoption]}${row.theme ? ` · ${row.theme}` : ''}${row.adoptionReason ? `:${row.adoptionReason}` : ''}` : '—') },
          // Grouping by theme: the report answers each commonly made suggestion once.
          {
            title: '归类',
            dataIndex: 'theme',
            filters: [...new Set(comments.map((comment) => comment.theme).filter((theme): theme is string => theme !== null))].map((theme) => ({ text: theme, value: theme })),
            onFilter: (value, row) => row.theme === value,
            sorter: (a, b) => (a.theme ?? '').localeCompare(b.theme ?? '', 'zh-CN'),
            render: (theme: string | null) => theme ?? '—',
          },
          {
            title: '操作',
            render: (_, row) => (
              <Space wrap>
                {commentActions(row).map((a) => (
                  <Button key={a} size="small" aria-label={`${commentActionLabels[a]}(意见 ${row.id})`} onClick={() => setCommentAction({ comment: row, action: a })}>{commentActionLabels[a]}</Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {action && (
        <ActionModal
          title={consultationActionLabels[action]}
          open
          onClose={() => setAction(null)}
          initialValues={{ report: { summary: `共收到意见 ${counts.total} 条。` }, revise: { draftText: c.draftText ?? '' }, decide: { issuedOn: today } }[action]}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/consultations/${c.id}/${action}`, filledIn(values))}
          refresh={[['consultation', id], ['consultations']]}
        >
          <DeclaredFields form={consultationActionForms[action]} />
        </ActionModal>
      )}
      {commentAction && (
        <ActionModal
          title={commentActionLabels[commentAction.action]}
          open
          onClose={() => setCommentAction(null)}
          initialValues={commentAction.action === 'publish' ? { body: commentAction.comment.body } : { adoption: commentAction.comment.adoption ?? undefined, theme: commentAction.comment.theme ?? undefined }}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/consultations/${c.id}/comments/${commentAction.comment.id}/${commentAction.action}`, filledIn(values))}
          refresh={[['consultation', id], ['consultations']]}
        >
          <DeclaredFields form={commentActionForms[commentAction.action]} />
        </ActionModal>
      )}
    </>
  );
}
