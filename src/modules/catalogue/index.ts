export { catalogueModule } from './catalogue.module.ts';
export { qualityOf, type AgencyEvaluation, type Quality } from './catalogue.quality.ts';
/** For the assessment module (Art. 24 annual evaluation): each agency's catalogue figures. */
export { catalogueEvaluation, createCatalogueService, type CatalogueService } from './catalogue.service.ts';
export * from './catalogue.types.ts';
