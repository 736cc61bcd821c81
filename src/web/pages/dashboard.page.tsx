import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { AgencyDeadlines, DeadlineItem, Deadlines } from '../../modules/disclosure/index.ts';
import { requestStates } from '../../modules/disclosure/disclosure.types.ts';
import type { PublicationView, Queues } from '../../modules/publication/index.ts';
import { getJson } from '../web.api.ts';
import { DueTag } from '../web.clock.tsx';
import { PageHeading } from '../web.layout.tsx';
import { useSession } from '../web.session.tsx';
import { StatCards } from '../web.stat-cards.tsx';
import { DueWorkSection } from './reminders.page.tsx';

type Board = Deadlines & { agencies: AgencyDeadlines[] | null };

/** My agency's deadlines (a supervisor's: every agency's): requests to answer and documents to publish. */
export function DashboardPage() {
  const { session } = useSession();
  const board = useQuery({ queryKey: ['deadlines'], queryFn: () => getJson<Board>('/api/staff/deadlines'), enabled: session.user.role !== 'system_admin' });
  const queues = useQuery({ queryKey: ['publications', 'queues'], queryFn: () => getJson<Queues<PublicationView>>('/api/staff/publications/queues'), enabled: session.user.role !== 'system_admin' });
  if (session.user.role === 'system_admin') {
    return (
      <>
        <PageHeading>工作台</PageHeading>
        <Typography.Paragraph>系统管理员不办理案件。请在左侧管理机关名录、账号,查阅审计日志;节假日安排与期限规则见 <Link to="/calendar">节假日安排</Link>、<Link to="/rules">法定期限</Link>。</Typography.Paragraph>
      </>
    );
  }
  const data = board.data;
  const counts = data?.counts;
  const q = queues.data;
  return (
    <>
      <PageHeading>{session.user.agencyName ? `${session.user.agencyName}工作台` : '工作台(全部机关)'}</PageHeading>
      {(board.error ?? queues.error) && <Alert type="error" role="alert" title={(board.error ?? queues.error)!.message} />}
      <Typography.Title level={2} style={{ fontSize: 18 }}>依申请公开</Typography.Title>
      <StatCards
        loading={board.isPending}
        span={{ md: 8, lg: 4 }}
        cards={[
          { title: '在办', value: counts?.open },
          { title: '已逾期', value: counts?.overdue },
          { title: '3 个工作日内到期', value: counts?.dueSoon },
          { title: '暂停计时', value: counts?.paused },
          { title: '超过 2 个工作日才录入', value: counts?.registeredLate },
        ]}
      />
      <Table<DeadlineItem>
        style={{ marginTop: 16 }}
        rowKey="id"
        size="small"
        loading={board.isPending}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '申请编号', dataIndex: 'trackingCode', render: (code: string, item) => <Link to={`/requests/${item.id}`}>{code}</Link> },
          ...(session.user.agencyId === null ? [{ title: '受理机关', dataIndex: 'agencyName' }] : []),
          { title: '状态', dataIndex: 'state', render: (state: DeadlineItem['state']) => requestStates[state] },
          { title: '收到日期', dataIndex: 'receivedOn' },
          { title: '答复期限', key: 'due', render: (_, item) => <DueTag dueOn={item.dueOn} today={data!.today} soon={data!.soon} paused={item.clockStatus === 'paused'} estimated={item.estimated} /> },
        ]}
      />
      {data?.agencies && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18 }}>各机关情况</Typography.Title>
          <Table<AgencyDeadlines>
            rowKey="agencyId"
            size="small"
            dataSource={data.agencies}
            pagination={false}
            columns={[
              { title: '机关', dataIndex: 'agencyName' },
              { title: '在办', dataIndex: 'open' },
              { title: '已逾期', dataIndex: 'overdue' },
              { title: '3 个工作日内到期', dataIndex: 'dueSoon' },
            ]}
          />
        </>
      )}
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>主动公开</Typography.Title>
      <StatCards
        loading={queues.isPending}
        span={{ md: 6 }}
        cards={[
          { title: '逾期未公开', value: q?.publishOverdue.length },
          { title: '未公开的规范性文件', value: q?.notUsableAsBasis.length },
          { title: '年度自查', value: q?.januarySelfCheck.length },
          { title: '待定期复核', value: q?.periodicReview.length },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 8 }}>
        <Link to="/publications">处理主动公开事项</Link>
      </Typography.Paragraph>
      <DueWorkSection everyAgency={session.user.agencyId === null} />
    </>
  );
}
