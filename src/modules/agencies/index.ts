export { listAgencies, registerIssuingAgencies, type Agency } from './agencies.repository.ts';
