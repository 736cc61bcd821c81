import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../../core/errors.ts';
import type { DecodeLimits } from '../gazette/index.ts';
import { createTokenizer } from '../textindex/index.ts';
import { prepareFile } from './documents.prepare.ts';
import type { FetchedFile } from './documents.types.ts';
import type { IssuerNames } from './documents.rules.ts';

const { terms, names } = workerData as { terms: string[]; names?: IssuerNames };
const tokenizer = createTokenizer(terms);

/** The worker side of ingestion: read (or take the fetched bytes), hash, parse and serialise one file per message. */
parentPort!.on('message', async (message: { id: number; path: string; limits: DecodeLimits; fetched?: FetchedFile }) => {
  try {
    // A fetched page comes with its bytes; its path is its address.
    const bytes = message.fetched ? message.fetched.bytes : await readFile(message.path);
    const prepared = await prepareFile(message.path, bytes, message.limits, tokenizer, names, message.fetched?.url ?? null);
    parentPort!.postMessage({ id: message.id, prepared });
  } catch (error) {
    const described = describeError(error);
    const text = described.code === 'internal' ? `${message.path}: 内部错误(${(error as Error).message})` : described.message;
    parentPort!.postMessage({ id: message.id, error: { code: described.code, message: text } });
  }
});
