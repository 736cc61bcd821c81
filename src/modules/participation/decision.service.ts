import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { isKeyOf, parseInput } from '../../core/validation.ts';
import { getDocument } from '../documents/index.ts';
import { readConsultation } from './consultation.repository.ts';
import { catalogueActionForms, catalogueForm, meetingForm, type CatalogueActionInput, type DecisionItemInput } from './decision.actions.ts';
import { countMeetings, findMeetings } from './decision.queries.ts';
import * as repository from './decision.repository.ts';
import { hearingProblem, meetingShortfall } from './decision.rules.ts';
import type { CatalogueAction, CatalogueFile, DecisionCatalogue, MeetingRow, MeetingTally } from './decision.types.ts';
import { messagePolicy as policy } from './participation.policy.ts';

const subjectType = 'participation_decision_catalogue';

export interface StaffCatalogueFile extends CatalogueFile {
  actions: CatalogueAction[];
  abilities: Record<'read' | 'handle' | 'moderate', boolean>;
  /** Unpublished after 31 March. */
  overdue: boolean;
}

export interface DecisionService {
  create(input: unknown, user: StaffUser, actor: Actor): Promise<number>;
  act(id: number, action: string, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<void>;
  staffList(user: StaffUser): Promise<DecisionCatalogue[]>;
  file(id: number, user: StaffUser, today?: string): Promise<StaffCatalogueFile>;
  /** Published catalogues, with their items and public history. */
  published(filter: { year?: number; agencyId?: number }): Promise<CatalogueFile[]>;
  recordMeeting(input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<number>;
  meetings(year: number, user: StaffUser): Promise<{ tallies: MeetingTally[]; meetings: MeetingRow[] }>;
}

/** A change to a catalogue's items: the audit codes are participation.catalogue_<action>, each labelled in the manifest. */
function auditChange(tx: Queryable, actor: Actor, action: string, id: number, after: Record<string, unknown>) {
  return recordAudit(tx, actor, { action: `participation.${action}`, subjectType, subjectId: String(id), after });
}

export function createDecisionService(db: Database): DecisionService {
  async function readable(tx: Queryable, id: number, user: StaffUser, lock = false): Promise<DecisionCatalogue> {
    const catalogue = await repository.readCatalogue(tx, id, { lock });
    if (!catalogue || !policy.can(user, 'read', catalogue)) throw new AppError('not_found', '没有这份目录');
    return catalogue;
  }
  /** The links an item makes must lead somewhere: a consultation of the same agency, a document of the library. */
  async function checkLinks(tx: Queryable, catalogue: DecisionCatalogue, item: DecisionItemInput, today: string) {
    const problem = hearingProblem(item);
    if (problem) throw new AppError('validation_failed', problem);
    if (item.consultationId !== undefined) {
      const consultation = await readConsultation(tx, item.consultationId);
      if (!consultation || consultation.agencyId !== catalogue.agencyId) throw new AppError('validation_failed', '没有本机关的这项征求意见');
    }
    if (item.resultDocumentId !== undefined && !(await getDocument(tx, item.resultDocumentId, today))) throw new AppError('validation_failed', '决策结果文件不存在');
  }

  return {
    async create(input, user, actor) {
      policy.check(user, 'handle');
      const { year } = parseInput(formSchema(catalogueForm), input);
      return db.transaction(async (tx) => {
        const id = await repository.insertCatalogue(tx, user.agencyId!, year);
        if (id === null) throw new AppError('conflict', `本机关${year}年的目录已经建立`);
        await recordAudit(tx, actor, { action: 'participation.catalogue_create', subjectType, subjectId: String(id), after: { year } });
        return id;
      });
    },

    async act(id, action, input, user, actor, today = todayInChina()) {
      if (!isKeyOf(catalogueActionForms, action)) throw new AppError('not_found', '没有这项操作');
      const parsed = parseInput(formSchema(catalogueActionForms[action]), input);
      await db.transaction(async (tx) => {
        const catalogue = await readable(tx, id, user, true);
        policy.check(user, action === 'publish' ? 'moderate' : 'handle', catalogue);
        const published = catalogue.publishedOn !== null;
        const reason = 'reason' in parsed ? (parsed.reason as string | undefined) : undefined;
        if (published && action !== 'publish' && !reason) throw new AppError('validation_failed', '目录已公布,变更须说明理由');
        const items = await repository.readItems(tx, id);
        const itemOf = (itemId: number) => {
          const item = items.find((i) => i.id === itemId && !i.withdrawn);
          if (!item) throw new AppError('validation_failed', '目录中没有这一事项');
          return item;
        };
        let change: string;
        let detail: Record<string, unknown>;
        if (action === 'publish') {
          if (published) throw new AppError('invalid_transition', '目录已经公布;此后的变更随变更一并公布');
          if (!items.some((i) => !i.withdrawn)) throw new AppError('invalid_transition', '目录中还没有事项');
          await repository.publishCatalogue(tx, id, today);
          await recordAudit(tx, actor, { action: 'participation.catalogue_publish', subjectType, subjectId: String(id), after: { publishedOn: today, late: today > catalogue.dueOn } });
          return;
        }
        if (action === 'withdraw_item') {
          const { itemId } = parsed as CatalogueActionInput<'withdraw_item'>;
          const item = itemOf(itemId);
          await repository.withdrawItem(tx, itemId);
          [change, detail] = [`撤回事项“${item.title}”`, { itemId }];
        } else if (action === 'revise_item') {
          const { itemId, reason: _r, ...item } = parsed as CatalogueActionInput<'revise_item'>;
          const before = itemOf(itemId);
          await checkLinks(tx, catalogue, item, today);
          await repository.updateItem(tx, itemId, item);
          [change, detail] = [`修改事项“${before.title}”`, { itemId, before, item }];
        } else {
          const { reason: _r, ...item } = parsed as CatalogueActionInput<'add_item'>;
          await checkLinks(tx, catalogue, item, today);
          const itemId = await repository.insertItem(tx, id, item);
          [change, detail] = [`增加事项“${item.title}”`, { itemId, item }];
        }
        const version = published ? await repository.recordChange(tx, id, { on: today, change, reason: reason! }) : catalogue.version;
        await auditChange(tx, actor, `catalogue_${action}`, id, { ...detail, version, reason: reason ?? null });
      });
    },

    async staffList(user) {
      policy.check(user, 'read');
      return repository.findCatalogues(db, { agencyId: user.agencyId, publishedOnly: false });
    },

    async file(id, user, today = todayInChina()) {
      const catalogue = await readable(db, id, user);
      const abilities = policy.abilities(user, catalogue);
      const actions = (Object.keys(catalogueActionForms) as CatalogueAction[])
        .filter((a) => (a === 'publish' ? catalogue.publishedOn === null && abilities.moderate : abilities.handle));
      return {
        catalogue, items: await repository.readItems(db, id), changes: await repository.readChanges(db, id), actions, abilities,
        overdue: catalogue.publishedOn === null && today > catalogue.dueOn,
      };
    },

    async published(filter) {
      const catalogues = await repository.findCatalogues(db, { ...filter, publishedOnly: true });
      return Promise.all(catalogues.map(async (catalogue) => ({
        catalogue, items: (await repository.readItems(db, catalogue.id)).filter((i) => !i.withdrawn), changes: await repository.readChanges(db, catalogue.id),
      })));
    },

    async recordMeeting(input, user, actor, today = todayInChina()) {
      policy.check(user, 'handle');
      const meeting = parseInput(formSchema(meetingForm), input);
      if (meeting.heldOn > today) throw new AppError('validation_failed', '会议日期不能晚于今天');
      return db.transaction(async (tx) => {
        const id = await repository.insertMeeting(tx, user.agencyId!, meeting);
        await recordAudit(tx, actor, { action: 'participation.meeting_record', subjectType: 'participation_meeting', subjectId: String(id), after: meeting });
        return id;
      });
    },

    async meetings(year, user) {
      policy.check(user, 'read');
      const tallies = (await countMeetings(db, year, user.agencyId)).map((t) => ({ ...t, year, shortfall: meetingShortfall(t.count) }));
      return { tallies, meetings: await findMeetings(db, year, user.agencyId) };
    },
  };
}
