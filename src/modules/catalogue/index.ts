export { catalogueModule } from './catalogue.module.ts';
export { createCatalogueService, type CatalogueService } from './catalogue.service.ts';
export * from './catalogue.types.ts';
