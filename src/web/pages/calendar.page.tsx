import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CalendarYear, LoadedYear } from '../../core/calendar/index.ts';
import { getJson, postJson } from '../web.api.ts';
import { PageHeading } from '../web.layout.tsx';

const example = '2027-01-01 休 元旦\n2027-02-06~2027-02-12 休 春节\n2027-02-14 班 春节';

/** One loaded year, day by day: the holidays and the make-up working days (调休上班). */
function YearDays({ year }: { year: number }) {
  const days = useQuery({ queryKey: ['calendar', year], queryFn: () => getJson<CalendarYear>(`/api/staff/calendar/${year}`) });
  return (
    <Card title={`${year} 年的安排`} loading={days.isPending} style={{ marginTop: 16 }}>
      {days.error && <Alert type="error" role="alert" title={days.error.message} />}
      {days.data && (
        <>
          <Typography.Paragraph>来源:{days.data.source}</Typography.Paragraph>
          <Table
            rowKey="date"
            size="small"
            pagination={false}
            dataSource={days.data.days}
            columns={[
              { title: '日期', dataIndex: 'date' },
              { title: '安排', dataIndex: 'kind', render: (kind: string) => (kind === 'holiday' ? <Tag color="red">休息</Tag> : <Tag color="blue">调休上班</Tag>) },
              { title: '节日', dataIndex: 'name' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** The official holiday calendar deadlines are counted in, for system administrators: view a year, load or correct one. */
export function CalendarPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ source: string; days: string }>();
  const years = useQuery({ queryKey: ['calendar'], queryFn: () => getJson<{ items: LoadedYear[] }>('/api/staff/calendar') });
  const [shown, setShown] = useState<number | null>(null);
  const load = useMutation({
    mutationFn: (values: { source: string; days: string }) => postJson<{ year: number; clocksRefreshed: number }>('/api/staff/calendar', values),
    onSuccess: async (result) => {
      await client.invalidateQueries({ queryKey: ['calendar'] });
      form.resetFields();
      setShown(result.year);
      message.success(`已载入 ${result.year} 年的节假日安排,并重新计算了 ${result.clocksRefreshed} 个期限`);
    },
  });
  return (
    <>
      <PageHeading>节假日安排</PageHeading>
      <Typography.Paragraph>期限按国务院办公厅每年公布的节假日安排计算。尚未载入的年份只按周末估算,并在期限旁注明“估算”。</Typography.Paragraph>
      <Card title="已载入的年份" loading={years.isPending}>
        {years.error && <Alert type="error" role="alert" title={years.error.message} />}
        <Table
          rowKey="year"
          size="small"
          pagination={false}
          dataSource={[...(years.data?.items ?? [])].reverse()}
          columns={[
            { title: '年份', dataIndex: 'year' },
            { title: '休息日', dataIndex: 'holidays' },
            { title: '调休上班', dataIndex: 'workdays' },
            { title: '来源', dataIndex: 'source' },
            { title: '载入', key: 'loaded', render: (_, y: LoadedYear) => `${y.loadedBy} ${y.loadedAt}` },
            {
              title: '操作',
              key: 'show',
              render: (_, y: LoadedYear) => (
                <Button size="small" onClick={() => setShown(y.year)} aria-label={`查看 ${y.year} 年的安排`} aria-pressed={shown === y.year}>
                  查看
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {shown !== null && <YearDays year={shown} />}
      <Card title="载入或更正一年" style={{ marginTop: 16 }}>
        <Typography.Paragraph>载入已有的年份即为更正:该年的安排整体替换,并记入审计日志。</Typography.Paragraph>
        {load.error && <Alert type="error" role="alert" showIcon title={load.error.message} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={(values) => load.mutate(values)}>
          <Form.Item label="来源(通知名称和文号)" name="source" rules={[{ required: true, message: '请注明来源' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="安排(每行一天或一段:日期 休|班 名称)" name="days" rules={[{ required: true, message: '请填写安排' }]} extra="也可粘贴 chinese-days 的年度 JSON 文件。">
            <Input.TextArea rows={10} maxLength={20_000} placeholder={example} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={load.isPending}>
            载入
          </Button>
        </Form>
      </Card>
    </>
  );
}
