import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { searchOpenApi } from './search.openapi.ts';
import { registerSearchPages } from './search.pages.ts';
import { registerSearchApi } from './search.routes.ts';

/** Search of the document library in Chinese (docs/adr/0002). */
export const searchModule: ModuleManifest<AppContext> = {
  name: 'search',
  label: '检索',
  routes(app, context) {
    registerSearchApi(app, context);
    registerSearchPages(app, context);
  },
  openApiPaths: searchOpenApi,
};
