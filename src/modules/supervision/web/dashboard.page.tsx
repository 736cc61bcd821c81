import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { getJson } from '../../../web/web.api.ts';
import { PageHeading } from '../../../web/web.layout.tsx';
import type { AgencyFigures, Dashboard } from '../supervision.queries.ts';

/** The supervisor's view across agencies: tasks by state and colour, audit items, and each agency's row. */
export function SupervisionDashboardPage() {
  const board = useQuery({ queryKey: ['supervision-dashboard'], queryFn: () => getJson<Dashboard>('/api/staff/supervision/dashboard') });
  const data = board.data;
  const figures: [string, number][] = [
    ['办理中', data?.tasksByState.in_progress ?? 0],
    ['待验收', data?.tasksByState.awaiting_acceptance ?? 0],
    ['临期', data?.tasksBySignal.due_soon ?? 0],
    ['逾期', data?.tasksBySignal.overdue ?? 0],
    ['按期完成', data?.tasksByState.completed ?? 0],
    ['逾期完成', data?.tasksByState.completed_late ?? 0],
    ['审计整改未销号', (data?.itemsByState.open ?? 0) + (data?.itemsByState.planned ?? 0) + (data?.itemsByState.reported ?? 0)],
    ['审计整改逾期', data?.itemsOverdue ?? 0],
  ];
  return (
    <>
      <PageHeading>督查总览</PageHeading>
      {board.error && <Alert type="error" role="alert" title={board.error.message} />}
      <Row gutter={[16, 16]}>
        {figures.map(([title, value]) => (
          <Col key={title} xs={12} md={6} lg={3}>
            <Card size="small" loading={board.isPending}>
              <Statistic title={title} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>各机关情况</Typography.Title>
      <Table<AgencyFigures>
        rowKey="agencyId"
        size="small"
        loading={board.isPending}
        dataSource={data?.agencies ?? []}
        pagination={false}
        columns={[
          { title: '机关', dataIndex: 'agencyName' },
          { title: '任务在办', dataIndex: 'tasksOpen' },
          { title: '临期', dataIndex: 'tasksDueSoon' },
          { title: '逾期', dataIndex: 'tasksOverdue' },
          { title: '按期完成', dataIndex: 'tasksCompleted' },
          { title: '逾期完成', dataIndex: 'tasksCompletedLate' },
          { title: '整改未销号', dataIndex: 'itemsOpen' },
          { title: '整改逾期', dataIndex: 'itemsOverdue' },
          { title: '已销号', dataIndex: 'itemsClosed' },
        ]}
      />
    </>
  );
}
