import { html, type Html } from '../html.ts';

/**
 * Charts for the portal as inline SVG written on the server: no script, so
 * they show where JavaScript is off, print, and are read the same everywhere.
 * The SVG is one image (role="img") whose label states every figure it draws,
 * and its caption links to the data table that must follow it: the table, not
 * the picture, is what a screen reader and a copy-paste use.
 */

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** Dark enough for 3:1 against white (WCAG 2.1 1.4.11), and apart from each other. */
const palette = ['#0b4ea2', '#a30000', '#14632b', '#5b3b00', '#3d3d8f'];

const width = 640;
const ink = '#1a1a1a';
const muted = '#4a4a4a';
const grid = '#d6d6d6';

/** A round upper bound for the axis (1, 2 or 5 times a power of ten) and its step, four or five steps in all. */
export function axisScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough)!;
  // Counts are whole: a step below one would print 0.2, 0.4 … on an axis of requests.
  const whole = Number.isInteger(max) ? Math.max(1, step) : step;
  return { top: Math.ceil(max / whole) * whole, step: whole };
}

const number = (value: number) => (Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100));

interface Frame {
  /** What the chart shows, said once: the SVG's title and the start of its label. */
  title: string;
  /** The id of the data table the chart is drawn from. */
  tableId: string;
}

function figure(frame: Frame, kind: string, summary: string, height: number, body: Html): Html {
  const label = `${kind}:${frame.title}。${summary}`;
  return html`<figure class="chart">
    <svg role="img" aria-label="${label}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" font-size="13"><title>${label}</title>${body}</svg>
    <figcaption>${frame.title}(${kind})<a href="#${frame.tableId}">图表数据见下表</a></figcaption>
  </figure>`;
}

function legend(series: readonly ChartSeries[], y: number): Html {
  let x = 56;
  return html`${series.map((s, i) => {
    const at = x;
    x += 28 + s.name.length * 14;
    return html`<rect x="${at}" y="${y - 11}" width="14" height="14" fill="${palette[i % palette.length]}"></rect><text x="${at + 20}" y="${y}" fill="${ink}">${s.name}</text>`;
  })}`;
}

/**
 * Columns by category (years, usually), one column per series side by side.
 * A missing value (null) draws nothing and reads as 无数据.
 */
export function columnChart(options: Frame & { categories: readonly string[]; series: readonly ChartSeries[]; unit?: string }): Html {
  const { categories, series } = options;
  const unit = options.unit ?? '';
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const { top, step } = axisScale(Math.max(0, ...values));
  const plot = { left: 56, right: width - 16, top: 40, bottom: 250 };
  const height = plot.bottom + 36;
  const band = (plot.right - plot.left) / Math.max(1, categories.length);
  const barWidth = Math.min(40, (band * 0.8) / Math.max(1, series.length));
  const y = (value: number) => plot.bottom - (value / top) * (plot.bottom - plot.top);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const summary = categories
    .map((category, c) => `${category}:${series.map((s) => `${s.name} ${s.values[c] === null || s.values[c] === undefined ? '无数据' : `${number(s.values[c]!)}${unit}`}`).join(',')}`)
    .join(';');
  const body = html`${legend(series, 20)}
    ${ticks.map((tick) => html`<line x1="${plot.left}" x2="${plot.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="${grid}"></line><text x="${plot.left - 6}" y="${y(tick) + 4}" text-anchor="end" fill="${muted}">${number(tick)}</text>`)}
    ${categories.map((category, c) => {
      const start = plot.left + band * c + (band - barWidth * series.length) / 2;
      return html`${series.map((s, i) => {
        const value = s.values[c];
        if (value === null || value === undefined) return '';
        const x = start + i * barWidth;
        return html`<rect x="${x + 1}" y="${y(value)}" width="${barWidth - 2}" height="${plot.bottom - y(value)}" fill="${palette[i % palette.length]}"></rect><text x="${x + barWidth / 2}" y="${y(value) - 4}" text-anchor="middle" fill="${ink}">${number(value)}</text>`;
      })}<text x="${plot.left + band * c + band / 2}" y="${plot.bottom + 20}" text-anchor="middle" fill="${ink}">${category}</text>`;
    })}
    <line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="${ink}"></line>`;
  return figure(options, '柱状图', summary, height, body);
}

/** Horizontal bars, one per labelled item, longest label at the left: agencies and outcomes read better across than up. */
export function barChart(options: Frame & { items: readonly { label: string; value: number }[]; unit?: string; max?: number }): Html {
  const { items } = options;
  const unit = options.unit ?? '';
  const { top } = axisScale(options.max ?? Math.max(0, ...items.map((item) => item.value)));
  const labelWidth = Math.min(280, 16 + Math.max(4, ...items.map((item) => item.label.length)) * 13);
  const plot = { left: labelWidth, right: width - 56, top: 8 };
  const row = 26;
  const height = plot.top + items.length * row + 8;
  const x = (value: number) => (Math.max(0, value) / top) * (plot.right - plot.left);
  const summary = items.map((item) => `${item.label} ${number(item.value)}${unit}`).join(';');
  const body = html`${items.map((item, i) => {
    const at = plot.top + i * row;
    return html`<text x="${plot.left - 8}" y="${at + 17}" text-anchor="end" fill="${ink}">${item.label.length > 20 ? `${item.label.slice(0, 19)}…` : item.label}</text><rect x="${plot.left}" y="${at + 4}" width="${x(item.value)}" height="${row - 8}" fill="${palette[0]}"></rect><text x="${plot.left + x(item.value) + 6}" y="${at + 17}" fill="${ink}">${number(item.value)}${unit}</text>`;
  })}<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${height - 8}" stroke="${ink}"></line>`;
  return figure(options, '条形图', summary, height, body);
}
