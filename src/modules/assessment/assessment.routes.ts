import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError } from '../../core/errors.ts';
import { positiveId } from '../../server/http.params.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';
import { resultsCsv } from './assessment.csv.ts';

const yearOf = (request: FastifyRequest) => {
  const { year } = request.params as { year: string };
  if (!/^\d{4}$/.test(year)) throw new AppError('not_found', '没有这一年度');
  return Number(year);
};
const idOf = (request: FastifyRequest, name: string) => positiveId((request.params as Record<string, string>)[name] ?? '');

/** The assessment as JSON: supervisors keep the scheme, judge, adjust and publish; anyone reads published results (also as CSV). */
export function registerAssessmentApi(app: FastifyInstance, context: AppContext): void {
  const { assessment } = context;

  app.get('/api/staff/assessment/:year/scheme', async (request) => assessment.scheme(yearOf(request)));
  app.put('/api/staff/assessment/:year/scheme', async (request) => ({
    version: await assessment.changeScheme(yearOf(request), request.body, signedIn(request).user, requestActor(request)),
  }));
  app.get('/api/staff/assessment/:year/:rootAgencyId', async (request) => assessment.run(yearOf(request), idOf(request, 'rootAgencyId'), signedIn(request).user));
  app.post('/api/staff/assessment/:year/agencies/:agencyId/judge', async (request) => {
    await assessment.judge(yearOf(request), idOf(request, 'agencyId'), request.body, signedIn(request).user, requestActor(request));
    return { ok: true };
  });
  app.post('/api/staff/assessment/:year/agencies/:agencyId/adjust', async (request) => {
    await assessment.adjust(yearOf(request), idOf(request, 'agencyId'), request.body, signedIn(request).user, requestActor(request));
    return { ok: true };
  });
  app.post('/api/staff/assessment/:year/:rootAgencyId/publish', async (request) =>
    assessment.publish(yearOf(request), idOf(request, 'rootAgencyId'), request.body, signedIn(request).user, requestActor(request)),
  );

  app.get('/api/assessment-results', async () => ({ items: await assessment.resultsList() }));
  app.get('/api/assessment-results/:year/:rootAgencyId', async (request) => {
    const results = await assessment.results(yearOf(request), idOf(request, 'rootAgencyId'));
    if (!results) throw new AppError('not_found', '这一年度的考核评估结果尚未发布');
    return results;
  });
  app.get('/assessment-results/:year/:rootAgencyId/results.csv', async (request, reply) => {
    const results = await assessment.results(yearOf(request), idOf(request, 'rootAgencyId'));
    if (!results) throw new AppError('not_found', '这一年度的考核评估结果尚未发布');
    reply.type('text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="assessment-${results.year}.csv"`);
    return resultsCsv(results);
  });
}
