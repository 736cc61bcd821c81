import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app.ts';
import { AppError, describeError, isAppError } from '../../core/errors.ts';
import { positiveId, uploadedFile } from '../../server/http.params.ts';
import { contentDisposition } from '../files/index.ts';
import { maxDistributionBytes } from './catalogue.distributions.rules.ts';
import type { ServedFile } from './catalogue.distributions.ts';
import { publicActor, submissionRateLimit, trackingRateLimit } from '../../server/public.http.ts';
import { requestActor, signedIn } from '../../server/staff/staff.session.ts';
import { facetFields, organizationDict, organizationName, packageDict, packageKey, parseFilterQuery, searchFacets, type FacetField } from './catalogue.ckan.ts';
import { dcatCatalog } from './catalogue.dcat.ts';
import { toTurtle } from './catalogue.turtle.ts';
import { maxTemplateBytes } from './catalogue.template.ts';
import { requestStates, type ResourceRow } from './catalogue.types.ts';

const ckanErrorTypes: Record<number, string> = { 400: 'Validation Error', 404: 'Not Found Error', 403: 'Authorization Error' };

/** The catalogue's JSON: CKAN's Action API (read side), DCAT, the public request API, and the staff API (session and CSRF as every staff call). */
export function registerCatalogueApi(app: FastifyInstance, context: AppContext): void {
  const { catalogue } = context;
  const base = () => context.config.server.publicUrl;
  const distributionsOf = async (resource: ResourceRow) => (await catalogue.distributions.ofOpenResources([resource])).get(resource.id) ?? [];

  const ckanActions: Record<string, (query: Record<string, string>) => Promise<unknown>> = {
    async package_list(query) {
      const keys = await catalogue.openResourceKeys();
      const offset = Number(query.offset ?? 0) || 0;
      const limit = query.limit === undefined ? keys.length : Math.max(0, Number(query.limit) || 0);
      return keys.slice(offset, offset + limit).map((key) => `catalogue-${key.id}`);
    },
    async package_show(query) {
      const key = packageKey(String(query.id ?? ''));
      const resource = key ? await catalogue.openResource(key) : null;
      if (!resource) throw new AppError('not_found', 'Not found');
      return packageDict(resource, base(), await distributionsOf(resource));
    },
    async package_search(query) {
      const rows = Math.min(1000, Math.max(0, query.rows === undefined ? 10 : Number(query.rows) || 0));
      const start = Math.max(0, Number(query.start ?? 0) || 0);
      const q = String(query.q ?? '').replace(/^\*:\*$/, '').trim().slice(0, 100);
      const fq = parseFilterQuery(String(query.fq ?? ''));
      if (fq.unknown.length > 0) throw new AppError('validation_failed', `fq: unsupported field ${fq.unknown.join(', ')}`);
      const agencyIds = fq.organizations.map((name) => Number(/^agency-(\d{1,12})$/.exec(name)?.[1] ?? 0));
      const sort = String(query.sort ?? '').startsWith('name') || String(query.sort ?? '').startsWith('title') ? 'name' : 'updated';
      let fields: FacetField[] = [];
      if (query['facet.field']) {
        try {
          const asked = JSON.parse(String(query['facet.field'])) as unknown;
          if (!Array.isArray(asked)) throw new Error('not a list');
          fields = asked.filter((field): field is FacetField => (facetFields as readonly string[]).includes(String(field)));
        } catch {
          throw new AppError('validation_failed', 'facet.field: should be a JSON list');
        }
      }
      const found = await catalogue.search({ words: q.split(/\s+/).filter(Boolean).slice(0, 5), agencyIds, keywords: fq.tags, formats: fq.formats, sort, facets: fields.length > 0, offset: start, limit: rows });
      const distributions = await catalogue.distributions.ofOpenResources(found.items);
      return { count: found.total, sort: sort === 'name' ? 'name asc' : 'metadata_modified desc', results: found.items.map((item) => packageDict(item, base(), distributions.get(item.id) ?? [])), ...searchFacets(found.facets, fields) };
    },
    async organization_list(query) {
      const agencies = await catalogue.publishingAgencies();
      return query.all_fields === 'true' ? agencies.map((agency) => organizationDict(agency, base())) : agencies.map((agency) => organizationName(agency.id));
    },
    async organization_show(query) {
      const agencies = await catalogue.publishingAgencies();
      const agency = agencies.find((a) => organizationName(a.id) === query.id);
      if (!agency) throw new AppError('not_found', 'Not found');
      return organizationDict(agency, base());
    },
    tag_list: () => catalogue.openKeywords(),
    async resource_show(query) {
      const match = /^([0-9a-f-]{36})-(\d{1,12})$/.exec(String(query.id ?? ''));
      const resource = match ? await catalogue.openResource({ uuid: match[1]! }) : null;
      const found = resource ? packageDict(resource, base(), await distributionsOf(resource)).resources.find((r) => r.id === query.id) : undefined;
      if (!found) throw new AppError('not_found', 'Not found');
      return found;
    },
    async status_show() {
      return { site_title: '公共数据开放目录', site_url: base(), ckan_version: '2.10.0', site_description: 'Gongkai 公共数据目录(CKAN Action API 只读兼容)', locale_default: 'zh_Hans_CN', extensions: [] };
    },
  };

  app.get('/api/3/action/:action', async (request, reply) => {
    const { action } = request.params as { action: string };
    const help = `${base()}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
    reply.header('access-control-allow-origin', '*');
    if (!Object.hasOwn(ckanActions, action)) {
      reply.status(400);
      return { help, success: false, error: { __type: 'Bad request', message: `Bad request - Action name not known: ${action}` } };
    }
    try {
      return { help, success: true, result: await ckanActions[action]!(request.query as Record<string, string>) };
    } catch (error) {
      if (!isAppError(error)) throw error;
      const described = describeError(error);
      reply.status(described.http === 400 ? 409 : described.http);
      return { help, success: false, error: { __type: ckanErrorTypes[described.http] ?? 'Error', message: error.message } };
    }
  });

  const catalog = async (reply: FastifyReply) => {
    const { items } = await catalogue.search({ offset: 0, limit: 100_000, sort: 'name' });
    reply.type('application/ld+json; charset=utf-8').header('access-control-allow-origin', '*');
    return dcatCatalog(items, await catalogue.distributions.ofOpenResources(items), base(), '公共数据开放目录');
  };
  app.get('/catalog.jsonld', async (_request, reply) => catalog(reply));
  app.get('/catalogue.jsonld', async (_request, reply) => catalog(reply));
  app.get('/catalog.ttl', async (_request, reply) => {
    const document = await catalog(reply);
    reply.type('text/turtle; charset=utf-8');
    return toTurtle(document);
  });

  // Requests for data (Art. 17), from anyone, followed by a tracking code.
  app.post('/api/catalogue/:id/requests', { config: { rateLimit: submissionRateLimit } }, async (request, reply) => {
    const receipt = await catalogue.requests.submitPublic(positiveId((request.params as { id: string }).id), request.body, publicActor(request));
    reply.status(201);
    return receipt;
  });
  app.get('/api/catalogue/requests/:code', { config: { rateLimit: trackingRateLimit } }, async (request, reply) => {
    const tracking = await catalogue.requests.track((request.params as { code: string }).code);
    if (!tracking) throw new AppError('not_found', '没有这件申请');
    reply.header('cache-control', 'no-store');
    return tracking;
  });
  app.post('/api/catalogue/requests/:code/dispute', { config: { rateLimit: submissionRateLimit } }, async (request) => {
    await catalogue.requests.dispute((request.params as { code: string }).code, request.body, publicActor(request));
    return { ok: true };
  });

  // Staff: the agency's catalogue, its versions, stricter attributes to approve, imports and exports, requests to review.
  const user = (request: FastifyRequest) => signedIn(request).user;
  const id = (request: FastifyRequest) => positiveId((request.params as { id: string }).id);
  app.get('/api/staff/catalogue', async (request) => ({ items: await catalogue.list(user(request)) }));
  app.post('/api/staff/catalogue', async (request, reply) => {
    const saved = await catalogue.create(request.body, user(request), requestActor(request));
    reply.status(201);
    return saved;
  });
  app.get('/api/staff/catalogue/shared', async (request) => ({ items: await catalogue.shareable(user(request)) }));
  app.get('/api/staff/catalogue/evaluation', async (request) => ({ items: await catalogue.evaluation(user(request)) }));
  app.get('/api/staff/catalogue/restrictions', async (request) => ({ items: await catalogue.restrictions(user(request)) }));
  app.post('/api/staff/catalogue/restrictions/:id/:decision', async (request) => {
    await catalogue.decideRestriction(id(request), (request.params as { decision: string }).decision, request.body ?? {}, user(request), requestActor(request));
    return { ok: true };
  });
  app.get('/api/staff/catalogue/export', async (request, reply) => {
    const query = request.query as Record<string, string>;
    const staff = user(request);
    const agencyId = query.agency ? positiveId(query.agency) : staff.agencyId;
    if (agencyId === null) throw new AppError('validation_failed', '请指定机关(agency)');
    const format = query.format === 'csv' ? 'csv' : 'xlsx';
    const bytes = await catalogue.exportSheet(agencyId, format, staff);
    reply
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="catalogue-${agencyId}.${format}"`);
    return reply.send(bytes);
  });
  // The template as the raw body (XLSX or CSV, told apart by content): no multipart parser, and only this route takes bytes.
  app.register(async (files) => {
    files.addContentTypeParser(['application/octet-stream', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], { parseAs: 'buffer', bodyLimit: maxTemplateBytes }, (_request, body, done) => done(null, body));
    files.post('/api/staff/catalogue/import', async (request) => {
      if (!Buffer.isBuffer(request.body)) throw new AppError('unsupported_media_type', '表格应以 application/octet-stream 上传');
      const staff = user(request);
      if (staff.agencyId === null) throw new AppError('forbidden', '只有提供单位的工作人员可以导入数据资源目录');
      return catalogue.importSheet(request.body, staff.agencyId, staff, requestActor(request));
    });
  });
  // A resource's data: files go as the raw body (application/octet-stream) named in x-file-name, as supervision's evidence does.
  const distributionId = (request: FastifyRequest) => positiveId((request.params as { distributionId: string }).distributionId);
  app.register(async (files) => {
    // Twice the limit, so that a file a little too large is told so by the service in words, not refused by the parser.
    files.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: maxDistributionBytes * 2 }, (_request, body, done) => done(null, body));
    files.post('/api/staff/catalogue/:id/distributions', async (request, reply) => {
      const file = uploadedFile(request);
      const saved = await catalogue.distributions.upload(id(request), file, user(request), requestActor(request));
      reply.status(201);
      return saved;
    });
    files.post('/api/staff/catalogue/:id/distributions/:distributionId/versions', async (request, reply) => {
      const file = uploadedFile(request);
      const saved = await catalogue.distributions.uploadVersion(id(request), distributionId(request), file, user(request), requestActor(request));
      reply.status(201);
      return saved;
    });
  });
  app.post('/api/staff/catalogue/:id/distributions/links', async (request, reply) => {
    const saved = await catalogue.distributions.addLink(id(request), request.body ?? {}, user(request), requestActor(request));
    reply.status(201);
    return saved;
  });
  app.get('/api/staff/catalogue/:id/distributions', async (request) => catalogue.distributions.list(id(request), user(request)));
  app.get('/api/staff/catalogue/:id/distributions/:distributionId/versions/:version', async (request, reply) => {
    const version = positiveId((request.params as { version: string }).version);
    return sendDataFile(reply, await catalogue.distributions.staffFile(id(request), distributionId(request), version, user(request)));
  });
  app.get('/api/staff/catalogue/:id', async (request) => catalogue.file(id(request), user(request)));
  app.post('/api/staff/catalogue/:id', async (request) => catalogue.update(id(request), request.body, user(request), requestActor(request)));
  app.post('/api/staff/catalogue/:id/updated', async (request) => {
    await catalogue.markUpdated(id(request), request.body ?? {}, user(request), requestActor(request));
    return { ok: true };
  });
  app.post('/api/staff/catalogue/:id/requests', async (request, reply) => {
    const receipt = await catalogue.requests.submitShared(id(request), request.body, user(request), requestActor(request));
    reply.status(201);
    return receipt;
  });
  app.get('/api/staff/catalogue-requests', async (request) => {
    const state = (request.query as Record<string, string>).state;
    return { items: await catalogue.requests.list(user(request), state && Object.hasOwn(requestStates, state) ? (state as keyof typeof requestStates) : undefined) };
  });
  app.get('/api/staff/catalogue-requests/:id', async (request) => catalogue.requests.file(id(request), user(request)));
  app.post('/api/staff/catalogue-requests/:id/:action', async (request) => ({
    state: await catalogue.requests.act(id(request), (request.params as { action: string }).action, request.body ?? {}, user(request), requestActor(request)),
  }));
}

/**
 * A data file as a download, never a page of the site: its checked type, not
 * sniffed (nosniff), as an attachment, sandboxed should a browser show it anyway.
 */
export function sendDataFile(reply: FastifyReply, file: ServedFile, cache = 'no-store') {
  return reply
    .type(file.contentType)
    .header('content-disposition', contentDisposition(file.name, false))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', cache)
    .send(file.data);
}
