import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { parseInput } from '../../core/validation.ts';
import { readAgency } from '../agencies/index.ts';
import { dataUpdatedForm, restrictionDecisionForms, restrictionReasonForm } from './catalogue.actions.ts';
import { cataloguePolicy } from './catalogue.policy.ts';
import { findAgencyResources, findShareableResources, listOpenKeywords, listOpenResourceKeys, listPublishingAgencies, readOpenResource, searchOpenResources, type CatalogueFilter, type Facets } from './catalogue.queries.ts';
import * as repository from './catalogue.repository.ts';
import { createRequestService, type RequestService } from './catalogue.requests.ts';
import { evaluateAgencies, qualityOf, type AgencyEvaluation, type Quality } from './catalogue.quality.ts';
import { isBigDataCentre, restrictionsOf, withAttributesOf } from './catalogue.rules.ts';
import { checkedEntry, saveVersion } from './catalogue.versions.ts';
import { createDistributionService, type DistributionService } from './catalogue.distributions.ts';
import { importRows, type ImportSummary } from './catalogue.import.ts';
import { readSheet, writeCsv, writeXlsx } from './catalogue.template.ts';
import type { ResourceRow, ResourceVersion, Restriction } from './catalogue.types.ts';

export type CatalogueAbility = keyof typeof cataloguePolicy.rules;

export interface ResourceFile {
  resource: ResourceRow;
  versions: ResourceVersion[];
  pendingRestriction: Restriction | null;
  abilities: Record<CatalogueAbility, boolean>;
}

/** What saving an entry did: saved as a new version, or held for approval (a stricter attribute). */
export type SaveResult = { saved: true; id: number; version: number } | { saved: false; id: number; restrictionId: number; stricter: string[] };

