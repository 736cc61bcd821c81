import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const corpusDir = fileURLToPath(new URL('../../corpus/', import.meta.url));
export const seedsDir = `${corpusDir}seeds/`;

export const seedNames = readdirSync(seedsDir)
  .filter((name) => name.endsWith('.txt'))
  .sort();

export function readSeed(name: string): Buffer {
  return readFileSync(`${seedsDir}${name}`);
}

export function seedStartingWith(prefix: string): string {
  const name = seedNames.find((candidate) => candidate.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix}`);
  return name;
}

export const testLimits = { maxFileBytes: 50 * 1024 * 1024, maxLineChars: 1_000_000 };
