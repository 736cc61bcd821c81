import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/index.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { ClockService, ClockState, ClockSubject } from '../../core/clock/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { parseInput } from '../../core/validation.ts';
import { applyDeclaredFields, documentIdsOfFile, markDocumentInvalid, platformFilePrefix, type IngestService } from '../documents/index.ts';
import { cleanFileName, storeFile } from '../files/index.ts';
import { listConflicts, repairConflict, type DocumentConflict, type RepairResult } from './publication.conflicts.repository.ts';
import * as repository from './publication.repository.ts';
import { correctionForm, draftForm, invalidForm, reviewForm } from './publication.actions.ts';
import { publicationPolicy } from './publication.policy.ts';
import { allowedPublicationActions, publicationTransition, publishedText, queuesOf, reasonsToReturn, type Queues } from './publication.rules.ts';
import { attributes, type Publication, type PublicationAnnex } from './publication.types.ts';

/** Staff acting on publications: their agency, or none (supervisors see all and publish nothing). */
export interface PublishingActor extends Actor {
  agencyId: number | null;
}

export interface PublicationView extends Publication {
  clock: ClockState | null;
}

export interface PublicationService {
  createDraft(input: unknown, actor: PublishingActor, today?: string): Promise<number>;
  updateDraft(id: number, input: unknown, actor: PublishingActor): Promise<void>;
  /** Returned (退文) with its reasons, published to the library (主动公开), or filed (依申请公开 / 不予公开). */
  submit(id: number, actor: PublishingActor, today?: string): Promise<{ state: Publication['state']; reasons: string[]; documentIds: number[] }>;
  /** A published text is never edited in place: a correction is a new version with its reason. */
  correct(id: number, input: unknown, actor: PublishingActor, today?: string): Promise<number>;
  /**
   * Marks a published text repealed or expired from the day it happened; the
   * mark is due within 20 working days of that day (002 L8), and a late one
   * stays on record as late.
   */
  markInvalid(id: number, input: unknown, actor: PublishingActor, today?: string): Promise<ClockState>;
  list(actor: PublishingActor, today?: string): Promise<PublicationView[]>;
  /** What needs doing: the January self-check, the periodic review, unusable normative documents, overdue drafts. */
  queues(actor: PublishingActor, today?: string): Promise<Queues<PublicationView>>;
  /** A document kept from proactive disclosure, checked again: kept (with the reason) or published now. */
  review(id: number, input: unknown, actor: PublishingActor, today?: string): Promise<Publication['state']>;
  /** Library texts replaced across sources (the platform's or an agency's gazette), open for an operator. */
  /** For system administrators (`by`), or an operator at the command line (null). */
  conflicts(by: StaffUser | null): Promise<DocumentConflict[]>;
  /** Restores the text a conflict replaced, as a new version of the document; audited. */
  repair(conflictId: number, by: StaffUser | null, actor: Actor): Promise<RepairResult>;
  /** An annex (附件) uploaded to a draft: kept as received in the original-file store, numbered after the others. */
  attachAnnex(id: number, file: { bytes: Uint8Array; name: string }, actor: PublishingActor): Promise<PublicationAnnex>;
  /** Takes an annex off a draft; the ones after it move up. */
  removeAnnex(id: number, position: number, actor: PublishingActor): Promise<void>;
  /** The version history of a library document, if it was published on the platform (known by its source file). */
  versionsOfDocument(documentId: number, sourceFile: string): Promise<repository.VersionRow[]>;
}

// The schemas come from the forms the console renders (publication.actions.ts): a limit is written once.
const draftSchema = formSchema(draftForm)
  .transform((draft) => ({
    ...draft,
    docNumber: draft.docNumber ?? null,
    addressees: draft.addressees ?? null,
    normative: draft.normative ?? false,
    policy: draft.policy ?? false,
    attribute: draft.attribute ?? null,
    notPublicReason: draft.notPublicReason ?? null,
    interpretationText: draft.interpretationText ?? null,
    subject: draft.subject ?? null,
    effectiveOn: draft.effectiveOn ?? null,
    expiresOn: draft.expiresOn ?? null,
  }))
  .superRefine((draft, context) => {
    // A period of effect ends after it begins (and, with no start given, after the text was signed).
    const start = draft.effectiveOn ?? draft.signedOn;
    if (draft.expiresOn !== null && draft.expiresOn <= start) {
      context.addIssue({ code: 'custom', path: ['expiresOn'], message: draft.effectiveOn ? '有效期至应晚于施行日期' : '有效期至应晚于成文日期' });
    }
  });
