export { createPublicationService, type PublicationService, type PublicationView, type PublishingActor } from './publication.service.ts';
export { attributes, publicationStates, type Attribute, type Publication, type PublicationAnnex, type PublicationState } from './publication.types.ts';
export { publishedText, queuesOf, reasonsToReturn, type Queues } from './publication.rules.ts';
export type { DocumentConflict, RepairResult } from './publication.conflicts.repository.ts';
