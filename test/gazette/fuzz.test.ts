import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { AppError } from '../../src/core/errors.ts';
import { parseBytes } from '../../src/modules/gazette/index.ts';
import { readSeed, seedNames, testLimits } from '../support/corpus.ts';

/**
 * Thousands of damaged seed files: the parser either reads them or refuses
 * them with an AppError, never anything else, and never slows down beyond
 * linear time (checked by a generous per-byte bound on every case, and by
 * the time per byte staying flat as a document grows eightfold).
 */

const seeds = seedNames.map((name) => readSeed(name));

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'deleteLines'; at: number; count: number }
  | { kind: 'duplicateLines'; at: number; count: number }
  | { kind: 'randomBytes'; at: number; bytes: Uint8Array }
  | { kind: 'reencode'; at: number; count: number; encoding: 'gb18030' | 'utf16le' }
  | { kind: 'shuffleLines'; seed: number }
  | { kind: 'insertText'; at: number; text: string };

const position = fc.double({ min: 0, max: 1, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('deleteLines' as const), at: position, count: fc.integer({ min: 1, max: 80 }) }),
  fc.record({ kind: fc.constant('duplicateLines' as const), at: position, count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('randomBytes' as const), at: position, bytes: fc.uint8Array({ minLength: 1, maxLength: 48 }) }),
  fc.record({ kind: fc.constant('reencode' as const), at: position, count: fc.integer({ min: 1, max: 30 }), encoding: fc.constantFrom('gb18030' as const, 'utf16le' as const) }),
  fc.record({ kind: fc.constant('shuffleLines' as const), seed: fc.integer() }),
  fc.record({ kind: fc.constant('insertText' as const), at: position, text: fc.string({ unit: fc.constantFrom(...'〔〕()《》一、第条章号年月日:\t\n 0123456789附件关于通知公报目录'), maxLength: 60 }) }),
);

function lines(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) out.push(bytes.subarray(start));
  return out;
}

function apply(input: Buffer, mutations: Mutation[]): Buffer {
  let bytes = input;
  for (const m of mutations) {
    const all = lines(bytes);
    switch (m.kind) {
      case 'truncate':
        bytes = bytes.subarray(0, Math.floor(bytes.length * m.at));
        break;
      case 'deleteLines': {
        const at = Math.floor(all.length * m.at);
        bytes = Buffer.concat([...all.slice(0, at), ...all.slice(at + m.count)]);
        break;
      }
      case 'duplicateLines': {
        const at = Math.floor(all.length * m.at);
        bytes = Buffer.concat([...all.slice(0, at + m.count), ...all.slice(at, at + m.count), ...all.slice(at + m.count)]);
        break;
      }
      case 'randomBytes': {
        const at = Math.floor(bytes.length * m.at);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
        break;
      }
      case 'reencode': {
        const at = Math.floor(all.length * m.at);
        const middle = iconv.encode(Buffer.concat(all.slice(at, at + m.count)).toString('utf8'), m.encoding);
        bytes = Buffer.concat([...all.slice(0, at), middle, ...all.slice(at + m.count)]);
        break;
      }
      case 'shuffleLines': {
        const order = all.map((line, index) => ({ line, key: Math.sin(index * 12.9898 + m.seed) }));
        order.sort((a, b) => a.key - b.key);
        bytes = Buffer.concat(order.map((entry) => entry.line));
        break;
      }
      case 'insertText': {
        const at = Math.floor(bytes.length * m.at);
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(m.text), bytes.subarray(at)]);
        break;
      }
    }
  }
  return bytes;
}

describe('parser fuzzing', () => {
  it('reads or refuses 2,000 mutated seed files, never failing unexpectedly, in linear time', () => {
    const refusals = new Map<string, number>();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        const bytes = apply(seeds[index]!, mutations);
        const started = performance.now();
        try {
          const parsed = parseBytes(bytes, { fileName: 'fuzz.txt', limits: testLimits });
          for (const document of parsed.documents) {
            assert.equal(typeof document.displayTitle, 'string');
            if (document.date) assert.match(document.date, /^\d{4}-\d{2}-\d{2}$/);
          }
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          refusals.set(error.code, (refusals.get(error.code) ?? 0) + 1);
        }
        // At least 1 MB/s on any input: a super-linear blow-up on a 100 KB file shows at once.
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 250 + bytes.length / 1000, `${elapsed.toFixed(0)} ms for ${bytes.length} bytes`);
      }),
      { numRuns: 2000, seed: 20261122 },
    );
    assert.ok(refusals.size > 0, 'the mutations exercised the refusals');
  });

  it('keeps the time per byte flat as documents grow eightfold', () => {
    // Long paragraphs repeated in place: the same structure, eight times the text.
    const grow = (bytes: Buffer, factor: number) =>
      Buffer.from(
        bytes
          .toString('utf8')
          .split('\n')
          .map((line) => {
            if (line.length < 80) return line;
            const counter = /^\d+、/.exec(line)?.[0] ?? '';
            return counter + line.slice(counter.length).repeat(factor);
          })
          .join('\n'),
      );
    const perByte = (bytes: Buffer) => {
      let best = Infinity;
      for (let run = 0; run < 5; run++) {
        const started = performance.now();
        parseBytes(bytes, { fileName: 'grow.txt', limits: testLimits });
        best = Math.min(best, performance.now() - started);
      }
      return best / bytes.length;
    };
    for (const seed of seeds) {
      const small = grow(seed, 1);
      const large = grow(seed, 8);
      const ratio = perByte(large) / perByte(small);
      assert.ok(ratio < 3, `time per byte grew ${ratio.toFixed(2)}x`);
    }
  });
});
