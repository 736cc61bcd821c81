import { chineseDate } from '../../core/calendar/index.ts';
import type { Publication } from './publication.types.ts';

/**
 * Why a submission to publish goes back to its drafter (退文, 001 L364): no
 * disclosure attribute decided at source; "not public" without its legal
 * reason; a policy document without the interpretation that must be published
 * with it ("谁起草、谁解读", 001 L376, 002 L8-9). An empty list means it may go.
 */
export function reasonsToReturn(draft: Pick<Publication, 'attribute' | 'notPublicReason' | 'normative' | 'policy' | 'interpretationText'>): string[] {
  const reasons: string[] = [];
  if (!draft.attribute) reasons.push('未确定公开属性(主动公开、依申请公开或不予公开),公开属性应在拟文时源头认定');
  if (draft.attribute === 'not_public' && !draft.notPublicReason?.trim()) reasons.push('确定为不予公开的,须写明法定理由');
  if ((draft.normative || draft.policy) && !draft.interpretationText?.trim()) reasons.push('规范性文件和政策性文件须与解读材料同步报送(谁起草、谁解读)');
  return reasons;
}

/**
 * The published text, laid out as an official document (title, date, number,
 * addressees, body) and followed by its interpretation, so that the library's
 * own ingestion reads it, links the interpretation to its policy and indexes
 * both like any gazette document.
 */
export function publishedText(publication: Pick<Publication, 'title' | 'signedOn' | 'docNumber' | 'addressees' | 'bodyText' | 'interpretationText'>): string {
  const lines = [publication.title, `(${chineseDate(publication.signedOn)})`];
  if (publication.docNumber) lines.push(publication.docNumber);
  if (publication.addressees) lines.push(`${publication.addressees}:`);
  lines.push(publication.bodyText.trim());
  if (publication.interpretationText?.trim()) {
    const subject = /《([^》]+)》/.exec(publication.title)?.[1] ?? publication.title;
    lines.push('', `《${subject}》政策解读`, publication.interpretationText.trim());
  }
  return `${lines.join('\n')}\n`;
}
