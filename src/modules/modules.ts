import type { AppContext } from '../app.ts';
import type { DeadlineRule } from '../core/clock/index.ts';
import { collect, type ModuleManifest } from '../core/module.ts';
import { agenciesModule } from './agencies/agencies.module.ts';
import { assessmentModule } from './assessment/assessment.module.ts';
import { assistanceModule } from './assistance/assistance.module.ts';
import { catalogueModule } from './catalogue/catalogue.module.ts';
import { disclosureModule } from './disclosure/disclosure.module.ts';
import { documentsModule } from './documents/documents.module.ts';
import { harvestModule } from './harvest/harvest.module.ts';
import { participationModule } from './participation/participation.module.ts';
import { publicationModule } from './publication/publication.module.ts';
import { searchModule } from './search/search.module.ts';
import { supervisionModule } from './supervision/supervision.module.ts';

/**
 * The modules of the application, in the order their services are built (a
 * module may use those before it). Adding a module: its folder, one line
 * here, its migration (docs/adr/0007-modules.md).
 */
export const modules: readonly ModuleManifest<AppContext>[] = [
  agenciesModule,
  documentsModule,
  harvestModule,
  searchModule,
  publicationModule,
  disclosureModule,
  participationModule,
  assistanceModule,
  catalogueModule,
  supervisionModule,
  assessmentModule,
];

/** Every module's deadline rules: the defaults a new installation starts with. */
export const deadlineRules: readonly DeadlineRule[] = modules.flatMap((module) => module.deadlineRules ?? []);

export const moduleAuditActions = collect(modules, (module) => module.auditActions);
export const moduleAuditSubjects = collect(modules, (module) => module.auditSubjects);
export const moduleAuditSubjectNames = collect(modules, (module) => module.auditSubjectNames);
export const moduleOpenApiPaths = collect(modules, (module) => module.openApiPaths);
export const moduleCommands = collect(modules, (module) => module.commands);
export const moduleMeasures = collect(modules, (module) => module.measures);
export const moduleDueWork = collect(modules, (module) => module.dueWork);
export const modulePendingWork = modules.flatMap((module) => module.pendingWork ?? []);
export const moduleDocumentPanels = modules.flatMap((module) => (module.documentPanel ? [module.documentPanel] : []));
