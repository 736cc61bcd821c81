import { lazy, Suspense, useId } from 'react';

const ChartDrawing = lazy(async () => ({ default: (await import('./web.chart.draw.tsx')).ChartDrawing }));

export interface ChartSeries {
  name: string;
  /** One value per category; null where there is none (a month with no replies). */
  values: (number | null)[];
}

export interface ChartProps {
  /** What the chart shows, also its accessible name and the caption of its data table. */
  title: string;
  kind: 'bar' | 'line';
  categories: string[];
  series: ChartSeries[];
  /** Printed after each value, e.g. "%" or "分". */
  unit?: string;
  /** Bars stacked into one per category (a score made of its dimensions). */
  stacked?: boolean;
  /** Categories down the side, for long names (agencies). */
  horizontal?: boolean;
  height?: number;
}

/** A value as the chart and its table print it. */
export const shownValue = (value: number | null, unit = '') => (value === null ? '无' : `${value}${unit}`);

/** Every figure the chart draws, in words: its accessible name for screen readers. */
export function chartSummary({ title, categories, series, unit }: Pick<ChartProps, 'title' | 'categories' | 'series' | 'unit'>): string {
  const parts = categories.map((category, i) => `${category}:${series.map((s) => `${series.length > 1 ? s.name : ''}${shownValue(s.values[i] ?? null, unit)}`).join(',')}`);
  return `${title}。${parts.join(';')}`;
}

/**
 * A chart drawn by ECharts as SVG, for those who would rather look than read,
 * followed by the same figures as a table (folded, open to screen readers and
 * keyboard users): the chart is labelled with every figure it draws.
 */
export function Chart(props: ChartProps) {
  const { title, categories, series, unit = '', height = 280 } = props;
  const tableId = useId();
  return (
    <figure style={{ margin: '0 0 16px' }}>
      <Suspense fallback={<div style={{ height }} />}>
        <ChartDrawing props={props} label={chartSummary(props)} describedBy={tableId} />
      </Suspense>
      <details>
        <summary>{`${title}:数据表`}</summary>
        <table id={tableId} className="chart-data">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((category, i) => (
              <tr key={category}>
                <th scope="row">{category}</th>
                {series.map((s) => (
                  <td key={s.name}>{shownValue(s.values[i] ?? null, unit)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
