export { maskAddress, maxAttempts, retryDelayAfter } from './mail.rules.ts';
export { createMailService, smtpTransport, type MailConfig, type MailService } from './mail.service.ts';
export { mailStates, type MailState, type MailTransport, type OutgoingMail, type QueuedMail } from './mail.types.ts';
