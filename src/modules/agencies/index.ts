export { agencyCodesByName, agencyNamesByAlias, findAgencyByName, listAgencies, readAgency, registerIssuingAgencies, type Agency, type AgencyChange } from './agencies.repository.ts';
export { aliasesOf, parentNameOf } from './agencies.rules.ts';
export { createAgencyService, type AgencyService } from './agencies.service.ts';
