import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { newTrackingCode, normaliseTrackingCode } from '../../core/tracking.rules.ts';
import { parseInput } from '../../core/validation.ts';
import { readAgency } from '../agencies/index.ts';
import { readResource } from './catalogue.repository.ts';
import { wishAnswerForm, wishForm } from './wishes.actions.ts';
import { wishPolicy } from './wishes.policy.ts';
import * as repository from './wishes.repository.ts';
import type { PublishedWish, StaffWish, WishCounts, WishReceipt, WishTracking } from './wishes.types.ts';

export interface WishService {
  /** Anyone asks for data the catalogue does not list; the tracking code follows it. */
  submit(input: unknown, actor: Actor, today?: string): Promise<WishReceipt>;
  track(code: string): Promise<WishTracking | null>;
  /** The answered requests, newest first, with how many were received and answered. */
  published(page: number, pageSize: number): Promise<{ items: PublishedWish[]; counts: WishCounts }>;
  list(user: StaffUser): Promise<{ items: StaffWish[]; counts: WishCounts }>;
  answer(id: number, input: unknown, user: StaffUser, actor: Actor, today?: string): Promise<void>;
}

const trackingPrefix = 'XQ';
const subjectType = 'catalogue_wish';

export function createWishService(db: Database): WishService {
  return {
    async submit(input, actor, today = todayInChina()) {
      const parsed = parseInput(formSchema(wishForm), input);
      return db.transaction(async (tx) => {
        if (parsed.agencyId !== undefined && !(await readAgency(tx, parsed.agencyId))) throw new AppError('validation_failed', '所选单位不存在');
        const trackingCode = newTrackingCode(trackingPrefix);
        const id = await repository.insertWish(tx, { ...parsed, trackingCode, receivedOn: today });
        await recordAudit(tx, actor, { action: 'catalogue.wish', subjectType, subjectId: String(id), after: { trackingCode, agencyId: parsed.agencyId ?? null } });
        return { trackingCode, receivedOn: today };
      });
    },
    async track(code) {
      const normalised = normaliseTrackingCode(trackingPrefix, code);
      return normalised ? repository.trackWish(db, normalised) : null;
    },
    async published(page, pageSize) {
      const [items, counts] = await Promise.all([repository.publishedWishes(db, pageSize, (page - 1) * pageSize), repository.countWishes(db)]);
      return { items, counts };
    },
    async list(user) {
      wishPolicy.check(user, 'read');
      const everyAgency = wishPolicy.can(user, 'read', { agencyId: -1 });
      const [items, counts] = await Promise.all([repository.listWishes(db, everyAgency ? null : user.agencyId, 500), repository.countWishes(db)]);
      return { items, counts };
    },
    async answer(id, input, user, actor, today = todayInChina()) {
      const parsed = parseInput(formSchema(wishAnswerForm), input);
      await db.transaction(async (tx) => {
        const wish = await repository.readWish(tx, id, true);
        if (!wish || !wishPolicy.can(user, 'read', wish)) throw new AppError('not_found', '没有这项目录外数据需求');
        wishPolicy.check(user, 'answer', wish);
        if (wish.state === 'answered') throw new AppError('invalid_transition', `该需求已于 ${wish.answeredOn} 答复`);
        if (parsed.resourceId !== undefined && !(await readResource(tx, parsed.resourceId))) throw new AppError('validation_failed', `没有编号为 ${parsed.resourceId} 的数据资源`);
        await repository.saveAnswer(tx, id, parsed, user.agencyId!, today);
        await recordAudit(tx, actor, { action: 'catalogue.wish_answer', subjectType, subjectId: String(id), after: { outcome: parsed.outcome, resourceId: parsed.resourceId ?? null } });
      });
    },
  };
}
