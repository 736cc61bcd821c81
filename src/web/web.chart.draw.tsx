import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { shownValue, type ChartProps } from './web.chart.tsx';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** The ECharts drawing of a chart, as SVG: loaded on demand, so that ECharts is not in the console's first download. */
export function ChartDrawing({ props, label, describedBy }: { props: ChartProps; label: string; describedBy: string }) {
  const { kind, categories, series, unit = '', stacked = false, horizontal = false, height = 280 } = props;
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg', locale: 'ZH' });
    const categoryAxis = { type: 'category' as const, data: categories, axisLabel: { interval: 0, hideOverlap: true } };
    const valueAxis = { type: 'value' as const, axisLabel: { formatter: `{value}${unit}` } };
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => shownValue(typeof value === 'number' ? value : null, unit) },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: series.map((s) => ({ name: s.name, type: kind, data: s.values, stack: stacked ? 'total' : undefined, connectNulls: false })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [kind, categories, series, unit, stacked, horizontal]);
  return <div ref={element} role="img" aria-label={label} aria-describedby={describedBy} style={{ width: '100%', height }} />;
}
