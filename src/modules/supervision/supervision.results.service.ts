import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { Database } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { supervisionPolicy } from './supervision.policy.ts';
import { readDocumentHeading } from './supervision.queries.ts';
import { deletePublication, findPublishedResults, insertPublication, ledgerTaskCount, readPublication, type PublishedDocumentResults } from './supervision.results.queries.ts';

/** Publishing a document's supervision results (督查落实情况) on the portal, by a supervisor. */
export interface SupervisionResultsService {
  /** Whether the document's results are published, for the console. */
  status(documentId: number, user: StaffUser): Promise<{ published: boolean; publishedOn: string | null }>;
  publish(documentId: number, user: StaffUser, actor: Actor): Promise<void>;
  withdraw(documentId: number, user: StaffUser, actor: Actor): Promise<void>;
  /** Every published document with its tasks, for everyone. */
  published(today?: string): Promise<PublishedDocumentResults[]>;
  /** One published document, for everyone; not found when it is not published. */
  publishedDocument(documentId: number, today?: string): Promise<PublishedDocumentResults>;
}

export function createSupervisionResultsService(db: Database): SupervisionResultsService {
  return {
    async status(documentId, user) {
      supervisionPolicy.check(user, 'supervise');
      const publication = await readPublication(db, documentId);
      return { published: publication !== null, publishedOn: publication?.publishedOn ?? null };
    },

    async publish(documentId, user, actor) {
      supervisionPolicy.check(user, 'supervise');
      await db.transaction(async (tx) => {
        const document = await readDocumentHeading(tx, documentId);
        if (!document) throw new AppError('not_found', '没有这篇文件');
        if ((await ledgerTaskCount(tx, documentId)) === 0) throw new AppError('invalid_transition', '本文件尚无列入督查台账的任务,不能公开落实情况');
        if (!(await insertPublication(tx, documentId, actor.id))) throw new AppError('invalid_transition', '本文件的督查落实情况已经公开');
        await recordAudit(tx, actor, { action: 'supervision.publish_results', subjectType: 'document', subjectId: String(documentId), after: { published: true } });
      });
    },

    async withdraw(documentId, user, actor) {
      supervisionPolicy.check(user, 'supervise');
      await db.transaction(async (tx) => {
        if (!(await deletePublication(tx, documentId))) throw new AppError('invalid_transition', '本文件的督查落实情况尚未公开');
        await recordAudit(tx, actor, { action: 'supervision.withdraw_results', subjectType: 'document', subjectId: String(documentId), after: { published: false } });
      });
    },

    published: (today = todayInChina()) => findPublishedResults(db, today),

    async publishedDocument(documentId, today = todayInChina()) {
      const [results] = await findPublishedResults(db, today, documentId);
      if (!results) throw new AppError('not_found', '没有公开这篇文件的督查落实情况');
      return results;
    },
  };
}
