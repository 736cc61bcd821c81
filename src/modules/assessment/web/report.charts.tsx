import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row } from 'antd';
import { getJson } from '../../../web/web.api.ts';
import { Chart } from '../../../web/web.chart.tsx';
import type { ReportTable, ReportTrends } from '../report.types.ts';

const months = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** Table 三's outcome categories with their totals: (一) to (六), without the sub-reasons and the (七) total. */
function outcomes(requests: ReportTable) {
  const categories = requests.rows.filter((row) => row.level === 1 && !row.label.startsWith('(七)'));
  return { categories: categories.map((row) => row.label), values: categories.map((row) => row.cells[row.cells.length - 1] ?? 0) };
}

/** The report's figures as charts: requests by outcome, replies on time by month and by agency, documents published by month. */
export function ReportCharts({ agencyId, year, requests }: { agencyId: number; year: number; requests: ReportTable }) {
  const trends = useQuery({ queryKey: ['annual-report-trends', agencyId, year], queryFn: () => getJson<ReportTrends>(`/api/staff/annual-reports/${agencyId}/${year}/trends`) });
  const byOutcome = outcomes(requests);
  const data = trends.data;
  return (
    <Card title="图表" size="small" style={{ marginBottom: 16 }} loading={trends.isLoading}>
      <Row gutter={24}>
        <Col xs={24} lg={12}>
          <Chart title={`${year}年申请办理结果(件)`} kind="bar" horizontal categories={byOutcome.categories} series={[{ name: '总计', values: byOutcome.values }]} />
        </Col>
        {data && (
          <>
            <Col xs={24} lg={12}>
              <Chart title={`${year}年各月按时答复率`} kind="line" unit="%" categories={months} series={[{ name: '按时答复率', values: data.onTimeByMonth }]} />
            </Col>
            {data.onTimeByAgency.length > 0 && (
              <Col xs={24} lg={12}>
                <Chart
                  title={`${year}年各机关按时答复率`}
                  kind="bar"
                  horizontal
                  unit="%"
                  height={Math.max(160, 28 * data.onTimeByAgency.length + 40)}
                  categories={data.onTimeByAgency.map((row) => `${row.agency}(${row.replied} 件)`)}
                  series={[{ name: '按时答复率', values: data.onTimeByAgency.map((row) => row.onTime) }]}
                />
              </Col>
            )}
            <Col xs={24} lg={12}>
              <Chart title={`${year}年各月发布文件(件)`} kind="bar" categories={months} series={[{ name: '发布文件', values: data.publishedByMonth }]} />
            </Col>
          </>
        )}
      </Row>
    </Card>
  );
}
