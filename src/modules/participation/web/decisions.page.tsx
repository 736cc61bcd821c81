import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postJson } from '../../../web/web.api.ts';
import { DueTag } from '../../../web/web.clock.tsx';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { ActionModal, filledIn } from '../../../web/web.forms.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import { catalogueActionForms, catalogueForm, meetingForm } from '../decision.actions.ts';
import type { StaffCatalogueFile } from '../decision.service.ts';
import { catalogueActionLabels, type CatalogueAction, type DecisionCatalogue, type DecisionItem, type MeetingRow, type MeetingTally } from '../decision.types.ts';

/** The agency's catalogues of major decisions, each due by 31 March; and the year's meetings with stakeholders against the duty of 3. */
export function DecisionsPage() {
  const list = useQuery({ queryKey: ['decisions'], queryFn: () => getJson<{ items: DecisionCatalogue[] }>('/api/staff/decisions') });
  const meetings = useQuery({ queryKey: ['meetings'], queryFn: () => getJson<{ year: number; tallies: MeetingTally[]; meetings: MeetingRow[] }>('/api/staff/meetings') });
  const { session } = useSession();
  const [form, setForm] = useState<'catalogue' | 'meeting' | null>(null);
  const navigate = useNavigate();
  const today = todayInChina();
  const canHandle = session.abilities?.['participation.handle'];
  return (
    <>
      <PageHeading extra={canHandle ? <Space><Button type="primary" onClick={() => setForm('catalogue')}>建立年度目录</Button><Button onClick={() => setForm('meeting')}>登记列席会议</Button></Space> : undefined}>重大行政决策事项目录</PageHeading>
      {list.error && <Alert type="error" role="alert" title={list.error.message} />}
      <Table<DecisionCatalogue>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '目录', render: (_, row) => <Link to={`/decisions/${row.id}`}>{`${row.agencyName} ${row.year} 年度`}</Link> },
          { title: '版本', dataIndex: 'version', render: (version: number) => (version > 0 ? `第 ${version} 版` : '未公布') },
          { title: '公布期限(3 月 31 日前)', render: (_, row) => (row.publishedOn ? <Tag color={row.publishedOn > row.dueOn ? 'warning' : 'success'}>{row.publishedOn} 已公布{row.publishedOn > row.dueOn ? '(逾期)' : ''}</Tag> : <DueTag dueOn={row.dueOn} today={today} />) },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>{`利益相关方、公众代表列席政府会议(${meetings.data?.year ?? ''} 年,每年不少于 3 次)`}</Typography.Title>
      <Table<MeetingTally>
        rowKey="agencyId"
        dataSource={meetings.data?.tallies ?? []}
        pagination={false}
        columns={[
          { title: '机关', dataIndex: 'agencyName' },
          { title: '已列席次数', dataIndex: 'count' },
          { title: '差额', dataIndex: 'shortfall', render: (shortfall: number) => (shortfall > 0 ? <Tag color="error">{`还差 ${shortfall} 次`}</Tag> : <Tag color="success">已达到</Tag>) },
        ]}
      />
      <Table<MeetingRow>
        rowKey="id"
        style={{ marginTop: 16 }}
        dataSource={meetings.data?.meetings ?? []}
        pagination={false}
        columns={[
          { title: '会议日期', dataIndex: 'heldOn' },
          { title: '会议', dataIndex: 'title' },
          { title: '列席人员', dataIndex: 'attendees' },
          { title: '机关', dataIndex: 'agencyName' },
        ]}
      />
      {form === 'catalogue' && (
        <ActionModal title="建立年度目录" open onClose={() => setForm(null)} initialValues={{ year: Number(today.slice(0, 4)) }}
          submit={(values: Record<string, unknown>) => postJson<{ id: number }>('/api/staff/decisions', filledIn(values))} refresh={[['decisions']]}
          onDone={(result) => navigate(`/decisions/${(result as { id: number }).id}`)}>
          <DeclaredFields form={catalogueForm} />
        </ActionModal>
      )}
      {form === 'meeting' && (
        <ActionModal title="登记列席会议" open onClose={() => setForm(null)} initialValues={{ heldOn: today }}
          submit={(values: Record<string, unknown>) => postJson('/api/staff/meetings', filledIn(values))} refresh={[['meetings']]}>
          <DeclaredFields form={meetingForm} />
        </ActionModal>
      )}
    </>
  );
}