export interface CatalogueService {
  create(input: unknown, user: StaffUser, actor: Actor): Promise<SaveResult>;
  /** `input` is the entry form, plus `changeReason` when an attribute becomes stricter. */
  update(id: number, input: unknown, user: StaffUser, actor: Actor): Promise<SaveResult>;
  decideRestriction(id: number, decision: string, input: unknown, user: StaffUser, actor: Actor): Promise<void>;
  /** Records that the resource's data was refreshed (the update-frequency check reads it). */
  markUpdated(id: number, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<void>;
  file(id: number, user: StaffUser): Promise<ResourceFile>;
  /** The reader's catalogue, each entry with its quality (Art. 13) and whether its update is overdue. */
  list(user: StaffUser, today?: string): Promise<(ResourceRow & { quality: Quality })[]>;
  /** Each agency's figures for the annual evaluation (Art. 24), for the assessment module. */
  evaluation(user: StaffUser, today?: string): Promise<AgencyEvaluation[]>;
  restrictions(user: StaffUser): Promise<Restriction[]>;
  /** Other agencies' shareable resources, for an agency's staff to request (Art. 16). */
  shareable(user: StaffUser): Promise<ResourceRow[]>;
  /** Imports a template file into an agency's catalogue: all rows or none. `user` null: an operator at the command line. */
  importSheet(bytes: Uint8Array, agencyId: number, user: StaffUser | null, actor: Actor): Promise<ImportSummary>;
  exportSheet(agencyId: number, format: 'xlsx' | 'csv', user: StaffUser | null): Promise<Buffer>;
  /** The public side: open resources only (not 非开放). */
  search(filter: CatalogueFilter): Promise<{ items: ResourceRow[]; total: number; facets: Facets }>;
  openResource(key: { id?: number; uuid?: string }): Promise<ResourceRow | null>;
  openResourceKeys(): Promise<{ id: number; uuid: string }[]>;
  publishingAgencies(): Promise<{ id: number; name: string; count: number }[]>;
  openKeywords(): Promise<string[]>;
  requests: RequestService;
  /** The resources' data: uploaded files (versioned) and API links, and who may download them. */
  distributions: DistributionService;
}

/** Whose catalogue a reader sees: their agency's; every agency's for supervisors and the big-data centre (Art. 13: it monitors quality). */
const readerScope = (user: StaffUser) => (isBigDataCentre(user.agencyName) ? null : user.agencyId);

/** Every agency's evaluation figures (Art. 24), for the assessment module: no user, the whole district. */
export async function catalogueEvaluation(db: Queryable, today: string): Promise<AgencyEvaluation[]> {
  return evaluateAgencies(await findAgencyResources(db, null), today);
}

const isDuplicate = (error: unknown) => typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === '23505';

export function createCatalogueService(db: Database, options: { linkSecret: string }): CatalogueService {
  const distributions = createDistributionService(db, options);
  async function readable(tx: Queryable, id: number, user: StaffUser, lock = false): Promise<ResourceRow> {
    const resource = await repository.readResource(tx, id, { lock });
    if (!resource || !cataloguePolicy.can(user, 'read', resource)) throw new AppError('not_found', '没有这项数据资源');
    return resource;
  }
  const named = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (isDuplicate(error)) throw new AppError('conflict', '本单位已有同名的数据资源', { field: 'name' });
      throw error;
    }
  };

  return {
    async create(input, user, actor) {
      if (user.agencyId === null) throw new AppError('forbidden', cataloguePolicy.rules.edit.refusal);
      const agencyId = user.agencyId;
      cataloguePolicy.check(user, 'edit', { agencyId });
      const entry = checkedEntry(input);
      return named(() =>
        db.transaction(async (tx) => {
          const saved = await saveVersion(tx, actor, { id: null, agencyId, before: null }, entry);
          return { saved: true as const, ...saved };
        }),
      );
    },

    async update(id, input, user, actor) {
      const { changeReason, ...body } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      const entry = checkedEntry(body);
      return named(() =>
        db.transaction(async (tx) => {
          const resource = await readable(tx, id, user, true);
          cataloguePolicy.check(user, 'edit', resource);
          const stricter = restrictionsOf(resource, entry);
          if (stricter.length === 0) return { saved: true as const, ...(await saveVersion(tx, actor, { id, agencyId: resource.agencyId, before: resource }, entry)) };
          // Art. 14 and the city platforms: a stricter attribute takes a reason, and a second member of staff.
          const { changeReason: reason } = parseInput(formSchema(restrictionReasonForm), changeReason === undefined ? {} : { changeReason });
          if (await repository.pendingRestrictionOf(tx, id)) throw new AppError('conflict', '这项数据资源已有待审批的属性调整');
          const restrictionId = await repository.insertRestriction(tx, { resourceId: id, proposed: entry, baseVersion: resource.version, reason, proposedBy: user.id });
          await recordAudit(tx, actor, { action: 'catalogue.propose_restriction', subjectType: 'catalogue_resource', subjectId: String(id), before: { sharing: resource.sharing, open: resource.open }, after: { sharing: entry.sharing, open: entry.open, reason, restrictionId } });
          return { saved: false as const, id, restrictionId, stricter };
        }),
      );
    },

    async decideRestriction(id, decision, input, user, actor) {
      if (decision !== 'approve' && decision !== 'refuse') throw new AppError('not_found', '没有这项操作');
      const { note } = parseInput(formSchema(restrictionDecisionForms[decision]), input) as { note?: string };
      await named(() =>
        db.transaction(async (tx) => {
          const restriction = await repository.readRestriction(tx, id, { lock: true });
          if (!restriction || !cataloguePolicy.can(user, 'read', restriction)) throw new AppError('not_found', '没有这项属性调整申请');
          cataloguePolicy.check(user, 'approve_restriction', restriction);
          if (restriction.state !== 'pending') throw new AppError('invalid_transition', '这项属性调整已经审批过了');
          if (restriction.proposedBy === user.id) throw new AppError('forbidden', '属性调整须由提出人以外的管理员审批');
          await repository.decideRestriction(tx, id, { state: decision === 'approve' ? 'approved' : 'refused', by: user.id, note: note ?? null });
          await recordAudit(tx, actor, { action: decision === 'approve' ? 'catalogue.approve_restriction' : 'catalogue.refuse_restriction', subjectType: 'catalogue_resource', subjectId: String(restriction.resourceId), after: { restrictionId: id, note: note ?? null } });
          if (decision === 'approve') {
            const resource = (await repository.readResource(tx, restriction.resourceId, { lock: true }))!;
            // Edited since the proposal: only the attributes it was about are applied, over the newer entry.
            const approved = resource.version === restriction.baseVersion ? restriction.proposed : withAttributesOf(resource, restriction.proposed);
            await saveVersion(tx, actor, { id: resource.id, agencyId: resource.agencyId, before: resource }, approved);
          }
        }),
      );
    },

    async markUpdated(id, input, user, actor, today = todayInChina()) {
      const { on } = parseInput(formSchema(dataUpdatedForm), input);
      await db.transaction(async (tx) => {
        const resource = await readable(tx, id, user, true);
        cataloguePolicy.check(user, 'edit', resource);
        if (on > today) throw new AppError('validation_failed', '更新日期不能晚于今天');
        await repository.markDataUpdated(tx, id, on);
        await recordAudit(tx, actor, { action: 'catalogue.data_updated', subjectType: 'catalogue_resource', subjectId: String(id), before: { dataUpdatedOn: resource.dataUpdatedOn }, after: { dataUpdatedOn: on } });
      });
    },

    async file(id, user) {
      const resource = await readable(db, id, user);
      return { resource, versions: await repository.readVersions(db, id), pendingRestriction: await repository.pendingRestrictionOf(db, id), abilities: cataloguePolicy.abilities(user, resource) };
    },

    async list(user, today = todayInChina()) {
      return (await findAgencyResources(db, readerScope(user))).map((resource) => ({ ...resource, quality: qualityOf(resource, today) }));
    },
    async evaluation(user, today = todayInChina()) {
      return evaluateAgencies(await findAgencyResources(db, readerScope(user)), today);
    },
    async shareable(user) {
      cataloguePolicy.check(user, 'request_shared');
      return findShareableResources(db, user.agencyId!);
    },
    restrictions: (user) => repository.pendingRestrictions(db, user.agencyId),

    async importSheet(bytes, agencyId, user, actor) {
      if (user) cataloguePolicy.check(user, 'edit', { agencyId });
      const agency = await readAgency(db, agencyId);
      if (!agency) throw new AppError('not_found', '没有这个机关');
      const sheet = await readSheet(bytes);
      return db.transaction(async (tx) => importRows(tx, sheet, agency, actor));
    },

    async exportSheet(agencyId, format, user) {
      if (user) cataloguePolicy.check(user, 'read', { agencyId });
      const resources = await repository.readResourcesOfAgency(db, agencyId);
      return format === 'csv' ? writeCsv(resources) : writeXlsx(resources);
    },

    search: (filter) => searchOpenResources(db, filter),
    openResource: (key) => readOpenResource(db, key),
    openResourceKeys: () => listOpenResourceKeys(db),
    publishingAgencies: () => listPublishingAgencies(db),
    openKeywords: () => listOpenKeywords(db),
    requests: createRequestService(db, (request) => distributions.linksFor(request)),
    distributions,
  };
}
