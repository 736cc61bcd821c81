import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { wishesOpenApi } from './wishes.openapi.ts';
import { wishCodesOf } from './wishes.repository.ts';
import { registerWishApi } from './wishes.routes.ts';
import { registerWishPages } from './wishes.pages.ts';
import { createWishService, type WishService } from './wishes.service.ts';
import { resourcesFallingDue } from './catalogue.reminders.queries.ts';
import { catalogueCommand } from './catalogue.commands.ts';
import { catalogueOpenApi } from './catalogue.openapi.ts';
import { registerCataloguePages } from './catalogue.pages.ts';
import { cataloguePolicy } from './catalogue.policy.ts';
import { requestCodesOf, resourceNamesOf } from './catalogue.repository.ts';
import { registerCatalogueApi } from './catalogue.routes.ts';
import { createCatalogueService, type CatalogueService } from './catalogue.service.ts';
import { requestActionLabels } from './catalogue.types.ts';
import { catalogueMeasures } from './catalogue.measures.ts';

declare module '../../app.ts' {
  interface AppContext {
    /** The public data catalogue (公共数据资源目录) and requests for data. */
    catalogue: CatalogueService;
    /** Requests for data the catalogue does not list (目录外数据需求). */
    catalogueWishes: WishService;
  }
}

/** Without CATALOGUE_LINK_SECRET each process signs with its own: links then last only until a restart, and only on the process that made them. */
const processLinkSecret = randomBytes(32).toString('hex');

/** The public data catalogue (公共数据资源目录, docs/domain.md G). */
export const catalogueModule: ModuleManifest<AppContext> = {
  name: 'catalogue',
  measures: catalogueMeasures,
  label: '公共数据目录',
  policy: cataloguePolicy,
  services: (context) => ({ catalogue: createCatalogueService(context.db, { linkSecret: context.config.catalogue.linkSecret ?? processLinkSecret }), catalogueWishes: createWishService(context.db) }),
  routes(app, context) {
    registerCatalogueApi(app, context);
    registerCataloguePages(app, context);
    registerWishApi(app, context);
    registerWishPages(app, context);
  },
  portalNav: [{ href: '/catalogue', label: '开放数据' }],
  openApiPaths: { ...catalogueOpenApi, ...wishesOpenApi },
  auditActions: {
    'catalogue.create': '登记数据资源',
    'catalogue.update': '修改数据资源目录',
    'catalogue.propose_restriction': '提出调整为更严格的共享、开放属性',
    'catalogue.approve_restriction': '批准调整为更严格的属性',
    'catalogue.refuse_restriction': '不批准调整为更严格的属性',
    'catalogue.data_updated': '登记数据更新',
    'catalogue.import': '导入数据资源目录',
    'catalogue.request': '收到数据申请',
    'catalogue.dispute': '数据申请人提出异议',
    'catalogue.report_use': '数据申请人报告使用情况',
    'catalogue.wish': '收到目录外数据需求',
    'catalogue.wish_answer': '答复目录外数据需求',
    'catalogue.add_distribution': '上传数据文件',
    'catalogue.upload_version': '上传数据文件的新版本',
    'catalogue.add_api_link': '登记数据接口',
    ...Object.fromEntries(Object.entries(requestActionLabels).map(([action, label]) => [`catalogue.${action}`, `数据申请:${label}`])),
  },
  auditSubjects: { catalogue_resource: '数据资源', catalogue_request: '数据申请', catalogue_wish: '目录外数据需求' },
  auditSubjectNames: { catalogue_resource: resourceNamesOf, catalogue_request: requestCodesOf, catalogue_wish: wishCodesOf },
  dueWork: { catalogue_resource: resourcesFallingDue },
  securitySweep: [
    { url: '/api/staff/catalogue', payload: { name: '测试' } },
    { url: '/api/staff/catalogue/1', payload: { name: '测试' } },
    { url: '/api/staff/catalogue/import', payload: {} },
    { url: '/api/staff/catalogue/1/updated', payload: { on: '2026-01-05' } },
    { url: '/api/staff/catalogue/1/requests', payload: { purpose: '履职', scenario: '场景' } },
    { url: '/api/staff/catalogue/1/distributions', payload: {} },
    { url: '/api/staff/catalogue/1/distributions/links', payload: { title: '接口', url: 'https://example.org/api', description: '说明' } },
    { url: '/api/staff/catalogue/1/distributions/1/versions', payload: {} },
    { url: '/api/staff/catalogue/restrictions/1/approve', payload: { note: '同意' } },
    { url: '/api/staff/catalogue-requests/1/refuse', payload: { on: '2026-01-05', reason: '理由' } },
    { url: '/api/staff/catalogue-wishes/1/answer', payload: { outcome: 'not_held', answer: '本区未掌握', publishedTitle: '测试' } },
  ],
  commands: { catalogue: catalogueCommand },
};
