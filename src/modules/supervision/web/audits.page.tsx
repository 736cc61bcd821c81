import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space, Table, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postFile, postJson } from '../../../web/web.api.ts';
import { DueTag } from '../../../web/web.clock.tsx';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import type { AuditReportFile, AuditItemView } from '../rectification.service.ts';
import { auditItemActionForms, auditItemForm, auditReportForm, draftCommentForm, draftForm } from '../supervision.actions.ts';
import type { AuditReportItem } from '../supervision.queries.ts';
import { auditItemActionLabels, auditItemStates, auditKinds, type AuditItemAction } from '../supervision.types.ts';
import { EvidenceInput, EvidenceList, useAgencyOptions } from './web.parts.tsx';

/** Audit reports with their items' progress; the audit bureau registers new ones. */
export function AuditReportsPage() {
  const { session } = useSession();
  const [adding, setAdding] = useState(false);
  const list = useQuery({ queryKey: ['audit-reports'], queryFn: () => getJson<{ items: AuditReportItem[] }>('/api/staff/audit-reports') });
  const agencies = useAgencyOptions();
  return (
    <>
      <PageHeading extra={session.abilities?.['supervision.supervise'] && <Button onClick={() => setAdding(true)}>登记审计报告</Button>}>审计整改台账</PageHeading>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Table<AuditReportItem>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '审计报告', dataIndex: 'title', render: (title: string, row) => <Link to={`/audit-reports/${row.id}`}>{title}</Link> },
          { title: '文号', dataIndex: 'reportNumber', render: (n: string | null) => n ?? '—' },
          { title: '被审计单位', dataIndex: 'auditedAgencyName' },
          { title: '生效日期', dataIndex: 'effectiveOn' },
          { title: '已销号 / 事项', key: 'progress', render: (_, row) => `${row.closed} / ${row.items}` },
          { title: '逾期', dataIndex: 'overdue' },
          { title: '结果公开', dataIndex: 'published', render: (published: boolean) => (published ? '已公开' : '未公开') },
        ]}
      />
      {adding && (
        <ActionModal title="登记审计报告" open onClose={() => setAdding(false)} submit={(values: Record<string, unknown>) => postJson('/api/staff/audit-reports', filledIn(values))} refresh={[['audit-reports']]}>
          <DeclaredFields form={auditReportForm} references={{ agencies }} />
        </ActionModal>
      )}
    </>
  );
}

function ItemCard({ item, onAction }: { item: AuditItemView; onAction(action: AuditItemAction): void }) {
  return (
    <Card size="small" title={`第 ${item.seq} 项:${auditItemStates[item.state]}`} style={{ marginTop: 16 }}>
      <Descriptions size="small" column={1} styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="问题">{item.problem}</Descriptions.Item>
        <Descriptions.Item label="责任">{item.responsibility}</Descriptions.Item>
        <Descriptions.Item label="整改要求">{item.measure}</Descriptions.Item>
        <Descriptions.Item label="整改责任单位">{item.agencyName}</Descriptions.Item>
        <Descriptions.Item label="整改期限">{item.state === 'closed' ? `${item.closedOn} 已销号` : <DueTag dueOn={item.dueOn} today={todayInChina()} overdue={item.overdue} />}</Descriptions.Item>
        {item.result && <Descriptions.Item label="整改结果">{`${item.result}(证明材料:${item.evidence ?? '—'})`}</Descriptions.Item>}
        {item.evidenceFiles.length > 0 && (
          <Descriptions.Item label="证明材料文件">
            <EvidenceList files={item.evidenceFiles} href={(position) => `/api/staff/audit-items/${item.id}/evidence/${position}`} />
          </Descriptions.Item>
        )}
        {item.plan && <Descriptions.Item label="整改计划">{`${item.plan}(原因:${item.planReason};${item.planDueOn} 前完成)`}</Descriptions.Item>}
      </Descriptions>
      {item.actions.length > 0 && (
        <Space wrap style={{ marginTop: 8 }}>
          {item.actions.map((a) => (
            <Button key={a} onClick={() => onAction(a)} aria-label={`第 ${item.seq} 项:${auditItemActionLabels[a]}`}>{auditItemActionLabels[a]}</Button>
          ))}
        </Space>
      )}
      <Timeline style={{ marginTop: 16 }} items={item.events.map((event) => ({ content: `${event.onDate} ${event.note ?? event.action}` }))} />
    </Card>
  );
}

