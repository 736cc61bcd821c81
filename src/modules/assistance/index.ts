export { matterChangeForms, matterForm, requestActionForms, requestForm } from './assistance.actions.ts';
export { assistanceModule } from './assistance.module.ts';
export { createAssistanceService, type AssistanceService, type Monitor, type RequestFile } from './assistance.service.ts';
export * from './assistance.types.ts';
