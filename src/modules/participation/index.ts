export { messageActionForms, messageForm, ratingForm } from './participation.actions.ts';
export { participationModule } from './participation.module.ts';
export { createParticipationService, type MessageFile, type MessageReceipt, type ParticipationService } from './participation.service.ts';
export * from './participation.types.ts';
