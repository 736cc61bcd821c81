import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';

/** Search of the document library in Chinese (docs/adr/0002). */
export const searchModule: ModuleManifest<AppContext> = {
  name: 'search',
  label: '检索',
};
