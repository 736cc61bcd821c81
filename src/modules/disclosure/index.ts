export { createDisclosureService, type DisclosureService, type Receipt, type StaffActor, type Tracking } from './disclosure.service.ts';
export { perItemFee, perVolumeFee, allowedActions, actionLabels } from './disclosure.rules.ts';
export * from './disclosure.types.ts';
