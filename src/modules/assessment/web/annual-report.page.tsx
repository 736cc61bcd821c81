import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Collapse, Descriptions, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postJson, putJson } from '../../../web/web.api.ts';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import { reportTextForm } from '../report.actions.ts';
import { enteredForm } from '../report.formats.ts';
import { reportTextSections, type AnnualReportView, type ReportTable, type ReportTextSection } from '../report.types.ts';
import { ReportCharts } from './report.charts.tsx';
import { ReportDrillModal, type Drill } from './report.drill.tsx';

type ReportScreen = AnnualReportView & { dueOn: string; abilities: Record<string, boolean> };

/** One table of the report as printed, with its first column as row headers; a counted figure opens the documents behind it. */
function ReportTableView({ table, id, onDrill }: { table: ReportTable; id: string; onDrill?: (drill: Drill) => void }) {
  const columns = [
    { title: table.caption, dataIndex: 'label', key: 'label', fixed: 'left' as const, width: 320, onCell: () => ({ style: { whiteSpace: 'normal' as const } }) },
    ...table.columns.map((title, i) => ({
      title,
      key: String(i),
      dataIndex: ['cells', i],
      align: 'right' as const,
      render: (cell: number | null, row: ReportTable['rows'][number]) => {
        if (cell === null) return <Tag>待填</Tag>;
        const measure = row.drill?.measures[i];
        if (!onDrill || !row.drill || !measure || cell === 0) return cell;
        return (
          <Button type="link" size="small" aria-label={`${row.label}${title}:${cell},查看明细`} onClick={() => onDrill({ kind: row.drill!.kind, measure, label: `${row.label}:${title}` })}>
            {cell}
          </Button>
        );
      },
    })),
  ];
  return <Table id={id} size="small" pagination={false} rowKey="label" columns={columns} dataSource={table.rows} scroll={{ x: true }} style={{ marginBottom: 16 }} />;
}

