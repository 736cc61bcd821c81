import { readAppointments } from './appointments.rules.ts';
import { joinBrokenParagraphs, structureBody } from './body.rules.ts';
import type { DocNumber } from './docnumber.rules.ts';
import {
  addresseeLine,
  findAmendments,
  findMeeting,
  findRelations,
  findValidity,
  issuedTitle,
  issuerFromTitle,
  jointIssuerFromTitle,
  locateIssued,
  statutoryType,
  withoutSelfCitations,
} from './fields.rules.ts';
import type { ParsedDocument, SourceLine } from './gazette.types.ts';
import { closingDate, dateBeforeAttachment, dateBeforeIssuedText, isOrganName, readSignature } from './signature.rules.ts';
import { readTasks } from './tasks.rules.ts';
import { cleanTitle } from './text.rules.ts';

/** Everything the parser knows about one document's boundaries, before reading its text. */
export interface DocumentDraft {
  title: string | null;
  number: DocNumber | null;
  date: string | null;
  section: string | null;
  /** The body, after title, date and number. */
  lines: SourceLine[];
  lineStart: number;
  lineEnd: number;
  /** For an untitled document: what to call it. */
  fallbackTitle?: string;
  /** Set when the caller already read these from a flattened header. */
  addressees?: string | null;
  /** The organ(s) the red header above the number names. */
  masthead?: string | null;
}

export function buildDocument(draft: DocumentDraft): ParsedDocument {
  const title = draft.title ? cleanTitle(draft.title) : null;
  const type = statutoryType(title);
  let body = joinBrokenParagraphs(draft.lines);
  let addressees = draft.addressees ?? null;
  if (addressees === null && body[0]) {
    addressees = addresseeLine(body[0].text);
    if (addressees !== null) body = body.slice(1);
  }
  const wanted = issuedTitle(title);
  const issued = wanted ? locateIssued(body, wanted) : null;
  const blocks = structureBody(body, { attachmentIndex: issued?.index ?? null, attachmentSpan: issued?.span ?? 1 });
  const paragraphs = blocks.filter((block) => block.kind !== 'table').map((block) => block.text);
  const interpretation = type === '解读';
  const untitledForm = interpretation || type === '任免';
  // The signature (issuer line, then 成文日期) stands before whatever the document issues.
  // Read on the lines as printed: joining broken paragraphs can glue the issuer line to the last sentence.
  const issuedAt = issued ? body[issued.index]!.no : Number.POSITIVE_INFINITY;
  const signed = draft.lines.filter((line) => line.no < issuedAt);
  const signature = untitledForm ? null : readSignature(signed);
  const date = draft.date ?? signature?.date ?? (untitledForm ? null : (closingDate(signed, issued !== null) ?? dateBeforeAttachment(signed) ?? (wanted ? dateBeforeIssuedText(signed) : null)));
  const validity = interpretation ? { effectiveFrom: null, effectiveTo: null, basis: null } : findValidity(paragraphs, date);
  const relations = findRelations(paragraphs, draft.number?.normalised ?? null);
  const isAppointment = type === '任免' || /(任免|任职|免职)/.test(title ?? '');
  const normative = (draft.section ?? '').includes('规范性文件') || /规$/.test(draft.number?.prefix ?? '');
  const annexes = blocks.filter((block) => block.kind === 'annex').map((block) => cleanTitle(block.text));
  // Text that lost its lines (PDF) still names what it issues; an annex is not the issued document.
  const namedInText = wanted !== null && !annexes.includes(wanted) && paragraphs.some((p) => p.includes(wanted));
  const attachment = issued?.title ?? (namedInText ? wanted : null);
  return {
    title,
    displayTitle: title ?? draft.fallbackTitle ?? '(无标题)',
    docNumber: draft.number?.normalised ?? null,
    docNumberPrinted: draft.number?.printed ?? null,
    issuer: untitledForm ? null : chooseIssuer(jointIssuerFromTitle(draft.title) ?? issuerFromTitle(title), signature?.issuer ?? countedBodies(signed, issuerFromTitle(title)), draft.masthead ?? null),
    date,
    type,
    section: draft.section,
    addressees,
    meeting: findMeeting(body),
    attachment,
    annexes,
    effectiveFrom: validity.effectiveFrom,
    effectiveTo: validity.effectiveTo,
    validityBasis: validity.basis,
    normative,
    repeals: interpretation ? [] : relations.repeals,
    extends: interpretation ? [] : relations.extends,
    amends: interpretation ? [] : findAmendments(title, paragraphs),
    cites: withoutSelfCitations(relations.cites, title, attachment),
    interprets: interpretation ? interpretedTitle(title) : null,
    appointments: isAppointment ? readAppointments(body) : [],
    tasks: readTasks(blocks),
    blocks,
    lineStart: draft.lineStart,
    lineEnd: draft.lineEnd,
  };
}

