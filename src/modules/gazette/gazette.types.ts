/** What the parser reads out of one file. Pure data: no I/O, no database ids. */

export const fileKinds = ['gazette', 'single', 'collection', 'web_compilation'] as const;
export type FileKind = (typeof fileKinds)[number];

/** A line of the source after cleaning, with its 1-based line number in the original file. */
export interface SourceLine {
  no: number;
  text: string;
}

export interface ParseWarning {
  line: number | null;
  message: string;
}

export interface TocEntry {
  section: string | null;
  title: string;
  page: number | null;
}

export interface ParsedGazette {
  title: string;
  /** As printed, brackets normalised: 2021年第二期(总第60期). */
  issue: string | null;
  year: number | null;
  issueNumber: number | null;
  issueTotal: number | null;
  docNumber: string | null;
  published: string | null;
  toc: TocEntry[];
}

export type BlockKind =
  | 'title'
  | 'chapter'
  | 'section'
  | 'article'
  | 'heading'
  | 'paragraph'
  | 'table'
  | 'annex'
  | 'signature';

export interface Block {
  kind: BlockKind;
  /** Stable anchor for links (e.g. "art-3", "h-2-1"). */
  anchor?: string;
  /** Outline depth for headings: 1 一、 2 (一) 3 1. 4 (1) 5 ①. */
  level?: number;
  /** The number as printed: 第三条, 一、, (二) … */
  label?: string;
  caption?: string;
  text: string;
  rows?: string[][];
  line: number;
}

export interface DocumentReference {
  docNumber: string | null;
  title: string | null;
}

export interface Extension extends DocumentReference {
  effectiveTo: string | null;
}

export interface Appointment {
  person: string;
  post: string;
  action: 'appoint' | 'remove';
  notes: string[];
  secondment: { from: string | null; to: string | null } | null;
}

export interface TaskTag {
  /** The heading or item the tag closes, e.g. "(一)" or the table row's number. */
  anchor: string | null;
  text: string;
  lead: string[];
  responsible: string[];
  due: string | null;
}

export interface Meeting {
  name: string;
  date: string | null;
}

export interface ParsedDocument {
  title: string | null;
  /** Title to show when the source has none (web compilations). */
  displayTitle: string;
  docNumber: string | null;
  docNumberPrinted: string | null;
  issuer: string | null;
  date: string | null;
  type: string | null;
  section: string | null;
  addressees: string | null;
  meeting: Meeting | null;
  attachment: string | null;
  annexes: string[];
  effectiveFrom: string | null;
  effectiveTo: string | null;
  validityBasis: string | null;
  normative: boolean;
  repeals: DocumentReference[];
  extends: Extension[];
  amends: DocumentReference[];
  cites: DocumentReference[];
  interprets: DocumentReference | null;
  appointments: Appointment[];
  tasks: TaskTag[];
  blocks: Block[];
  lineStart: number;
  lineEnd: number;
}

export interface ParsedFile {
  kind: FileKind;
  encoding: string;
  gazette: ParsedGazette | null;
  documents: ParsedDocument[];
  warnings: ParseWarning[];
}