const correctionSchema = formSchema(correctionForm);
const invalidSchema = formSchema(invalidForm);
const reviewSchema = formSchema(reviewForm);

/**
 * The acting member of staff as the policy reads them. The session gives
 * overseers (supervisors, system administrators) no agency (staffActor), so
 * an agency means the powers of its staff and none means reading only.
 */
const asUser = (actor: PublishingActor): StaffUser => ({
  id: 0,
  username: actor.id,
  displayName: actor.id,
  role: actor.agencyId === null ? 'supervisor' : 'clerk',
  agencyId: actor.agencyId,
  agencyName: null,
  mustChangePassword: false,
});

/** Conflicts span agencies: only a system administrator (or the command line, null) sees and repairs them. */
function operatorOnly(by: StaffUser | null): void {
  if (by !== null) publicationPolicy.check(by, 'repair');
}

const publishClock = (id: number): ClockSubject => ({ type: 'publication', id, purpose: 'publish' });
const markClock = (id: number): ClockSubject => ({ type: 'publication', id, purpose: 'mark_invalid' });
const fileBase = (id: number) => `${platformFilePrefix}${id}`;

/** How many annexes one publication may carry. */
export const maxAnnexes = 20;

export function createPublicationService(db: Database, clocks: ClockService, ingest: IngestService, filesDir: string, limits: { maxAnnexBytes: number } = { maxAnnexBytes: 20 * 1024 * 1024 }): PublicationService {
  async function own(id: number, actor: PublishingActor, lock: boolean, tx: Parameters<typeof repository.readPublication>[0] = db) {
    const publication = await repository.readPublication(tx, id, lock);
    if (!publication || (actor.agencyId !== null && actor.agencyId !== publication.agencyId)) throw new AppError('not_found', '没有这份文件');
    publicationPolicy.check(asUser(actor), 'act', publication);
    return publication;
  }

  const pathOf = (id: number) => join(filesDir, `${fileBase(id)}.txt`);

  /**
   * A 文号 belongs to its issuer: a number that a document of the library
   * already carries (another agency's, or another document of this one) is
   * refused, with the holder named. The advisory lock makes two submissions
   * of one number wait for each other, so the second sees the first.
   */
  async function refuseNumberHeld(tx: Queryable, publication: Publication): Promise<void> {
    if (!publication.docNumber) return;
    await repository.lockNumber(tx, publication.docNumber);
    const holder = await repository.holderOfNumber(tx, publication.docNumber, `file:${fileBase(publication.id)}`);
    if (holder) {
      throw new AppError('conflict', `文号 ${publication.docNumber} 已由 ${holder.issuer ?? holder.agency ?? '其他机关'} 的文件《${holder.title}》使用,请核对文号`, { documentId: holder.documentId });
    }
  }

  /**
   * Writes the text and ingests it in the caller's transaction: the library's
   * own reading makes it a document (and its interpretation one too), and the
   * library text changes with the publication's state and version, or not at all.
   */
  async function toLibrary(tx: Queryable, publication: Publication, bodyText: string): Promise<number[]> {
    await mkdir(filesDir, { recursive: true });
    await writeFile(pathOf(publication.id), publishedText({ ...publication, bodyText }), 'utf8');
    try {
      await ingest.ingestInto(tx, pathOf(publication.id));
    } catch (error) {
      if (error instanceof AppError && error.code !== 'internal') throw new AppError('validation_failed', '正文无法按公文格式读取,请检查标题、成文日期和文号');
      throw error;
    }
    const documentIds = await documentIdsOfFile(tx, fileBase(publication.id));
    await applyDeclaredFields(tx, documentIds, { subject: publication.subject, effectiveFrom: publication.effectiveOn, effectiveTo: publication.expiresOn });
    return documentIds;
  }

  async function editableDraft(tx: Queryable, id: number, actor: PublishingActor, action: 'attach' | 'detach'): Promise<Publication> {
    const publication = await own(id, actor, true, tx);
    publicationTransition(publication.state, action);
    return publication;
  }

  /**
   * Work that may write the published file, run while the publication's row is
   * locked: if it fails, the file is put back to the text that stands before the
   * lock is let go, so the file never disagrees with the library for long.
   */
  async function restoringFile<T>(standing: Publication, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (standing.state === 'published') await writeFile(pathOf(standing.id), publishedText(standing), 'utf8');
      else await rm(pathOf(standing.id), { force: true });
      throw error;
    }
  }

  async function list(actor: PublishingActor, today = todayInChina()): Promise<PublicationView[]> {
    const publications = await repository.listPublications(db, actor.agencyId);
    return Promise.all(publications.map(async (publication) => ({ ...publication, clock: await clocks.state(db, publishClock(publication.id), today) })));
  }

  return {
    async createDraft(input, actor, today = todayInChina()) {
      publicationPolicy.check(asUser(actor), 'draft');
      const fields = parseInput(draftSchema, input);
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        const id = await repository.insertPublication(tx, actor.agencyId!, fields, actor.id);
        // 20 working days from signing to publication (002 L8): the clock runs from the signing date.
        await clocks.record(tx, context, publishClock(id), { kind: 'started', on: fields.signedOn, rule: 'publication.publish' }, today);
        await recordAudit(tx, actor, { action: 'publication.draft', subjectType: 'publication', subjectId: String(id), after: { title: fields.title, attribute: fields.attribute } });
        return id;
      });
    },

    async updateDraft(id, input, actor) {
      const fields = parseInput(draftSchema, input);
      await db.transaction(async (tx) => {
        const before = await own(id, actor, true, tx);
        publicationTransition(before.state, 'update');
        await repository.updateDraft(tx, id, fields);
        await recordAudit(tx, actor, { action: 'publication.update', subjectType: 'publication', subjectId: String(id), before: { title: before.title, attribute: before.attribute }, after: { title: fields.title, attribute: fields.attribute } });
      });
    },

    async submit(id, actor, today = todayInChina()) {
      const publication = await own(id, actor, false);
      publicationTransition(publication.state, 'submit');
      const reasons = reasonsToReturn(publication);
      const context = await clocks.context();
      if (reasons.length > 0) {
        await db.transaction(async (tx) => {
          await repository.setState(tx, id, { state: 'returned', returnedReasons: reasons });
          await recordAudit(tx, actor, { action: 'publication.return', subjectType: 'publication', subjectId: String(id), after: { reasons } });
        });
        return { state: 'returned', reasons, documentIds: [] };
      }
      const state = publication.attribute === 'proactive' ? 'published' : 'filed';
      const documentIds = await db.transaction(async (tx) => {
        const current = await own(id, actor, true, tx);
        if (!allowedPublicationActions(current.state).includes('submit')) throw new AppError('conflict', '该文件已被他人处理');
        let documentIds: number[] = [];
        if (state === 'published') {
          await refuseNumberHeld(tx, current);
          documentIds = await restoringFile(current, () => toLibrary(tx, current, current.bodyText));
        }
        await repository.setState(tx, id, { state, returnedReasons: [], version: state === 'published' ? 1 : 0, documentIds });
        if (state === 'published') await repository.insertVersion(tx, id, { version: 1, title: current.title, bodyText: current.bodyText, reason: '首次公开', publishedOn: today, by: actor.id });
        // Filing is the first decision not to publish: the periodic review counts from it.
        else await repository.setReviewed(tx, id, today, current.notPublicReason ?? attributes[current.attribute!]);
        await clocks.record(tx, context, publishClock(id), { kind: 'stopped', on: today, reason: state === 'published' ? '已公开' : `${attributes[current.attribute!]},不主动公开` }, today);
        await recordAudit(tx, actor, { action: `publication.${state === 'published' ? 'publish' : 'file'}`, subjectType: 'publication', subjectId: String(id), after: { state, documentIds } });
        return documentIds;
      });
      return { state, reasons: [], documentIds };
    },

    async correct(id, input, actor, today = todayInChina()) {
      const { bodyText, reason } = parseInput(correctionSchema, input);
      const publication = await own(id, actor, false);
      publicationTransition(publication.state, 'correct');
      // Corrections made at the same time: the row lock puts them in line, and one made on a
      // version that has meanwhile been replaced is refused, so no correction is lost unseen.
      return db.transaction(async (tx) => {
        const current = await own(id, actor, true, tx);
        if (current.state !== 'published' || current.version !== publication.version) {
          throw new AppError('conflict', '该文件的正文在此期间已被他人更正,请刷新后在最新版本上重新更正');
        }
        const version = current.version + 1;
        return restoringFile(current, async () => {
          const documentIds = await toLibrary(tx, current, bodyText);
          await repository.updateDraft(tx, id, { ...current, bodyText });
          await repository.setState(tx, id, { state: 'published', version, documentIds });
          await repository.insertVersion(tx, id, { version, title: current.title, bodyText, reason, publishedOn: today, by: actor.id });
          await recordAudit(tx, actor, { action: 'publication.correct', subjectType: 'publication', subjectId: String(id), before: { version: current.version }, after: { version, reason } });
          return version;
        });
      });
    },

    async markInvalid(id, input, actor, today = todayInChina()) {
      const { kind, eventOn } = parseInput(invalidSchema, input);
      const publication = await own(id, actor, false);
      publicationTransition(publication.state, 'mark_invalid');
      if (publication.documentIds.length === 0) throw new AppError('invalid_transition', '只有已公开的文件可以标注废止或失效');
      if (publication.invalidKind) throw new AppError('invalid_transition', '该文件已标注');
      if (eventOn > today) throw new AppError('validation_failed', '废止或失效的日期不能晚于今天');
      const context = await clocks.context();
      return db.transaction(async (tx) => {
        await markDocumentInvalid(tx, publication.documentIds[0]!, kind, eventOn);
        await clocks.record(tx, context, markClock(id), { kind: 'started', on: eventOn, rule: 'publication.mark_invalid' }, today);
        const clock = await clocks.record(tx, context, markClock(id), { kind: 'stopped', on: today, reason: '已标注' }, today);
        await repository.setInvalid(tx, id, { kind, on: eventOn, markedOn: today });
        await recordAudit(tx, actor, { action: 'publication.mark_invalid', subjectType: 'publication', subjectId: String(id), after: { kind, eventOn, late: clock.overdue } });
        return clock;
      });
    },

    list,

    async queues(actor, today = todayInChina()) {
      return queuesOf(await list(actor, today), today);
    },

    async review(id, input, actor, today = todayInChina()) {
      const { decision, note } = parseInput(reviewSchema, input);
      const publication = await own(id, actor, false);
      publicationTransition(publication.state, 'review');
      await db.transaction(async (tx) => {
        const current = await own(id, actor, true, tx);
        if (!allowedPublicationActions(current.state).includes('review')) throw new AppError('conflict', '该文件已被他人处理');
        await repository.setReviewed(tx, id, today, note);
        if (decision === 'publish') {
          await refuseNumberHeld(tx, current);
          const documentIds = await restoringFile(current, () => toLibrary(tx, { ...current, attribute: 'proactive' }, current.bodyText));
          await repository.setAttribute(tx, id, 'proactive');
          await repository.setState(tx, id, { state: 'published', version: 1, documentIds });
          await repository.insertVersion(tx, id, { version: 1, title: current.title, bodyText: current.bodyText, reason: `复核后转为主动公开:${note}`, publishedOn: today, by: actor.id });
        }
        await recordAudit(tx, actor, { action: 'publication.review', subjectType: 'publication', subjectId: String(id), after: { decision, note } });
      });
      return decision === 'publish' ? 'published' : 'filed';
    },

    async conflicts(by) {
      operatorOnly(by);
      return listConflicts(db);
    },

    async repair(conflictId, by, actor) {
      operatorOnly(by);
      return repairConflict(db, ingest, conflictId, actor);
    },

    async attachAnnex(id, file, actor) {
      const name = cleanFileName(file.name);
      return db.transaction(async (tx) => {
        await editableDraft(tx, id, actor, 'attach');
        const annexes = await repository.annexHashes(tx, id);
        if (annexes.length >= maxAnnexes) throw new AppError('validation_failed', `每份文件最多 ${maxAnnexes} 个附件`);
        const stored = await storeFile(tx, { bytes: file.bytes, name }, { maxBytes: limits.maxAnnexBytes });
        await repository.replaceAnnexes(tx, id, [...annexes, { name, sha256: stored.sha256 }]);
        const position = annexes.length + 1;
        await recordAudit(tx, actor, { action: 'publication.attach', subjectType: 'publication', subjectId: String(id), after: { position, name, sha256: stored.sha256, size: stored.size } });
        return { position, name, size: stored.size, mediaType: stored.mediaType };
      });
    },

    async removeAnnex(id, position, actor) {
      await db.transaction(async (tx) => {
        await editableDraft(tx, id, actor, 'detach');
        const annexes = await repository.annexHashes(tx, id);
        const removed = annexes[position - 1];
        if (!removed) throw new AppError('not_found', '没有这个附件');
        await repository.replaceAnnexes(tx, id, annexes.filter((_, index) => index !== position - 1));
        await recordAudit(tx, actor, { action: 'publication.detach', subjectType: 'publication', subjectId: String(id), before: { position, name: removed.name, sha256: removed.sha256 } });
      });
    },

    async versionsOfDocument(documentId, sourceFile) {
      // Only the platform's own files have versions: other documents cost no query.
      return sourceFile.startsWith(platformFilePrefix) ? repository.versionsOfDocument(db, documentId) : [];
    },
  };
}
