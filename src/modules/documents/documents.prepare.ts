import type { DecodeLimits } from '../gazette/index.ts';
import { foldText, readDocumentFile, type FileFormat, type ParsedDocument, type ParsedFile, type ReadFile } from '../gazette/index.ts';
import { buildTitleVector, buildVector, harvestableTerms, searchFieldsOf, type Tokenizer } from '../textindex/index.ts';
import { basename } from 'node:path';
import type { SourceFileRow } from './documents.repository.ts';
import { bodyTextOf, contentHashOf, documentKeys, fileNameOfUrl, sha256, sourceKeyOf, type IssuerNames } from './documents.rules.ts';

/**
 * Everything about a file that needs no database: its hash, its parse, and the
 * rows to write, serialised once as JSON and keyed by document key so that SQL
 * can join them to ids. Pure, so it runs in a worker while the main thread
 * writes the previous file.
 */

export interface PreparedFile {
  /** The file's path, or for a fetched page its address. */
  path: string;
  /** The address a fetched page was read from (null for a local file). */
  sourceUrl: string | null;
  size: number;
  sha256: string;
  /** The file as read, kept in the original-file store when it is written. */
  bytes: Uint8Array;
  sourceKey: string;
  kind: ParsedFile['kind'];
  /** What the file is, read from its content: txt, html, pdf, docx, ofd. */
  format: FileFormat;
  encoding: string;
  gazette: ParsedFile['gazette'];
  warnings: ParsedFile['warnings'];
  /** `titled`: the parser found a title or a 文号 (else it is a text without either, kept as 无标题). */
  documents: { key: string; hash: string; titled: boolean }[];
  /** Words the segmenter should learn from this file: issuers and issued titles. */
  terms: string[];
  /** The issuers of its documents (each becomes an agency). */
  issuers: string[];
  /** JSON arrays for jsonb_to_recordset: documents, relations, appointments, tasks. */
  payload: { documents: string; relations: string; appointments: string; tasks: string };
}

/** The name a file is kept and shown under: a fetched page's from its address, a local file's own. */
export function fileNameOf(prepared: PreparedFile): string {
  return prepared.sourceUrl ? fileNameOfUrl(prepared.sourceUrl) : basename(prepared.path);
}

/** The source_files row of a prepared file, for the per-file and the bulk write alike. */
export function sourceFileRowOf(prepared: PreparedFile): SourceFileRow {
  return {
    path: prepared.path,
    sourceUrl: prepared.sourceUrl,
    fileName: fileNameOf(prepared),
    sha256: prepared.sha256,
    sizeBytes: prepared.size,
    encoding: prepared.encoding,
    kind: prepared.kind,
    documentCount: prepared.documents.length,
    warnings: prepared.warnings,
  };
}

function documentRecord(key: string, seq: number, hash: string, document: ParsedDocument, tokenizer: Tokenizer) {
  // Prefix folded for lookups (国办函 finds 國辦函); the number itself is stored as printed.
  const number = document.docNumber ? /^(.*)〔(\d{4})〕(\d+)[号號]$/.exec(document.docNumber) : null;
  const bodyText = bodyTextOf(document);
  const fields = searchFieldsOf({ title: document.displayTitle, docNumber: document.docNumber, attachment: document.attachment, issuer: document.issuer, section: document.section, annexes: document.annexes, bodyText });
  return {
    doc_key: key,
    seq,
    title: document.title,
    display_title: document.displayTitle,
    doc_number: document.docNumber,
    doc_number_printed: document.docNumberPrinted,
    doc_number_prefix: number ? foldText(number[1]!) : null,
    doc_number_year: number ? Number(number[2]) : null,
    doc_number_serial: number ? Number(number[3]) : null,
    issuer: document.issuer,
    signed_on: document.date,
    doc_type: document.type,
    section: document.section,
    addressees: document.addressees,
    meeting: document.meeting,
    attachment_title: document.attachment,
    effective_from: document.effectiveFrom,
    effective_to: document.effectiveTo,
    validity_basis: document.validityBasis,
    normative: document.normative,
    body: document.blocks,
    body_text: bodyText,
    annexes: document.annexes,
    line_start: document.lineStart,
    line_end: document.lineEnd,
    content_hash: hash,
    search_vector: buildVector(tokenizer, fields),
    title_vector: buildTitleVector(tokenizer, fields),
  };
}

function relationRows(key: string, document: ParsedDocument) {
  const row = (kind: string, docNumber: string | null, title: string | null, effectiveTo: string | null = null) => ({
    doc_key: key, kind, target_doc_number: docNumber, target_title: title, effective_to: effectiveTo,
  });
  return [
    ...document.repeals.map((r) => row('repeals', r.docNumber, r.title)),
    ...document.extends.map((r) => row('extends', r.docNumber, r.title, r.effectiveTo)),
    ...document.amends.map((r) => row('amends', r.docNumber, r.title)),
    ...document.cites.map((r) => row('cites', r.docNumber, r.title)),
    ...(document.interprets ? [row('interprets', document.interprets.docNumber, document.interprets.title)] : []),
    ...(document.attachment ? [row('issues', null, document.attachment)] : []),
  ];
}

export function prepareParsed(path: string, bytes: Uint8Array, parsed: ReadFile, tokenizer: Tokenizer, names: IssuerNames = {}, sourceUrl: string | null = null): PreparedFile {
  const sourceKey = sourceKeyOf(parsed, path, sourceUrl);
  const keys = documentKeys(sourceKey, parsed.documents, names);
  const hashes = parsed.documents.map(contentHashOf);
  return {
    path,
    sourceUrl,
    size: bytes.length,
    sha256: sha256(bytes),
    bytes,
    sourceKey,
    kind: parsed.kind,
    format: parsed.format,
    encoding: parsed.encoding,
    gazette: parsed.gazette,
    warnings: parsed.warnings,
    documents: keys.map((key, seq) => ({ key, hash: hashes[seq]!, titled: Boolean(parsed.documents[seq]!.title || parsed.documents[seq]!.docNumber) })),
    terms: harvestableTerms(parsed.documents.flatMap((document) => [document.issuer, document.attachment])),
    issuers: [...new Set(parsed.documents.flatMap((document) => (document.issuer ? [document.issuer] : [])))],
    payload: {
      documents: JSON.stringify(parsed.documents.map((document, seq) => documentRecord(keys[seq]!, seq, hashes[seq]!, document, tokenizer))),
      relations: JSON.stringify(parsed.documents.flatMap((document, seq) => relationRows(keys[seq]!, document))),
      appointments: JSON.stringify(
        parsed.documents.flatMap((document, seq) =>
          document.appointments.map((a, index) => ({
            doc_key: keys[seq], seq: index, person: a.person, post: a.post, action: a.action, notes: a.notes,
            secondment_from: a.secondment?.from ?? null, secondment_to: a.secondment?.to ?? null,
          })),
        ),
      ),
      tasks: JSON.stringify(
        parsed.documents.flatMap((document, seq) =>
          document.tasks.map((t, index) => ({
            doc_key: keys[seq], seq: index, anchor: t.anchor, text: t.text, lead_units: t.lead, responsible_units: t.responsible, due: t.due,
          })),
        ),
      ),
    },
  };
}

export async function prepareFile(
  path: string,
  bytes: Uint8Array,
  limits: DecodeLimits,
  tokenizer: Tokenizer,
  names: IssuerNames = {},
  sourceUrl: string | null = null,
): Promise<PreparedFile> {
  return prepareParsed(path, bytes, await readDocumentFile(bytes, { fileName: path, limits }), tokenizer, names, sourceUrl);
}