/** One audit report: its items (the problem, responsibility and rectification lists linked), each on its clock, with the actions the reader may take. */
export function AuditReportPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const file = useQuery({ queryKey: ['audit-report', id], queryFn: () => getJson<AuditReportFile>(`/api/staff/audit-reports/${id}`) });
  const agencies = useAgencyOptions();
  const [adding, setAdding] = useState(false);
  const [acting, setActing] = useState<{ item: AuditItemView; action: AuditItemAction } | null>(null);
  const [evidence, setEvidence] = useState<File[]>([]);
  const client = useQueryClient();
  const [publishError, setPublishError] = useState<string | null>(null);
  const [draft, setDraft] = useState<'draft' | 'comment' | null>(null);
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { report, items, abilities, deemedNoObjection } = file.data;
  const publish = async () => {
    try {
      await postJson(`/api/staff/audit-reports/${report.id}/publish`);
      message.success('整改结果已公开');
      await file.refetch();
    } catch (error) {
      setPublishError((error as Error).message);
    }
  };
  return (
    <>
      <PageHeading>{report.title}</PageHeading>
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 160 } }}>
        {report.reportNumber && <Descriptions.Item label="文号">{report.reportNumber}</Descriptions.Item>}
        <Descriptions.Item label="被审计单位">{report.auditedAgencyName}</Descriptions.Item>
        <Descriptions.Item label="审计类别">{auditKinds[report.kind]}</Descriptions.Item>
        <Descriptions.Item label="生效日期">{report.effectiveOn}</Descriptions.Item>
        {report.noticeServedOn && <Descriptions.Item label="审计通知书">{`${report.noticeServedOn} 送达,${report.auditStartsOn} 实施审计`}</Descriptions.Item>}
        {report.draftSentOn && (
          <Descriptions.Item label="征求意见稿">
            {report.draftComment
              ? `${report.draftSentOn} 送达;${report.draftCommentedOn} 提出书面意见:${report.draftComment}`
              : deemedNoObjection
                ? `${report.draftSentOn} 送达;${report.draftDueOn} 前未提出书面意见,视同无异议`
                : <>{`${report.draftSentOn} 送达;书面意见期限 `}<DueTag dueOn={report.draftDueOn} today={todayInChina()} /></>}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="整改结果公开">{report.publishedAt ? '已公开' : '未公开'}</Descriptions.Item>
      </Descriptions>
      {publishError && <Alert type="error" role="alert" title={publishError} style={{ marginTop: 16 }} />}
      {abilities.supervise && (
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => setAdding(true)}>添加整改事项</Button>
          {!report.publishedAt && <Button onClick={publish}>公开整改结果</Button>}
          {report.kind === 'investment' && !report.draftSentOn && <Button onClick={() => setDraft('draft')}>送达征求意见稿</Button>}
        </Space>
      )}
      {abilities.comment && !deemedNoObjection && (
        <Space style={{ marginTop: 16 }}>
          <Button onClick={() => setDraft('comment')}>对征求意见稿提出书面意见</Button>
        </Space>
      )}
      {draft && (
        <ActionModal
          title={draft === 'draft' ? '送达征求意见稿' : '对征求意见稿提出书面意见'}
          open
          onClose={() => setDraft(null)}
          initialValues={{ on: todayInChina() }}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/audit-reports/${report.id}/${draft === 'draft' ? 'draft' : 'comment'}`, filledIn(values))}
          refresh={[['audit-report', id]]}
        >
          <DeclaredFields form={draft === 'draft' ? draftForm : draftCommentForm} />
        </ActionModal>
      )}
      {items.map((item) => (
        <ItemCard key={item.id} item={item} onAction={(action) => setActing({ item, action })} />
      ))}
      {adding && (
        <ActionModal title="添加整改事项" open onClose={() => setAdding(false)} submit={(values: Record<string, unknown>) => postJson(`/api/staff/audit-reports/${report.id}/items`, filledIn(values))} refresh={[['audit-report', id]]}>
          <DeclaredFields form={auditItemForm} references={{ agencies }} />
        </ActionModal>
      )}
      {acting && (
        <ActionModal
          title={`第 ${acting.item.seq} 项:${auditItemActionLabels[acting.action]}`}
          open
          onClose={() => { setActing(null); setEvidence([]); }}
          initialValues={{ on: todayInChina() }}
          submit={async (values: Record<string, unknown>) => {
            // The files first: a refused file (type, size) leaves the results unreported, to be corrected.
            for (const chosen of acting.action === 'report_result' ? evidence : []) await postFile(`/api/staff/audit-items/${acting.item.id}/evidence`, chosen);
            setEvidence([]);
            await client.invalidateQueries({ queryKey: ['audit-report', id] });
            return postJson(`/api/staff/audit-items/${acting.item.id}/${acting.action}`, filledIn(values));
          }}
          refresh={[['audit-report', id], ['audit-reports']]}
        >
          <DeclaredFields form={auditItemActionForms[acting.action]} />
          {acting.action === 'report_result' && <EvidenceInput id="item-evidence" onChange={setEvidence} />}
        </ActionModal>
      )}
    </>
  );
}
