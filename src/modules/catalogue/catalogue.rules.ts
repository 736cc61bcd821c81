import { AppError } from '../../core/errors.ts';
import type { ResourceInput } from './catalogue.actions.ts';
import {
  openAttributes,
  requestActionLabels,
  requestStates,
  sharingAttributes,
  type DataField,
  type OpenAttribute,
  type RequestAction,
  type RequestState,
  type ResourceEntry,
  type SharingAttribute,
} from './catalogue.types.ts';

export interface FieldProblem {
  /** The form field (resourceForm's key) the problem is in. */
  field: string;
  message: string;
}

/** A list typed as text: separated by 、,,;; or new lines, trimmed, without repeats. */
export function splitList(text: string | undefined): string[] {
  return [...new Set((text ?? '').split(/[、,,;;\n]/).map((item) => item.trim()).filter(Boolean))];
}

/** The data dictionary typed one field a line, `名称|类型|说明` (full-width bars too). */
export function parseDataFields(text: string | undefined): { fields: DataField[]; problems: string[] } {
  const fields: DataField[] = [];
  const problems: string[] = [];
  const lines = (text ?? '').split(/\r?\n|;|;/).map((line) => line.trim()).filter(Boolean);
  lines.forEach((line, index) => {
    const [name, type, ...rest] = line.split(/[|｜]/).map((part) => part.trim());
    if (!name || !type) problems.push(`第 ${index + 1} 项应写作“名称|类型|说明”`);
    else fields.push({ name, type, description: rest.join('|') });
  });
  const names = fields.map((field) => field.name);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) problems.push(`数据项名称重复:${[...new Set(repeated)].join('、')}`);
  return { fields, problems };
}

export const formatDataFields = (fields: readonly DataField[]) => fields.map((field) => [field.name, field.type, field.description].join('|')).join('\n');

/** Art. 14: 授权共享 and 非共享 need a reason and a legal basis; so does 非开放. */
export const sharingNeedsReason = (sharing: SharingAttribute) => sharing !== 'unconditional';
export const openNeedsReason = (open: OpenAttribute) => open === 'closed';

/** The entry a checked form describes, or every problem with the field it is in (beyond what the form's own schema checks). */
export function entryOf(input: ResourceInput): { entry: ResourceEntry; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const dictionary = parseDataFields(input.fields);
  for (const message of dictionary.problems) problems.push({ field: 'fields', message: `数据项:${message}` });
  if (sharingNeedsReason(input.sharing)) {
    const label = sharingAttributes[input.sharing];
    if (!input.sharingReason) problems.push({ field: 'sharingReason', message: `共享属性为“${label}”的,应当说明不予共享理由(《长宁区公共数据管理办法》第十四条)` });
    if (!input.sharingBasis) problems.push({ field: 'sharingBasis', message: `共享属性为“${label}”的,应当提供法律、法规、规章依据(第十四条)` });
  }
  if (openNeedsReason(input.open)) {
    if (!input.openReason) problems.push({ field: 'openReason', message: '开放属性为“非开放”的,应当说明不予开放理由(《长宁区公共数据管理办法》第十四条)' });
    if (!input.openBasis) problems.push({ field: 'openBasis', message: '开放属性为“非开放”的,应当提供法律、法规、规章依据(第十四条)' });
  }
  const formats = splitList(input.formats).map((format) => format.toUpperCase());
  if (formats.length === 0) problems.push({ field: 'formats', message: '请填写数据格式' });
  const entry: ResourceEntry = {
    name: input.name,
    description: input.description,
    classificationCode: input.classificationCode ?? null,
    domain: input.domain,
    sharing: input.sharing,
    // A reason kept beside an unrestricted value would mislead: dropped.
    sharingReason: sharingNeedsReason(input.sharing) ? (input.sharingReason ?? null) : null,
    sharingBasis: sharingNeedsReason(input.sharing) ? (input.sharingBasis ?? null) : null,
    open: input.open,
    openReason: input.open === 'unconditional' ? null : (input.openReason ?? null),
    openBasis: input.open === 'unconditional' ? null : (input.openBasis ?? null),
    updateFrequency: input.updateFrequency,
    timeCoverage: input.timeCoverage ?? null,
    formats,
    keywords: splitList(input.keywords),
    contact: input.contact ?? null,
    fields: dictionary.fields,
  };
  return { entry, problems };
}

