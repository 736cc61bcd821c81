import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseText } from '../../src/modules/gazette/index.ts';
import { readSeed, seedNames } from '../support/corpus.ts';

/**
 * Documents print their punctuation full-width (：，；（）) as often as half-width: the seeds
 * happen to use half-width, most portals and PDFs full-width. The same document must be read
 * the same either way; only the printed characters differ.
 */
const widths: [string, string][] = [[':', '：'], [',', '，'], [';', '；'], ['(', '（'], [')', '）']];
const toFull = (text: string) => widths.reduce((out, [half, full]) => out.replaceAll(half, full), text);
const toHalf = (text: string | null) => (text === null ? null : widths.reduce((out, [half, full]) => out.replaceAll(full, half), text));

describe('punctuation width', () => {
  for (const name of seedNames) {
    it(`reads ${name} the same with full-width punctuation`, () => {
      const text = readSeed(name).toString('utf8');
      const half = parseText(text, name).documents;
      const full = parseText(toFull(text), name).documents;
      assert.equal(full.length, half.length, 'documents');
      half.forEach((document, index) => {
        const other = full[index]!;
        for (const field of ['title', 'docNumber', 'issuer', 'date', 'type'] as const) {
          assert.equal(toHalf(other[field]), document[field], `${document.title}: ${field}`);
        }
        assert.equal(other.blocks.length, document.blocks.length, `${document.title}: blocks`);
      });
    });
  }
});
