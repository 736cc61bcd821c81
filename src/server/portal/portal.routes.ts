import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.ts';
import { browseCounts, listGazetteIssues, todayInChina } from '../../modules/documents/index.ts';
import { readSearchParams } from '../../modules/search/index.ts';
import { faviconCacheControl, faviconIco, faviconSvg } from './favicon.ts';
import { homeBody } from './home.page.ts';
import { sendPage } from './parts.ts';

/**
 * The portal's own pages: the home page and the icons. Each module serves
 * its public pages (documents, gazettes, search: their *.pages.ts).
 */
export function registerPortal(app: FastifyInstance, context: AppContext): void {
  const { db, search } = context;

  app.get('/', async (request, reply) => {
    const today = todayInChina();
    const [latest, normativeInForce, counts, gazettes] = await Promise.all([
      search.search(readSearchParams({ sort: 'date', pageSize: 10 }, today)),
      search.search(readSearchParams({ sort: 'date', pageSize: 8, normative: 'true', validity: '现行有效' }, today)),
      browseCounts(db),
      listGazetteIssues(db),
    ]);
    return sendPage(request, reply, '首页', homeBody({ latest, normativeInForce, ...counts, gazettes }), {
      description: '政府文件库:政府公报与政府文件的统一检索、有效性与解读',
    });
  });

  // Browsers ask for /favicon.ico on every page; the pages link the SVG.
  app.get('/favicon.ico', async (_request, reply) => reply.header('cache-control', faviconCacheControl).type('image/x-icon').send(faviconIco));
  app.get('/favicon.svg', async (_request, reply) => reply.header('cache-control', faviconCacheControl).type('image/svg+xml').send(faviconSvg));
}
