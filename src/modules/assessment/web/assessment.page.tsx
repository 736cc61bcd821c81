import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { todayInChina } from '../../../core/calendar/calendar.rules.ts';
import { getJson, postJson } from '../../../web/web.api.ts';
import { Chart } from '../../../web/web.chart.tsx';
import { DeclaredFields } from '../../../web/web.declared-form.tsx';
import { PageHeading } from '../../../web/web.layout.tsx';
import { useSession } from '../../../web/web.session.tsx';
import { adjustmentForm, judgementForm } from '../assessment.input.ts';
import type { AgencyScore, IndicatorScore } from '../assessment.scoring.rules.ts';
import type { AssessmentRun } from '../assessment.service.ts';

/** One agency's indicators: each deduction with the cases behind it, each judged item with its evidence and a form to score it. */
function AgencyDetail({ score, year, assess, onChanged }: { score: AgencyScore; year: number; assess: boolean; onChanged(): void }) {
  const [judging, setJudging] = useState<IndicatorScore | null>(null);
  const [form] = Form.useForm();
  const judge = useMutation({
    mutationFn: (values: { points: number; evidence: string }) => postJson(`/api/staff/assessment/${year}/agencies/${score.agencyId}/judge`, { indicator: judging!.code, ...values }),
    onSuccess: () => {
      setJudging(null);
      onChanged();
    },
  });
  const indicators = score.dimensions.flatMap((d) => d.indicators.map((i) => ({ ...i, dimension: d.label })));
  return (
    <>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={indicators}
        columns={[
          { title: '维度', dataIndex: 'dimension', key: 'dimension' },
          { title: '指标', dataIndex: 'label', key: 'label' },
          { title: '分值', dataIndex: 'points', key: 'points', align: 'right' },
          { title: '得分', dataIndex: 'score', key: 'score', align: 'right', render: (value: number | null) => (value === null ? <Tag color="warning">待评分</Tag> : value) },
          {
            title: '依据',
            key: 'basis',
            render: (_: unknown, indicator: IndicatorScore) =>
              indicator.method === 'computed' ? (
                indicator.occurrences.length === 0 ? (
                  '无扣分事项'
                ) : (
                  <Space wrap>
                    {indicator.occurrences.map((o) =>
                      o.link ? (
                        <a key={`${o.subject}-${o.on}`} href={o.link}>{`${o.subject}(${o.on})`}</a>
                      ) : (
                        <span key={`${o.subject}-${o.on}`}>{`${o.subject}(${o.on})`}</span>
                      ),
                    )}
                  </Space>
                )
              ) : (
                <Space>
                  <span>{indicator.evidence ?? '—'}</span>
                  {assess && (
                    <Button
                      size="small"
                      onClick={() => {
                        form.setFieldsValue({ points: indicator.score ?? undefined, evidence: indicator.evidence ?? '' });
                        setJudging(indicator);
                      }}
                    >
                      评分
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal open={judging !== null} title={judging ? `评分:${judging.label}(满分 ${judging.points})` : ''} okText="保存" cancelText="取消" onCancel={() => setJudging(null)} onOk={() => form.submit()} confirmLoading={judge.isPending}>
        <Form form={form} name={`judge-${score.agencyId}`} layout="vertical" onFinish={(values) => judge.mutate(values)}>
          <DeclaredFields form={judgementForm} only={['points', 'evidence']} />
          {judge.error && <Alert type="error" role="alert" title={judge.error.message} />}
        </Form>
      </Modal>
    </>
  );
}

/** The assessment of a government and the agencies under it: scores, deductions with their cases, judging, adjusting, publishing. */
export function AssessmentPage() {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [rootId, setRootId] = useState<number | undefined>();
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)) - 1);
  const [adjusting, setAdjusting] = useState<AgencyScore | null>(null);
  const [adjustForm] = Form.useForm();
  const agencies = useQuery({ queryKey: ['agencies'], queryFn: () => getJson<{ items: { id: number; name: string; parentId: number | null }[] }>('/api/agencies') });
  const key = ['assessment', year, rootId];
  const run = useQuery({ queryKey: key, queryFn: () => getJson<AssessmentRun>(`/api/staff/assessment/${year}/${rootId}`), enabled: rootId !== undefined });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const assess = session.abilities?.['assessment.assess'] === true;
  const adjust = useMutation({
    mutationFn: (values: Record<string, unknown>) => postJson(`/api/staff/assessment/${year}/agencies/${adjusting!.agencyId}/adjust`, values),
    onSuccess: async () => {
      setAdjusting(null);
      await refresh();
    },
  });
  const publish = useMutation({
    mutationFn: () => postJson(`/api/staff/assessment/${year}/${rootId}/publish`, { on: todayInChina() }),
    onSuccess: async () => {
      message.success('考核评估结果已发布');
      await refresh();
    },
  });
  const governments = (agencies.data?.items ?? []).filter((a) => (agencies.data?.items ?? []).some((b) => b.parentId === a.id));
  const years = Array.from({ length: Number(todayInChina().slice(0, 4)) - 2018 }, (_, i) => 2019 + i).reverse();
  const data = run.data;
  return (
    <>
      <PageHeading>考核评估</PageHeading>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="assessment-root">被考核的政府及其部门</label>
        <Select id="assessment-root" showSearch optionFilterProp="label" style={{ width: 320 }} placeholder="请选择" value={rootId} onChange={setRootId} options={governments.map((a) => ({ value: a.id, label: a.name }))} />
        <label htmlFor="assessment-year">年度</label>
        <Select id="assessment-year" style={{ width: 120 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
      </Space>
      {run.error && <Alert type="error" role="alert" title={run.error.message} />}
      {data && (
        <>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label="指标体系">{data.scheme.version === 0 ? '默认指标体系(四个方面,满分 100 分)' : `${data.year} 年第 ${data.scheme.version} 版`}</Descriptions.Item>
            <Descriptions.Item label="结果">
              {data.published ? <a href={`/assessment-results/${data.year}/${data.root.id}`}>{`已于 ${data.published.publishedOn} 发布`}</a> : '尚未发布(应于次年第一季度发布,001 L436)'}
            </Descriptions.Item>
            <Descriptions.Item label="统计口径">
              <Typography.Text>{Object.values(data.measures).map((m) => `${m.label}:${m.source}`).join(';')}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {data.scores.length > 0 && (
            <Chart
              title={`${data.year}年各单位得分构成(分)`}
              kind="bar"
              horizontal
              stacked
              height={Math.max(180, 28 * data.scores.length + 60)}
              categories={data.scores.map((s) => s.agencyName)}
              series={(data.scores[0]?.dimensions ?? []).map((d, i) => ({ name: d.label, values: data.scores.map((s) => s.dimensions[i]?.score ?? null) }))}
            />
          )}
          <Table<AgencyScore>
            rowKey="agencyId"
            size="small"
            pagination={false}
            dataSource={data.scores}
            expandable={{ expandedRowRender: (score) => <AgencyDetail score={score} year={data.year} assess={assess && !data.published} onChanged={refresh} /> }}
            columns={[
              { title: '单位', dataIndex: 'agencyName', key: 'agencyName' },
              ...(data.scores[0]?.dimensions ?? []).map((d, i) => ({ title: `${d.label}(${d.points})`, key: d.code, align: 'right' as const, render: (_: unknown, s: AgencyScore) => s.dimensions[i]?.score })),
              { title: '加分', dataIndex: 'bonus', key: 'bonus', align: 'right' },
              { title: '调整', key: 'adjust', align: 'right', render: (_: unknown, s: AgencyScore) => s.adjustments.reduce((sum, a) => sum + a.points, 0) || '' },
              { title: '总分', dataIndex: 'total', key: 'total', align: 'right' },
              {
                title: '等次',
                key: 'grade',
                render: (_: unknown, s: AgencyScore) => (s.vetoed ? <Tag color="error">一票否决</Tag> : s.provisional ? <Tag color="warning">待评分</Tag> : (s.grade ?? '—')),
              },
              ...(assess && !data.published
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, s: AgencyScore) => (
                        <Button size="small" onClick={() => setAdjusting(s)}>
                          调整得分
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {publish.error && <Alert type="error" role="alert" title={publish.error.message} style={{ marginTop: 8 }} />}
          {assess && !data.published && (
            <Button type="primary" style={{ marginTop: 16 }} onClick={() => publish.mutate()} loading={publish.isPending}>
              发布考核评估结果
            </Button>
          )}
          <Modal open={adjusting !== null} title={adjusting ? `调整得分:${adjusting.agencyName}` : ''} okText="保存" cancelText="取消" onCancel={() => setAdjusting(null)} onOk={() => adjustForm.submit()} confirmLoading={adjust.isPending}>
            <Form form={adjustForm} name="adjust" layout="vertical" onFinish={(values) => adjust.mutate(values)}>
              <DeclaredFields form={adjustmentForm} />
              {adjust.error && <Alert type="error" role="alert" title={adjust.error.message} />}
            </Form>
          </Modal>
        </>
      )}
    </>
  );
}
