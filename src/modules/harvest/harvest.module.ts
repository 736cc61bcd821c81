import type { AppContext } from '../../app.ts';
import type { ModuleManifest } from '../../core/module.ts';
import { harvestCommand } from './harvest.command.ts';
import { createHarvestService, type HarvestService } from './harvest.service.ts';

declare module '../../app.ts' {
  interface AppContext {
    /** Harvesting agencies' portals into the library (gongkai harvest). */
    harvest: HarvestService;
  }
}

/** Harvesting a portal's document pages into the library, through the same ingestion as files. */
export const harvestModule: ModuleManifest<AppContext> = {
  name: 'harvest',
  label: '网站采集',
  services: (context) => ({
    harvest: createHarvestService(context.db, context.ingest, { maxBytes: context.config.limits.maxFileBytes, publicUrl: context.config.server.publicUrl }),
  }),
  commands: { harvest: harvestCommand },
};
