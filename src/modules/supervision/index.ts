export { auditItemActionForms, auditItemForm, auditReportForm, importForm, nameMappingForm, taskActionForms, taskForm } from './supervision.actions.ts';
export { supervisionModule } from './supervision.module.ts';
export { createRectificationService, type RectificationService } from './rectification.service.ts';
export { createSupervisionService, type SupervisionService } from './supervision.service.ts';
export * from './supervision.types.ts';
