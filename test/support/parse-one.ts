import { parseText } from '../../src/modules/gazette/index.ts';
import type { ParsedDocument } from '../../src/modules/gazette/index.ts';

/** Parses a text given as lines and returns its first document (the one a single-document test asserts on). */
export function parseOne(lines: string[], fileName = 'synthetic.txt'): ParsedDocument {
  const document = parseText(lines.join('\n'), fileName).documents[0];
  if (!document) throw new Error(`${fileName}: no document parsed`);
  return document;
}
