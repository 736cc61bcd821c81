import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseBytes, type ParsedDocument } from '../../src/modules/gazette/index.ts';
import { corpusDir, readSeed, seedNames, testLimits } from '../support/corpus.ts';

/** The expectations normalise only whitespace and bracket style. */
function norm(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .replace(/\s+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[﹝\[【]/g, '〔')
    .replace(/[﹞\]】]/g, '〕');
}

interface ExpectedDocument {
  title: string | null;
  doc_number: string | null;
  issuer: string | null;
  date: string | null;
  type: string | null;
  attachment?: string;
  effective_from?: string;
  effective_to?: string;
  repeals?: string[];
  extends?: { doc_number: string; effective_to: string };
  interprets?: string;
  normative?: boolean;
}

interface Expected {
  file: string;
  kind: string;
  gazette?: { title: string; issue: string; published: string | null; doc_number?: string };
  documents?: ExpectedDocument[];
  pieces?: { start_line: number; title?: string }[];
  noise?: string[];
}

function actualFields(document: ParsedDocument, expected: ExpectedDocument): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    title: document.title,
    doc_number: document.docNumber,
    issuer: document.issuer,
    date: document.date,
    type: document.type,
  };
  if ('attachment' in expected) fields.attachment = document.attachment;
  if ('effective_from' in expected) fields.effective_from = document.effectiveFrom;
  if ('effective_to' in expected) fields.effective_to = document.effectiveTo;
  if ('repeals' in expected) fields.repeals = document.repeals.map((reference) => reference.docNumber);
  if ('extends' in expected) {
    const extension = document.extends[0];
    fields.extends = extension ? { doc_number: extension.docNumber, effective_to: extension.effectiveTo } : null;
  }
  if ('interprets' in expected) fields.interprets = document.interprets?.docNumber ?? null;
  if ('normative' in expected) fields.normative = document.normative;
  return fields;
}

const normDeep = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(normDeep)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normDeep(inner)]))
      : norm(value);

for (const name of seedNames) {
  const expected = JSON.parse(readFileSync(`${corpusDir}expected/${name.replace(/\.txt$/, '.json')}`, 'utf8')) as Expected;
  describe(`seed ${name}`, () => {
    const parsed = parseBytes(readSeed(name), { fileName: name, limits: testLimits });

    it(`is read as a ${expected.kind}`, () => {
      assert.equal(parsed.kind, expected.kind);
    });

    if (expected.gazette) {
      it('yields the gazette issue facts', () => {
        const gazette = parsed.gazette;
        assert.ok(gazette, 'no gazette facts');
        const actual: Record<string, unknown> = { title: gazette.title, issue: gazette.issue, published: gazette.published };
        if (expected.gazette!.doc_number) actual.doc_number = gazette.docNumber;
        assert.deepEqual(normDeep(actual), normDeep(expected.gazette));
      });
    }

    if (expected.documents) {
      it('yields every expected document, in order, field by field', () => {
        assert.deepEqual(
          parsed.documents.map((document) => norm(document.title)),
          expected.documents!.map((document) => norm(document.title)),
        );
        expected.documents!.forEach((want, index) => {
          assert.deepEqual(normDeep(actualFields(parsed.documents[index]!, want)), normDeep(want), `document ${index + 1}`);
        });
      });
    }

    if (expected.noise) {
      it('keeps the site boilerplate and watermarks out of every document', () => {
        const text = parsed.documents.flatMap((document) => [document.title ?? '', ...document.blocks.map((block) => block.text)]).join('\n');
        for (const noise of expected.noise!) assert.ok(!text.includes(noise), `noise left in: ${noise}`);
      });
    }

    if (expected.pieces) {
      it('finds every piece of the compilation at its line', () => {
        assert.deepEqual(
          parsed.documents.map((document) => document.lineStart),
          expected.pieces!.map((piece) => piece.start_line),
        );
        expected.pieces!.forEach((piece, index) => {
          if (piece.title) assert.equal(norm(parsed.documents[index]!.title), norm(piece.title));
        });
      });
    }
  });
}
