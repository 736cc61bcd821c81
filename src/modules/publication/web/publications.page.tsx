import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson } from '../../../web/web.api.ts';
import { DueTag } from '../../../web/web.clock.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import type { Queues } from '../publication.rules.ts';
import type { PublicationView } from '../publication.service.ts';
import { attributes, publicationStates, type Publication } from '../publication.types.ts';
import { CorrectionModal, DraftDrawer, InvalidModal, ReviewModal, SubmitButton } from './publication.forms.tsx';

const stateColours: Record<Publication['state'], string> = { draft: 'processing', returned: 'warning', published: 'success', filed: 'default' };

type Dialog = { kind: 'draft'; publication: PublicationView | null } | { kind: 'correct' | 'invalid' | 'review'; publication: PublicationView };

/**
 * Proactive disclosure (主动公开): drafts with their disclosure attribute and
 * interpretation, submission (退文 or publication), corrections, repeal marks,
 * and the queues of what is due.
 */
export function PublicationsPage() {
  const { session } = useSession();
  const { message } = App.useApp();
  // The policy's answer for the signed-in user (GET /api/staff/me): only the agency's staff draft and act.
  const acting = session.abilities?.['publication.draft'] === true;
  const list = useQuery({ queryKey: ['publications', 'list'], queryFn: () => getJson<{ items: PublicationView[] }>('/api/staff/publications') });
  const queues = useQuery({ queryKey: ['publications', 'queues'], queryFn: () => getJson<Queues<PublicationView>>('/api/staff/publications/queues') });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const today = todayInChina();
  const close = () => setDialog(null);

  const table = (items: PublicationView[] | undefined, loading: boolean) => (
    <Table<PublicationView>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={items ?? []}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      expandable={{
        rowExpandable: (p) => p.returnedReasons.length > 0 || p.reviewNote !== null,
        expandedRowRender: (p) => (
          <>
            {p.state === 'returned' && <Alert type="warning" showIcon title="退文理由" description={<ul>{p.returnedReasons.map((reason) => <li key={reason}>{reason}</li>)}</ul>} />}
            {p.reviewNote && <Typography.Paragraph>最近复核({p.reviewedOn}):{p.reviewNote}</Typography.Paragraph>}
          </>
        ),
      }}
      columns={[
        {
          title: '标题',
          dataIndex: 'title',
          render: (title: string, p) => (
            <>
              {p.documentIds[0] ? <a href={`/documents/${p.documentIds[0]}`} target="_blank" rel="noreferrer">{title}</a> : title}
              {p.docNumber && <div>{p.docNumber}</div>}
              {p.normative && p.state !== 'published' && <Tag color="error">不得作为行政管理依据</Tag>}
            </>
          ),
        },
        { title: '成文日期', dataIndex: 'signedOn', width: 110 },
        { title: '公开属性', dataIndex: 'attribute', width: 110, render: (attribute: Publication['attribute']) => (attribute ? attributes[attribute] : <Tag color="warning">未认定</Tag>) },
        {
          title: '状态',
          dataIndex: 'state',
          width: 150,
          render: (state: Publication['state'], p) => (
            <Space size={4} wrap>
              <Tag color={stateColours[state]}>{publicationStates[state]}</Tag>
              {p.version > 1 && <Tag>第 {p.version} 版</Tag>}
              {p.invalidKind && <Tag color="default">{p.invalidKind === 'repealed' ? '已废止' : '已失效'}({p.invalidOn})</Tag>}
            </Space>
          ),
        },
        {
          title: '公开期限',
          key: 'clock',
          width: 170,
          render: (_, p) => (p.clock && p.clock.status !== 'stopped' ? <DueTag dueOn={p.clock.due} today={today} estimated={p.clock.estimated} overdue={p.clock.overdue} /> : p.clock?.stoppedOn ? `${p.clock.stoppedOn} 办结` : ''),
        },
        {
          title: '操作',
          key: 'actions',
          width: 220,
          render: (_, p) =>
            acting && (
              <Space size={4} wrap>
                {(p.state === 'draft' || p.state === 'returned') && (
                  <>
                    <Button size="small" onClick={() => setDialog({ kind: 'draft', publication: p })} aria-label={`修改《${p.title}》`}>修改</Button>
                    <SubmitButton publication={p} />
                  </>
                )}
                {p.state === 'published' && <Button size="small" onClick={() => setDialog({ kind: 'correct', publication: p })}>发布更正</Button>}
                {p.state === 'published' && !p.invalidKind && <Button size="small" onClick={() => setDialog({ kind: 'invalid', publication: p })} aria-label={`标注废止或失效:《${p.title}》`}>标注废止或失效</Button>}
                {p.state === 'filed' && <Button size="small" onClick={() => setDialog({ kind: 'review', publication: p })}>复核</Button>}
              </Space>
            ),
        },
      ]}
    />
  );

  const q = queues.data;
  const count = (items: unknown[] | undefined) => (items ? `(${items.length})` : '');
  return (
    <>
      <PageHeading extra={acting && <Button type="primary" onClick={() => setDialog({ kind: 'draft', publication: null })}>新建文件</Button>}>主动公开</PageHeading>
      {!acting && <Alert type="info" title="监督人员可查看各机关的文件与期限,不能代为办理。" style={{ marginBottom: 16 }} />}
      {(list.error ?? queues.error) && <Alert type="error" role="alert" title={(list.error ?? queues.error)!.message} />}
      <Tabs
        items={[
          { key: 'all', label: `全部文件${count(list.data?.items)}`, children: table(list.data?.items, list.isPending) },
          { key: 'overdue', label: `逾期未公开${count(q?.publishOverdue)}`, children: table(q?.publishOverdue, queues.isPending) },
          { key: 'basis', label: `未公开的规范性文件${count(q?.notUsableAsBasis)}`, children: <><Alert type="warning" title="未经公布的规范性文件,不得作为实施行政管理的依据。" style={{ marginBottom: 8 }} />{table(q?.notUsableAsBasis, queues.isPending)}</> },
          { key: 'self-check', label: `年度自查${count(q?.januarySelfCheck)}`, children: <><Typography.Paragraph>每年一月,对上一年度未公开的文件逐件自查,确认是否应当公开。</Typography.Paragraph>{table(q?.januarySelfCheck, queues.isPending)}</> },
          { key: 'review', label: `定期复核${count(q?.periodicReview)}`, children: <><Typography.Paragraph>确定为不予公开的文件,每年至少复核一次。</Typography.Paragraph>{table(q?.periodicReview, queues.isPending)}</> },
        ]}
      />
      <DraftDrawer open={dialog?.kind === 'draft'} publication={dialog?.kind === 'draft' ? dialog.publication : null} onClose={close} />
      {dialog && dialog.kind !== 'draft' && (
        <>
          <CorrectionModal open={dialog.kind === 'correct'} publication={dialog.publication} onClose={close} onDone={(version) => message.success(`已发布第 ${version} 版`)} />
          <InvalidModal open={dialog.kind === 'invalid'} publication={dialog.publication} onClose={close} />
          <ReviewModal open={dialog.kind === 'review'} publication={dialog.publication} onClose={close} />
        </>
      )}
    </>
  );
}
