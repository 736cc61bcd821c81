import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { html, type Html } from '../../server/html.ts';
import { positiveId } from '../../server/http.params.ts';
import { barChart, columnChart } from '../../server/portal/charts.ts';
import { sendPage } from '../../server/portal/parts.ts';
import { csvOf, type CsvCell } from './assessment.csv.ts';
import type { PublishedResults } from './assessment.repository.ts';
import {
  documentYears,
  figureFields,
  figureRecords,
  recordLines,
  reportTablesOf,
  requestYears,
  reviewYears,
  scoreFields,
  scoreRecords,
  tableLines,
} from './figures.rules.ts';
import { cellText } from './report.sections.ts';
import type { AnnualReportView } from './report.types.ts';

/** Where the figures live: the page, and beside it every open data file at a stable address. */
export const figuresPath = '/open-data-figures';

const sendCsv = (reply: FastifyReply, name: string, lines: readonly (readonly CsvCell[])[]) => {
  reply.type('text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${name}"`);
  return csvOf(lines);
};

/** The table a chart is drawn from: a caption, column headings and row headings with their scope. */
function dataTable(id: string, caption: string, columns: readonly string[], rows: readonly { label: string; cells: readonly (number | string | null)[] }[]): Html {
  return html`<div class="table-scroll"><table class="report" id="${id}">
    <caption>${caption}</caption>
    <thead><tr>${columns.map((column) => html`<th scope="col">${column}</th>`)}</tr></thead>
    <tbody>${rows.map((row) => html`<tr><th scope="row">${row.label}</th>${row.cells.map((cell) => html`<td>${typeof cell === 'string' ? cell : cellText(cell)}</td>`)}</tr>`)}</tbody>
  </table></div>`;
}

/** The agency shown first: the one whose reports cover the most agencies (a government's, rolled up), then the one with most years. */
function mainAgency(reports: readonly AnnualReportView[]): number | null {
  const byAgency = new Map<number, AnnualReportView[]>();
  for (const report of reports) byAgency.set(report.agency.id, [...(byAgency.get(report.agency.id) ?? []), report]);
  const ranked = [...byAgency.values()].sort(
    (a, b) => Math.max(...b.map((r) => r.covers.length)) - Math.max(...a.map((r) => r.covers.length)) || b.length - a.length || a[0]!.agency.name.localeCompare(b[0]!.agency.name, 'zh'),
  );
  return ranked[0]?.[0]?.agency.id ?? null;
}

function requestSection(reports: readonly AnnualReportView[]): Html {
  const years = requestYears(reports);
  const latest = years[years.length - 1]!;
  const outcomeLabels = latest.outcomes.map((o) => o.label);
  return html`<h2>收到和处理政府信息公开申请</h2>
    ${columnChart({
      title: '各年度新收申请与办理结果总数(件)',
      tableId: 'figures-requests',
      categories: years.map((y) => `${y.year}年`),
      series: [
        { name: '本年新收', values: years.map((y) => y.received) },
        { name: '办理结果总计', values: years.map((y) => y.handled) },
      ],
      unit: '件',
    })}
    ${dataTable(
      'figures-requests',
      '各年度收到和处理政府信息公开申请情况(件,各类申请人合计;摘自年度报告第三部分)',
      ['年度', '本年新收', '上年结转', ...outcomeLabels, '办理结果总计', '结转下年度继续办理'],
      years.map((y) => ({ label: `${y.year}年`, cells: [y.received, y.carriedOver, ...outcomeLabels.map((label) => y.outcomes.find((o) => o.label === label)?.value ?? null), y.handled, y.carriedForward] })),
    )}
    ${barChart({
      title: `${latest.year}年办理结果(件)`,
      tableId: 'figures-outcomes',
      items: latest.outcomes.map((o) => ({ label: o.label, value: o.value ?? 0 })),
      unit: '件',
    })}
    ${dataTable(
      'figures-outcomes',
      `${latest.year}年办理结果(件,各类申请人合计)`,
      ['办理结果', '件数'],
      latest.outcomes.map((o) => ({ label: o.label, cells: [o.value] })),
    )}
    <p class="muted">年度报告的国家格式不含按时答复的件数;各机关按时答复的情况计入考核评估的「依申请公开按时答复」一项。</p>`;
}

function documentSection(reports: readonly AnnualReportView[]): Html {
  const years = documentYears(reports);
  if (years.length === 0) return html``;
  const kinds = years[years.length - 1]!.table.rows.map((row) => row.label);
  const formats = [...new Set(years.map((y) => y.format))];
  return html`<h2>规章和规范性文件(第二十条第(一)项)</h2>
    ${columnChart({
      title: '各年度制发的规章和规范性文件(件)',
      tableId: `figures-documents-${formats[formats.length - 1]}`,
      categories: years.map((y) => `${y.year}年`),
      // The first column counts the documents made in the year in both formats (本年新制作数量, 本年制发件数).
      series: kinds.map((kind, i) => ({ name: kind, values: years.map((y) => y.table.rows[i]?.cells[0] ?? null) })),
      unit: '件',
    })}
    ${formats.map((format) => {
      const inFormat = years.filter((y) => y.format === format);
      const columns = inFormat[0]!.table.columns;
      return dataTable(
        `figures-documents-${format}`,
        `规章和规范性文件(件;${format === '2021' ? '2021年起的格式' : '2019、2020年度的格式'})`,
        ['年度与类别', ...columns],
        inFormat.flatMap((y) => y.table.rows.map((row) => ({ label: `${y.year}年 ${row.label}`, cells: row.cells }))),
      );
    })}`;
}

function reviewSection(reports: readonly AnnualReportView[]): Html {
  const { labels, years } = reviewYears(reports);
  const columns = reports[0]!.tables.review.columns;
  return html`<h2>行政复议、行政诉讼</h2>
    ${columnChart({
      title: '各年度政府信息公开行政复议、行政诉讼(件)',
      tableId: 'figures-review',
      categories: years.map((y) => `${y.year}年`),
      series: labels.map((label, i) => ({ name: label, values: years.map((y) => y.totals[i] ?? null) })),
      unit: '件',
    })}
    ${dataTable(
      'figures-review',
      '各年度政府信息公开行政复议、行政诉讼情况(件;摘自年度报告第四部分)',
      ['年度与类别', ...columns],
      reports.flatMap((report) => report.tables.review.rows.map((row) => ({ label: `${report.year}年 ${row.label}`, cells: row.cells }))),
    )}`;
}

function scoresSection(results: readonly PublishedResults[]): Html {
  if (results.length === 0) return html`<h2>考核评估结果</h2><p>尚无已发布的考核评估结果。</p>`;
  return html`<h2>考核评估结果</h2>
    ${[...results].reverse().map((result, n) => {
      const id = `figures-scores-${n + 1}`;
      const dimensions = result.results[0]?.dimensions ?? [];
      return html`<h3>${result.year}年度${result.rootAgencyName}及所属部门(${result.publishedOn} 发布)</h3>
        ${barChart({ title: `${result.year}年度各单位考核评估总分(分)`, tableId: id, items: result.results.map((r) => ({ label: r.agencyName, value: r.total })), max: 100, unit: '分' })}
        ${dataTable(
          id,
          `${result.year}年度${result.rootAgencyName}政务公开考核评估得分`,
          ['单位', ...dimensions.map((d) => `${d.label}(${d.points}分)`), '总分', '等次'],
          result.results.map((r) => ({ label: r.agencyName, cells: [...r.dimensions.map((d) => d.score), r.total, r.grade ?? '—'] })),
        )}
        <p><a href="/assessment-results/${result.year}/${result.rootAgencyId}/results.csv">下载本次结果(CSV)</a> · <a href="/api/assessment-results/${result.year}/${result.rootAgencyId}">数据(JSON)</a></p>`;
    })}`;
}

function filesSection(reports: readonly AnnualReportView[]): Html {
  return html`<h2>各年度报告的数据文件</h2>
    <p>每份已发布的年度报告,每张表各有一个 CSV 文件和一个 JSON 文件,内容与报告中印出的表格一致。</p>
    <ul class="plain">${[...reports].reverse().map(
      (report) => html`<li><a href="/annual-reports/${report.agency.id}/${report.year}">${report.agency.name}${report.year}年政府信息公开工作年度报告</a>
        <ul>${reportTablesOf(report).map(
          (t) =>
            html`<li>${t.title}:<a href="${figuresPath}/annual-reports/${report.agency.id}/${report.year}/${t.key}.csv">CSV</a> · <a href="${figuresPath}/annual-reports/${report.agency.id}/${report.year}/${t.key}.json">JSON</a></li>`,
        )}</ul></li>`,
    )}</ul>`;
}

/** The README of the open data: every file and every column, in Chinese. */
function readme(): string {
  const fieldList = (fields: readonly (readonly [string, string, string])[]) => fields.map(([key, heading, meaning]) => `- ${heading}(JSON 字段 ${key}):${meaning}`).join('\n');
  return `政务公开数据:字段说明
========================

本平台把已发布的政府信息公开工作年度报告和已发布的政务公开考核评估结果中的数字作为开放数据提供。
只包括已经发布的内容:未发布的年度报告草稿、未发布的考核评估不在其中;数据中没有申请人等个人信息。
年度报告发布后即固定不变,文件中的数字与发布的报告一致。

文件编码:CSV 文件为 UTF-8(带 BOM,Excel 可直接打开),逗号分隔,每行以 CRLF 结束;
以 = + - @ 开头的文字前加一个单引号,防止电子表格程序将其作为公式执行。JSON 文件为 UTF-8。
日期格式为 YYYY-MM-DD。

文件一览
--------

${figuresPath}/index.json
  全部文件的目录:每份年度报告每张表的 CSV 和 JSON 地址,每次考核评估结果的地址。

${figuresPath}/annual-report-figures.csv
${figuresPath}/annual-report-figures.json
  全部已发布年度报告的全部数字,每个表格单元一行(JSON 中为 items 数组,每项一个单元,fields 说明各字段)。各列:
${fieldList(figureFields)}

${figuresPath}/annual-reports/机关编号/年度/表.csv
${figuresPath}/annual-reports/机关编号/年度/表.json
  一份年度报告的一张表,与报告中印出的一致。表为 active-1、active-2……(第二部分各表)、requests(第三部分)、review(第四部分)。
  CSV 的第一行是表头:第一列为表的标题(如「第二十条第(一)项」「申请人情况」),其后为各列的名称;
  此后每行第一列为行的名称,其后为各列的数字(空白表示报告中未填写,金额以万元计)。
  JSON 包括 agency(id、name)、year、format、publishedOn、key、title、caption、columns、
  rows(每行的 label、level(0 为大项,1 为类别,2 为具体理由)和 cells)。

  第三部分(requests)的列:自然人;法人或其他组织:商业企业、科研机构、社会公益组织、法律服务机构、其他;总计。
  行:一、本年新收政府信息公开申请数量;二、上年结转政府信息公开申请数量;三、本年度办理结果,
  其下(一)予以公开、(二)部分公开、(三)不予公开(及其 8 项理由)、(四)无法提供(3 项)、
  (五)不予处理(5 项)、(六)其他处理(2021 年起分 3 项)、(七)总计;四、结转下年度继续办理。
  第四部分(review)的列:结果维持、结果纠正、其他结果、尚未审结、总计;行:行政复议、行政诉讼:未经复议直接起诉、行政诉讼:复议后起诉。
  第二部分的列随格式而不同:2021 年起为本年制发件数、本年废止件数、现行有效件数(第二十条第(一)项),
  本年处理决定数量(第(五)、(六)项),本年收费金额(单位:万元)(第(八)项);
  2019、2020 年度为本年新制作数量、本年新公开数量、对外公开总数量,上一年项目数量、本年增/减、处理决定数量,采购项目数量、采购总金额。

${figuresPath}/assessment-scores.csv
${figuresPath}/assessment-scores.json
  全部已发布的考核评估得分,每个机关每个方面一行,另有一行为总分。各列:
${fieldList(scoreFields)}

/assessment-results/年度/政府机关编号/results.csv 与 /api/assessment-results/年度/政府机关编号
  一次考核评估结果:每个机关一行,各方面得分、总分和等次。

年度报告格式依据:国办公开办函〔2019〕60号《政府信息公开工作年度报告格式(试行)》(2019、2020年度),
国办公开办函〔2021〕30号《政府信息公开工作年度报告格式》(2021年度起)。
`;
}

/** The public page of figures and the open data files behind it: published reports and results only. */
export function registerFiguresPages(app: FastifyInstance, context: AppContext): void {
  const published = () => context.annualReports.publishedReports();

  app.get(figuresPath, async (request, reply) => {
    const [reports, results] = await Promise.all([published(), context.assessment.allResults()]);
    const agencies = [...new Map(reports.map((r) => [r.agency.id, r.agency.name])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh'));
    const asked = (request.query as Record<string, unknown>).agency;
    const agencyId = typeof asked === 'string' && asked !== '' ? positiveId(asked) : mainAgency(reports);
    const ofAgency = reports.filter((r) => r.agency.id === agencyId);
    if (agencyId !== null && ofAgency.length === 0) throw new AppError('not_found', '这个机关尚无已发布的年度报告');
    const name = ofAgency[0]?.agency.name;
    return sendPage(
      request,
      reply,
      '政务公开数据',
      html`<h1>政务公开数据</h1>
      <p>本页的数字全部来自已发布的<a href="/annual-reports">政府信息公开工作年度报告</a>和已发布的<a href="/assessment-results">政务公开考核评估结果</a>,与发布时一致。每幅图表之后都有它的数据表。</p>
      <p>开放数据:<a href="${figuresPath}/annual-report-figures.csv">全部年度报告数字(CSV)</a> · <a href="${figuresPath}/annual-report-figures.json">JSON</a> · <a href="${figuresPath}/assessment-scores.csv">全部考核评估得分(CSV)</a> · <a href="${figuresPath}/assessment-scores.json">JSON</a> · <a href="${figuresPath}/index.json">文件目录(JSON)</a> · <a href="${figuresPath}/README.txt">字段说明</a></p>
      ${
        agencies.length === 0
          ? html`<p>尚无已发布的年度报告。</p>`
          : html`<form class="filters" method="get" action="${figuresPath}">
          <div class="field"><label for="figures-agency">机关</label><select id="figures-agency" name="agency">${agencies.map(
            ([id, agencyName]) => html`<option value="${id}"${id === agencyId ? html` selected` : ''}>${agencyName}</option>`,
          )}</select></div>
          <div class="field"><button type="submit">查看</button></div>
        </form>
        <p>${name}:${ofAgency.map((r) => `${r.year}年`).join('、')}年度报告中的数字。</p>
        ${requestSection(ofAgency)}
        ${documentSection(ofAgency)}
        ${reviewSection(ofAgency)}`
      }
      ${scoresSection(results)}
      ${reports.length > 0 ? filesSection(reports) : ''}`,
      { description: '已发布的政府信息公开工作年度报告和考核评估结果中的数字:图表、数据表和开放数据文件。' },
    );
  });

  app.get(`${figuresPath}/README.txt`, async (_request, reply) => {
    reply.type('text/plain; charset=utf-8');
    return readme();
  });

  app.get(`${figuresPath}/index.json`, async () => {
    const [reports, results] = await Promise.all([published(), context.assessment.allResults()]);
    return {
      readme: `${figuresPath}/README.txt`,
      figures: { csv: `${figuresPath}/annual-report-figures.csv`, json: `${figuresPath}/annual-report-figures.json` },
      scores: { csv: `${figuresPath}/assessment-scores.csv`, json: `${figuresPath}/assessment-scores.json` },
      annualReports: reports.map((report) => ({
        agencyId: report.agency.id,
        agencyName: report.agency.name,
        year: report.year,
        format: report.format,
        publishedOn: report.publishedOn,
        tables: reportTablesOf(report).map((t) => ({ key: t.key, title: t.title, csv: `${figuresPath}/annual-reports/${report.agency.id}/${report.year}/${t.key}.csv`, json: `${figuresPath}/annual-reports/${report.agency.id}/${report.year}/${t.key}.json` })),
      })),
      assessmentResults: results.map((r) => ({ year: r.year, rootAgencyId: r.rootAgencyId, rootAgencyName: r.rootAgencyName, publishedOn: r.publishedOn, csv: `/assessment-results/${r.year}/${r.rootAgencyId}/results.csv`, json: `/api/assessment-results/${r.year}/${r.rootAgencyId}` })),
    };
  });

  app.get(`${figuresPath}/annual-report-figures.csv`, async (_request, reply) => sendCsv(reply, 'annual-report-figures.csv', recordLines(figureFields, figureRecords(await published()))));
  app.get(`${figuresPath}/annual-report-figures.json`, async () => ({
    fields: figureFields.map(([key, heading, meaning]) => ({ key, heading, meaning })),
    items: figureRecords(await published()),
  }));
  app.get(`${figuresPath}/assessment-scores.csv`, async (_request, reply) => sendCsv(reply, 'assessment-scores.csv', recordLines(scoreFields, scoreRecords(await context.assessment.allResults()))));
  app.get(`${figuresPath}/assessment-scores.json`, async () => ({
    fields: scoreFields.map(([key, heading, meaning]) => ({ key, heading, meaning })),
    items: scoreRecords(await context.assessment.allResults()),
  }));

  app.get(`${figuresPath}/annual-reports/:agencyId/:year/:file`, async (request, reply) => {
    const params = request.params as { agencyId: string; year: string; file: string };
    const file = /^([a-z0-9-]{1,20})\.(csv|json)$/.exec(params.file);
    if (!/^\d{4}$/.test(params.year) || !file) throw new AppError('not_found', '没有这个数据文件');
    const report = await context.annualReports.published(positiveId(params.agencyId), Number(params.year));
    if (!report) throw new AppError('not_found', '这一年度的报告尚未发布');
    const found = reportTablesOf(report).find((t) => t.key === file[1]);
    if (!found) throw new AppError('not_found', '没有这个数据文件');
    if (file[2] === 'csv') return sendCsv(reply, `annual-report-${report.agency.id}-${report.year}-${found.key}.csv`, tableLines(found.table));
    return {
      agency: report.agency,
      year: report.year,
      format: report.format,
      publishedOn: report.publishedOn,
      key: found.key,
      title: found.title,
      caption: found.table.caption,
      columns: found.table.columns,
      rows: found.table.rows.map((row) => ({ label: row.label, level: row.level ?? 1, cells: row.cells })),
    };
  });
}