/**
 * A title that counts its bodies ("某委员会等10部门关于…") is signed by all of them, one a line: the run of that many
 * organ lines starting with the named body, even when the date under them lost its year.
 */
const countsBodies = /^(.+?)等(\d{1,2})个?部门$/;

function countedBodies(lines: SourceLine[], fromTitle: string | null): string | null {
  const counted = fromTitle ? countsBodies.exec(fromTitle) : null;
  if (!counted) return null;
  const count = Number(counted[2]);
  const first = lines.findIndex((line) => line.text.trim() === counted[1]);
  if (first < 0) return null;
  const names = lines.slice(first, first + count).map((line) => line.text.trim());
  return names.length === count && names.every(isOrganName) ? names.join('、') : null;
}

const byLevelOnly = /^[省市县区](?:人民)?政府/;

/**
 * The title's issuer, else the signature's, else the masthead's. A title that shortens its
 * issuer ("市人民政府办公厅" under the masthead "贵阳市人民政府办公厅") takes the masthead's full name;
 * a joint title that prints its bodies without a break ("A市委办公室A市人民政府办公室印发…") is split as
 * the signature names them, one a line.
 */
function chooseIssuer(fromTitle: string | null, signed: string | null, masthead: string | null): string | null {
  if (fromTitle && masthead && masthead.length > fromTitle.length && masthead.endsWith(fromTitle)) return masthead;
  if (fromTitle && signed?.includes('、') && signed.replace(/、/g, '') === fromTitle) return signed;
  // "某委员会等10部门": the signature names the bodies the title counts.
  const counted = fromTitle ? countsBodies.exec(fromTitle) : null;
  if (counted && signed?.includes('、') && signed.startsWith(counted[1]!)) return signed;
  // A title that names its issuer by level only ("市政府办公室关于…") refers to the body the signature names in full.
  if (fromTitle && signed && byLevelOnly.test(fromTitle) && signed.length > fromTitle.length) {
    const full = fromTitle.replace(/^([省市县区])政府/, '$1人民政府');
    if (signed.endsWith(fromTitle) || signed.endsWith(full)) return signed;
  }
  return fromTitle ?? signed ?? masthead;
}

function interpretedTitle(title: string | null): { docNumber: null; title: string } | null {
  const match = /《(.+?)》/.exec(title ?? '');
  return match ? { docNumber: null, title: match[1]! } : null;
}

/** An interpretation names its policy by title; within one file, give it the policy's number too. */
export function linkInterpretations(documents: ParsedDocument[]): void {
  for (const document of documents) {
    const target = document.interprets;
    if (!target || target.docNumber) continue;
    const policy = documents.find(
      (candidate) => candidate !== document && (candidate.attachment === target.title || (candidate.title ?? '').includes(`《${target.title}》`)),
    );
    if (policy?.docNumber) target.docNumber = policy.docNumber;
  }
}
