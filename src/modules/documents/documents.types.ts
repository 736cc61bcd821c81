import type { FileKind, ParseWarning } from '../gazette/index.ts';

export interface FileOutcome {
  path: string;
  status: 'ingested' | 'unchanged' | 'failed';
  kind?: FileKind;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  warnings: ParseWarning[];
  error?: { code: string; message: string };
}

export interface IngestSummary {
  files: number;
  filesFailed: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  bytes: number;
  outcomes: FileOutcome[];
}

export interface IngestProgress {
  done: number;
  total: number;
  path: string;
}

export interface DocumentListItem {
  id: number;
  title: string;
  docNumber: string | null;
  issuer: string | null;
  date: string | null;
  type: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  normative: boolean;
  source: string;
}

export interface StoreStats {
  files: number;
  gazetteIssues: number;
  documents: number;
  withNumber: number;
  normative: number;
  relations: number;
  relationsResolved: number;
  appointments: number;
  tasks: number;
  byType: { type: string | null; count: number }[];
  lastRun: { startedAt: string; finishedAt: string | null; files: number; failed: number } | null;
}