/** The agency's annual report: the counted tables, what it writes and enters, the checks, and publishing. */
export function AnnualReportPage() {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [agencyId, setAgencyId] = useState<number | undefined>(session.user.agencyId ?? undefined);
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)) - 1);
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => getJson<{ items: { id: number; name: string }[] }>('/api/agencies'), enabled: session.user.agencyId === null });
  const key = ['annual-report', agencyId, year];
  const report = useQuery({ queryKey: key, queryFn: () => getJson<ReportScreen>(`/api/staff/annual-reports/${agencyId}/${year}`), enabled: agencyId !== undefined });
  const [form] = Form.useForm();
  useEffect(() => {
    if (report.data) form.setFieldsValue({ ...report.data.texts, ...report.data.entered });
  }, [report.data, form]);

  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => {
      const texts = Object.fromEntries(Object.keys(reportTextSections).map((k) => [k, values[k] ?? '']));
      const entered = Object.fromEntries(Object.keys(report.data ? enteredForm(report.data.format) : {}).map((k) => [k, values[k] ?? null]));
      return putJson<AnnualReportView>(`/api/staff/annual-reports/${agencyId}/${year}`, { texts, entered });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(key, (old: ReportScreen | undefined) => (old ? { ...old, ...saved } : old));
      message.success('已保存');
    },
  });
  const publish = useMutation({
    mutationFn: () => postJson<AnnualReportView>(`/api/staff/annual-reports/${agencyId}/${year}/publish`, { on: todayInChina() }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: key });
      message.success('年度报告已发布');
    },
  });
  const [drill, setDrill] = useState<Drill | null>(null);
  const data = report.data;
  const editable = data?.state === 'draft' && data.abilities.edit;
  const years = Array.from({ length: Number(todayInChina().slice(0, 4)) - 2018 }, (_, i) => 2019 + i).reverse();

  return (
    <>
      <PageHeading>政府信息公开工作年度报告</PageHeading>
      <Space wrap style={{ marginBottom: 16 }}>
        {session.user.agencyId === null && (
          <>
            <label htmlFor="report-agency">机关</label>
            <Select id="report-agency" showSearch optionFilterProp="label" style={{ width: 320 }} placeholder="请选择机关" value={agencyId} onChange={setAgencyId} options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))} />
          </>
        )}
        <label htmlFor="report-year">年度</label>
        <Select id="report-year" style={{ width: 120 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
      </Space>
      {report.error && <Alert type="error" role="alert" title={report.error.message} />}
      {data && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="报告">{`${data.agency.name}${data.year}年政府信息公开工作年度报告`}</Descriptions.Item>
            <Descriptions.Item label="格式">{data.formatSource}</Descriptions.Item>
            <Descriptions.Item label="统计范围">{data.covers.join('、')}</Descriptions.Item>
            <Descriptions.Item label="状态">
              {data.state === 'published' ? (
                <Space>
                  <Tag color="success">{`已于 ${data.publishedOn} 发布`}</Tag>
                  <a href={`/annual-reports/${data.agency.id}/${data.year}`}>在门户查看</a>
                </Space>
              ) : (
                <Tag color="warning">{`草稿,应于 ${data.dueOn} 前发布(《政府信息公开条例》第四十九条)`}</Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Card title="数据核对" size="small" style={{ marginBottom: 16 }}>
            {data.checks.map((check) => (
              <Alert key={check.name} type={check.ok ? 'success' : 'error'} showIcon style={{ marginBottom: 4 }} title={`${check.name}${check.detail ? `:${check.detail}` : ''}`} />
            ))}
          </Card>
          <ReportCharts agencyId={data.agency.id} year={data.year} requests={data.tables.requests} />
          <Form form={form} layout="vertical" disabled={!editable} onFinish={(values) => save.mutate(values)}>
            <Typography.Title level={2}>二、主动公开政府信息情况</Typography.Title>
            {data.tables.active.map((table, i) => (
              <ReportTableView key={table.caption} table={table} id={`active-${i}`} onDrill={setDrill} />
            ))}
            <Card title="第二部分中由本机关填报的数字" size="small" style={{ marginBottom: 16 }}>
              <DeclaredFields form={enteredForm(data.format)} />
            </Card>
            <Typography.Title level={2}>三、收到和处理政府信息公开申请情况</Typography.Title>
            <ReportTableView table={data.tables.requests} id="requests" onDrill={setDrill} />
            <Typography.Title level={2}>四、政府信息公开行政复议、行政诉讼情况</Typography.Title>
            <ReportTableView table={data.tables.review} id="review" onDrill={setDrill} />
            <Typography.Title level={2}>文字部分</Typography.Title>
            <DeclaredFields form={reportTextForm} />
            {data.lastYearTexts && (
              <Collapse
                style={{ marginBottom: 16 }}
                items={(Object.keys(reportTextSections) as ReportTextSection[]).map((section) => ({
                  key: section,
                  label: `上一年度的${reportTextSections[section]}`,
                  children: (
                    <>
                      <Input.TextArea aria-label={`上一年度的${reportTextSections[section]}`} readOnly rows={4} value={data.lastYearTexts![section]} />
                      {editable && (
                        <Button style={{ marginTop: 8 }} onClick={() => form.setFieldValue(section, data.lastYearTexts![section])}>
                          以上一年度文字为起点
                        </Button>
                      )}
                    </>
                  ),
                }))}
              />
            )}
            {save.error && <Alert type="error" role="alert" title={save.error.message} style={{ marginBottom: 8 }} />}
            {publish.error && <Alert type="error" role="alert" title={publish.error.message} style={{ marginBottom: 8 }} />}
            {editable && (
              <Space>
                <Button type="primary" htmlType="submit" loading={save.isPending}>
                  保存草稿
                </Button>
                {data.abilities.publish && (
                  <Button onClick={() => publish.mutate()} loading={publish.isPending}>
                    发布
                  </Button>
                )}
              </Space>
            )}
          </Form>
          <ReportDrillModal drill={drill} agencyId={agencyId} year={year} onClose={() => setDrill(null)} />
        </>
      )}
    </>
  );
}
