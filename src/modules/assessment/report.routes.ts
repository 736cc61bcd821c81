import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { positiveId } from '../../server/http.params.ts';
import type { AnnualReportView } from './report.types.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';
import { reportDocx } from './report.docx.ts';
import { reportPdf } from './report.pdf.ts';
import { reportXlsx } from './report.xlsx.ts';

/** `:agencyId/:year` of a report's address. */
function reportKey(request: FastifyRequest): { agencyId: number; year: number } {
  const params = request.params as { agencyId: string; year: string };
  if (!/^\d{4}$/.test(params.year)) throw new AppError('not_found', '没有这一年度的报告');
  return { agencyId: positiveId(params.agencyId), year: Number(params.year) };
}

/** Annual reports as JSON: staff draft and publish; anyone reads what is published, also as a workbook. */
export function registerReportApi(app: FastifyInstance, context: AppContext): void {
  const { annualReports } = context;

  app.get('/api/staff/annual-reports/:agencyId/:year', async (request) => {
    const { agencyId, year } = reportKey(request);
    return annualReports.view(agencyId, year, signedIn(request).user);
  });

  app.get('/api/staff/annual-reports/:agencyId/:year/documents', async (request) => {
    const { agencyId, year } = reportKey(request);
    const query = request.query as Record<string, unknown>;
    return { items: await annualReports.countedDocuments(agencyId, year, String(query.kind ?? ''), String(query.measure ?? ''), signedIn(request).user) };
  });

  app.get('/api/staff/annual-reports/:agencyId/:year/cases', async (request) => {
    const { agencyId, year } = reportKey(request);
    const query = request.query as Record<string, unknown>;
    return { items: await annualReports.countedCases(agencyId, year, String(query.kind ?? ''), String(query.measure ?? ''), signedIn(request).user) };
  });

  app.get('/api/staff/annual-reports/:agencyId/:year/trends', async (request) => {
    const { agencyId, year } = reportKey(request);
    return annualReports.trends(agencyId, year, signedIn(request).user);
  });

  app.put('/api/staff/annual-reports/:agencyId/:year', async (request) => {
    const { agencyId, year } = reportKey(request);
    return annualReports.save(agencyId, year, request.body, signedIn(request).user, requestActor(request));
  });

  app.post('/api/staff/annual-reports/:agencyId/:year/publish', async (request) => {
    const { agencyId, year } = reportKey(request);
    return annualReports.publish(agencyId, year, request.body, signedIn(request).user, requestActor(request));
  });

  app.get('/api/annual-reports', async () => ({ items: await annualReports.publishedList() }));

  app.get('/api/annual-reports/:agencyId/:year', async (request) => {
    const { agencyId, year } = reportKey(request);
    const report = await annualReports.published(agencyId, year);
    if (!report) throw new AppError('not_found', '这一年度的报告尚未发布');
    return report;
  });

  /** The published report as a file, for download: PDF, Word or a workbook. */
  const formats = {
    pdf: { type: 'application/pdf', make: (report: AnnualReportView) => reportPdf(report, context.config.font) },
    docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', make: reportDocx },
    xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', make: reportXlsx },
  } as const;
  for (const [extension, format] of Object.entries(formats)) {
    app.get(`/annual-reports/:agencyId/:year/report.${extension}`, async (request, reply) => {
      const { agencyId, year } = reportKey(request);
      const report = await annualReports.published(agencyId, year);
      if (!report) throw new AppError('not_found', '这一年度的报告尚未发布');
      const name = `${report.agency.name}${report.year}年政府信息公开工作年度报告.${extension}`;
      reply.type(format.type);
      reply.header('content-disposition', `attachment; filename="annual-report-${year}.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      return format.make(report);
    });
  }
}
