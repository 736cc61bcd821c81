import { useQuery } from '@tanstack/react-query';
import { Alert, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { getJson } from '../../../web/web.api.ts';
import { PageHeading } from '../../../web/web.layout.tsx';
import type { AgencyEfficiency, MonitorItem } from '../assistance.queries.ts';
import type { Monitor } from '../assistance.service.ts';
import { assistanceForms, requestStates, type RequestState } from '../assistance.types.ts';
import { useAgencyOptions } from './shared.tsx';

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)}%`);
const warnings = { overdue: <Tag color="error">已逾期</Tag>, due_soon: <Tag color="warning">临期预警</Tag>, normal: <Tag color="success">正常</Tag> } as const;

/** Art. 24 for the staffing office and supervisors: every open request with its clock, early warnings, efficiency and satisfaction by agency. */
export function MonitorPage() {
  const [agency, setAgency] = useState<string | undefined>();
  const agencies = useAgencyOptions();
  const monitor = useQuery({ queryKey: ['assistance-monitor', agency], queryFn: () => getJson<Monitor>(`/api/staff/assistance/monitor${agency ? `?agency=${agency}` : ''}`) });
  const efficiency = useQuery({ queryKey: ['assistance-efficiency'], queryFn: () => getJson<{ from: string; to: string; items: AgencyEfficiency[] }>('/api/staff/assistance/efficiency') });
  const counts = monitor.data?.counts;
  return (
    <>
      <PageHeading>行政协助监控</PageHeading>
      {monitor.error && <Alert type="error" role="alert" title={monitor.error.message} />}
      <Space size="large" style={{ marginBottom: 16 }} wrap>
        <Space>
          <label htmlFor="assistance-agency">机关</label>
          <Select id="assistance-agency" allowClear showSearch optionFilterProp="label" placeholder="全部机关" style={{ width: 280 }} value={agency} onChange={setAgency} options={agencies} />
        </Space>
        <Statistic title="办理中" value={counts?.open ?? 0} />
        <Statistic title={`临期(${monitor.data?.warnUntil ?? ''} 前到期)`} value={counts?.dueSoon ?? 0} />
        <Statistic title="已逾期" value={counts?.overdue ?? 0} />
      </Space>
      <Table<MonitorItem>
        rowKey="id"
        loading={monitor.isLoading}
        dataSource={monitor.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: '编号', dataIndex: 'code', render: (code: string, row) => <Link to={`/assistance/requests/${row.id}`}>{code}</Link> },
          { title: '请求事项', dataIndex: 'subject' },
          { title: '协助形式', dataIndex: 'form', render: (form: keyof typeof assistanceForms) => assistanceForms[form] },
          { title: '请求机关', dataIndex: 'requestingAgencyName' },
          { title: '被请求机关', dataIndex: 'requestedAgencyName' },
          { title: '状态', dataIndex: 'state', render: (state: RequestState) => requestStates[state] },
          { title: '协助期限', dataIndex: 'dueOn', render: (dueOn: string | null) => dueOn ?? '—' },
          { title: '预警', dataIndex: 'warning', render: (warning: MonitorItem['warning']) => (warning ? warnings[warning] : '—') },
          {
            title: '提示',
            key: 'flags',
            render: (_: unknown, row: MonitorItem) => (
              <>
                {row.unregistered && <Tag>未列入目录</Tag>}
                {row.formalitiesPending && <Tag>书面手续待补办</Tag>}
              </>
            ),
          },
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {`效能评估与满意度(${efficiency.data?.from ?? ''} 至今提出的请求,按被请求机关)`}
      </Typography.Title>
      {efficiency.error && <Alert type="error" role="alert" title={efficiency.error.message} />}
      <Table<AgencyEfficiency>
        rowKey="agencyId"
        loading={efficiency.isLoading}
        dataSource={efficiency.data?.items ?? []}
        pagination={false}
        columns={[
          { title: '被请求机关', dataIndex: 'agencyName' },
          { title: '收到请求', dataIndex: 'received' },
          { title: '受理率', key: 'acceptance', render: (_: unknown, row: AgencyEfficiency) => percent(row.accepted, row.received) },
          { title: '不予协助', dataIndex: 'refused' },
          { title: '按期完成率', key: 'onTime', render: (_: unknown, row: AgencyEfficiency) => percent(row.completedOnTime, row.completed) },
          { title: '逾期未办', dataIndex: 'overdue' },
          { title: '受理用时中位数(天)', dataIndex: 'medianDaysToAccept', render: (days: number | null) => days ?? '—' },
          { title: '办理用时中位数(天)', dataIndex: 'medianDaysToComplete', render: (days: number | null) => days ?? '—' },
          { title: '满意 / 基本满意 / 不满意', key: 'rating', render: (_: unknown, row: AgencyEfficiency) => `${row.satisfied} / ${row.fairlySatisfied} / ${row.dissatisfied}` },
        ]}
      />
    </>
  );
}
