export { createHarvestService, type HarvestService } from './harvest.service.ts';
export type * from './harvest.types.ts';