/** The form's values for an entry (the console's edit form starts from them; the export writes them). */
export function inputOf(entry: ResourceEntry): Record<string, string> {
  return {
    name: entry.name,
    description: entry.description,
    classificationCode: entry.classificationCode ?? '',
    domain: entry.domain,
    sharing: entry.sharing,
    sharingReason: entry.sharingReason ?? '',
    sharingBasis: entry.sharingBasis ?? '',
    open: entry.open,
    openReason: entry.openReason ?? '',
    openBasis: entry.openBasis ?? '',
    updateFrequency: entry.updateFrequency,
    timeCoverage: entry.timeCoverage ?? '',
    formats: entry.formats.join('、'),
    keywords: entry.keywords.join('、'),
    contact: entry.contact ?? '',
    fields: formatDataFields(entry.fields),
  };
}

const rank = <T extends string>(table: Record<T, string>, value: T) => Object.keys(table).indexOf(value);

/** The attributes a change makes more restrictive (each as 'before → after'); empty when none. */
export function restrictionsOf(before: ResourceEntry, after: ResourceEntry): string[] {
  const stricter: string[] = [];
  if (rank(sharingAttributes, after.sharing) > rank(sharingAttributes, before.sharing)) stricter.push(`共享属性:${sharingAttributes[before.sharing]} → ${sharingAttributes[after.sharing]}`);
  if (rank(openAttributes, after.open) > rank(openAttributes, before.open)) stricter.push(`开放属性:${openAttributes[before.open]} → ${openAttributes[after.open]}`);
  return stricter;
}

/** An entry with the sharing and open attributes (and their reasons) of another. */
export function withAttributesOf(entry: ResourceEntry, attributes: ResourceEntry): ResourceEntry {
  const { sharing, sharingReason, sharingBasis, open, openReason, openBasis } = attributes;
  const fields = Object.fromEntries((Object.keys(attributes) as (keyof ResourceEntry)[]).map((key) => [key, entry[key]])) as unknown as ResourceEntry;
  return { ...fields, sharing, sharingReason, sharingBasis, open, openReason, openBasis };
}

/** What a change changes, field by field (the version log); the first version names every field. */
export function changesOf(before: ResourceEntry | null, after: ResourceEntry): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof ResourceEntry)[]) {
    const old = before ? before[key] : null;
    if (JSON.stringify(old) !== JSON.stringify(after[key])) changes[key] = [old, after[key]];
  }
  return changes;
}

/** The big-data centre (区大数据中心) reviews authorised requests with the owning agency (Art. 17) and monitors quality (Art. 13). */
export const isBigDataCentre = (agencyName: string | null) => agencyName !== null && agencyName.endsWith('大数据中心');

/**
 * A request's state machine. Approving takes both the big-data centre and the
 * providing agency (Art. 17: 由区大数据中心会同相关区级责任部门进行审核); either
 * refuses alone; a refusal may be disputed and the government office concludes.
 */
const transitions: Record<RequestState, Partial<Record<RequestAction, RequestState>>> = {
  granted: {},
  reviewing: { centre_approve: 'reviewing', agency_approve: 'reviewing', refuse: 'refused' },
  approved: {},
  refused: {},
  disputed: { resolve_dispute: 'closed' },
  closed: {},
};

export function allowedRequestActions(state: RequestState): RequestAction[] {
  return Object.keys(transitions[state]) as RequestAction[];
}

export function nextRequestState(state: RequestState, action: RequestAction): RequestState {
  const next = Object.hasOwn(transitions[state], action) ? transitions[state][action] : undefined;
  if (!next) {
    const allowed = allowedRequestActions(state).map((a) => requestActionLabels[a]).join('、');
    throw new AppError('invalid_transition', `申请当前“${requestStates[state]}”,不能${requestActionLabels[action]}(可以:${allowed || '无'})`, { state, action });
  }
  return next;
}

/** The government office (区府办) concludes disputes (Art. 17 第二款) and has the last word on sharing attributes (Art. 14). */
export const isGovernmentOffice = (agencyName: string | null) => agencyName !== null && /人民政府办公室$/.test(agencyName);