/** One catalogue: its items, the actions, and the changes published after it. */
export function DecisionPage() {
  const { id } = useParams();
  const file = useQuery({ queryKey: ['decision', id], queryFn: () => getJson<StaffCatalogueFile>(`/api/staff/decisions/${id}`) });
  const [action, setAction] = useState<{ action: CatalogueAction; item?: DecisionItem } | null>(null);
  if (file.error) return <Alert type="error" role="alert" title={file.error.message} />;
  if (!file.data) return null;
  const { catalogue, items, changes, actions, overdue } = file.data;
  const today = todayInChina();
  const itemActions = actions.filter((a): a is 'revise_item' | 'withdraw_item' => a === 'revise_item' || a === 'withdraw_item');
  const initialValues = (a: CatalogueAction, item?: DecisionItem) =>
    item
      ? Object.fromEntries(Object.entries({ itemId: item.id, ...(a === 'revise_item' ? { title: item.title, decidingBody: item.decidingBody, plannedOn: item.plannedOn, draft: item.draft, background: item.background, opinionMethod: item.opinionMethod, consultationId: item.consultationId, hearingOn: item.hearing?.on ?? null, hearingNoticeOn: item.hearing?.noticeOn ?? null, hearingParticipants: item.hearing?.participants ?? null, meeting: item.meeting, resultDocumentId: item.resultDocumentId } : {}) }).filter(([, v]) => v !== null))
      : {};
  return (
    <>
      <PageHeading>{`${catalogue.agencyName} ${catalogue.year} 年度重大行政决策事项目录`}</PageHeading>
      {overdue && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={`应于 ${catalogue.dueOn} 前公布,已逾期`} />}
      <Descriptions bordered size="small" column={1} styles={{ label: { width: 180 } }}>
        <Descriptions.Item label="公布期限">{catalogue.publishedOn ? `${catalogue.publishedOn} 已公布(第 ${catalogue.version} 版)` : <DueTag dueOn={catalogue.dueOn} today={today} />}</Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginTop: 16 }}>
        {actions.filter((a) => a === 'add_item' || a === 'publish').map((a) => (
          <Button key={a} type={a === 'publish' ? 'primary' : 'default'} onClick={() => setAction({ action: a })}>{catalogueActionLabels[a]}</Button>
        ))}
      </Space>
      <Table<DecisionItem>
        rowKey="id"
        style={{ marginTop: 16 }}
        dataSource={items}
        pagination={false}
        columns={[
          { title: '编号', dataIndex: 'id' },
          { title: '事项', dataIndex: 'title', render: (title: string, row) => (row.withdrawn ? <><s>{title}</s> <Tag>已撤回</Tag></> : title) },
          { title: '决策机关', dataIndex: 'decidingBody' },
          { title: '征求意见', render: (_, row) => <>{row.opinionMethod}{row.consultationTitle && <><br /><Link to={`/consultations/${row.consultationId}`}>{row.consultationTitle}</Link></>}</> },
          { title: '审议会议', dataIndex: 'meeting', render: (meeting: string | null) => meeting ?? '—' },
          { title: '决策结果', dataIndex: 'resultDocumentTitle', render: (title: string | null) => title ?? '—' },
          {
            title: '操作',
            render: (_, row) => (row.withdrawn ? null : (
              <Space wrap>
                {itemActions.map((a) => (
                  <Button key={a} size="small" aria-label={`${catalogueActionLabels[a]}(${row.title})`} onClick={() => setAction({ action: a, item: row })}>{catalogueActionLabels[a]}</Button>
                ))}
              </Space>
            )),
          },
        ]}
      />
      {changes.length > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>目录调整(已向社会公布)</Typography.Title>
          <Timeline items={changes.map((c) => ({ content: `${c.changedOn} 第 ${c.version} 版:${c.change}。理由:${c.reason}` }))} />
        </>
      )}
      {action && (
        <ActionModal
          title={catalogueActionLabels[action.action]}
          open
          onClose={() => setAction(null)}
          initialValues={initialValues(action.action, action.item)}
          submit={(values: Record<string, unknown>) => postJson(`/api/staff/decisions/${catalogue.id}/${action.action}`, filledIn({ ...values, ...(action.item ? { itemId: action.item.id } : {}) }))}
          refresh={[['decision', id], ['decisions']]}
        >
          <DeclaredFields form={catalogueActionForms[action.action]} only={Object.keys(catalogueActionForms[action.action]).filter((name) => name !== 'itemId' && (catalogue.publishedOn !== null || name !== 'reason' || action.action === 'withdraw_item'))} />
        </ActionModal>
      )}
    </>
  );
}
