import { repeatEvery } from '../repeat.ts';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Database, Queryable } from '../db/database.ts';
import * as repository from './audit.checkpoint.repository.ts';
import { AppError } from '../errors.ts';
import { lockAuditChain, recordAudit, type Actor } from './audit.ts';

/**
 * Signed checkpoints anchor the audit chain's tail. The chain shows an edit or
 * a deletion in the middle; it cannot show a rewrite of every event after a
 * point, nor the newest events deleted. A checkpoint fixes the hash of one
 * event and the number of events up to it, signed with an Ed25519 key that is
 * kept outside the database, so whoever can write to the database cannot make
 * a new one. Checkpoints are stored in audit_checkpoints and printed as one
 * line, for the operator to keep elsewhere: that catches the table's deletion.
 */
export interface Checkpoint {
  eventId: number;
  /** Events with an id up to eventId. */
  events: number;
  head: string;
  /** ISO 8601, UTC. */
  at: string;
  /** The signing key's fingerprint: SHA256: and the base64 of its public key's hash. */
  key: string;
  /** Ed25519 over signedText, base64url. */
  signature: string;
}

export interface AuditKey {
  publicKey: KeyObject;
  /** Null when the file holds only the public key: enough to verify, not to sign. */
  privateKey: KeyObject | null;
  fingerprint: string;
}

const magic = 'gongkai-audit-checkpoint v1';

const fingerprintOf = (publicKey: KeyObject) =>
  `SHA256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64').replace(/=+$/, '')}`;

/** Writes a new key pair: the private key to `file` (owner only), the public key to `file`.pub. Never overwrites. */
export function generateAuditKey(file: string): { fingerprint: string; publicFile: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicFile = `${file}.pub`;
  try {
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { flag: 'wx', mode: 0o600 });
    writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx', mode: 0o644 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(code === 'EEXIST' ? 'conflict' : 'file_unreadable', code === 'EEXIST' ? `密钥文件已存在,不会覆盖:${(error as { path?: string }).path ?? file}` : `无法写入密钥文件 ${file}:${code}`);
  }
  return { fingerprint: fingerprintOf(publicKey), publicFile };
}

/** Reads AUDIT_KEY_FILE: an Ed25519 private key (PKCS#8 PEM), or only its public key (SPKI PEM) on a machine that only verifies. */
export function loadAuditKey(file: string): AuditKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new AppError('config_invalid', `AUDIT_KEY_FILE: 无法读取 ${file}(${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    const privateKey = text.includes('PRIVATE KEY') ? createPrivateKey(text) : null;
    const publicKey = privateKey ? createPublicKey(privateKey) : createPublicKey(text);
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(String(publicKey.asymmetricKeyType));
    return { publicKey, privateKey, fingerprint: fingerprintOf(publicKey) };
  } catch {
    throw new AppError('config_invalid', `AUDIT_KEY_FILE: ${file} 不是 Ed25519 密钥(请用 gongkai audit keygen 生成)`);
  }
}

const signedText = (c: Omit<Checkpoint, 'signature' | 'key'>) => `${magic}\nevent=${c.eventId}\nevents=${c.events}\nhash=${c.head}\nat=${c.at}`;

export const formatCheckpoint = (c: Checkpoint) => `${magic} event=${c.eventId} events=${c.events} hash=${c.head} at=${c.at} key=${c.key} sig=${c.signature}`;

export function parseCheckpoint(line: string): Checkpoint {
  const match = /^gongkai-audit-checkpoint v1 event=(\d+) events=(\d+) hash=([0-9a-f]{64}) at=(\S+) key=(SHA256:\S+) sig=([A-Za-z0-9_-]+)$/.exec(line.trim());
  if (!match) throw new AppError('validation_failed', '检查点格式不对:应为 gongkai audit checkpoint 输出的一整行');
  const [, eventId, events, head, at, key, signature] = match;
  return { eventId: Number(eventId), events: Number(events), head: head!, at: at!, key: key!, signature: signature! };
}

/**
 * Signs the head as it is now. The checkpoint's own audit event is written
 * first, under the chain lock, so the checkpoint covers it and nothing else
 * can be appended in between. With onlyIfMoved, nothing is written when the
 * head is still the latest checkpoint's event (the server's periodic run).
 */
export async function writeCheckpoint(db: Database, key: AuditKey, actor: Actor, options: { onlyIfMoved?: boolean } = {}): Promise<Checkpoint | null> {
  const privateKey = key.privateKey;
  if (!privateKey) throw new AppError('config_invalid', 'AUDIT_KEY_FILE 只有公钥:可以核对检查点,不能签发');
  return db.transaction(async (tx) => {
    if (options.onlyIfMoved) {
      await lockAuditChain(tx);
      if (!(await repository.headMovedSinceCheckpoint(tx))) return null;
    }
    await recordAudit(tx, actor, { action: 'audit.checkpoint', subjectType: 'audit_log', subjectId: key.fingerprint });
    const head = await repository.readChainHead(tx);
    const unsigned = { ...head!, at: new Date().toISOString(), key: key.fingerprint };
    const checkpoint: Checkpoint = { ...unsigned, signature: sign(null, Buffer.from(signedText(unsigned)), privateKey).toString('base64url') };
    await repository.insertCheckpoint(tx, checkpoint);
    return checkpoint;
  });
}

export const latestCheckpoint = (db: Queryable): Promise<Checkpoint | null> => repository.latestCheckpoint(db);

export type CheckpointProblem =
  /** Signed by another key than the configured one. */
  | 'other_key'
  | 'signature_invalid'
  /** The event the checkpoint names is gone: the log was cut short. */
  | 'event_missing'
  /** It is there with another hash: it, or something before it, was rewritten. */
  | 'hash_changed'
  /** Fewer (or more) events up to it than when it was signed. */
  | 'events_missing';

export interface CheckpointCheck {
  checkpoint: Checkpoint;
  problem: CheckpointProblem | null;
  /** Events written after the checkpoint's event. */
  eventsAfter: number;
}

/** Checks the log against one checkpoint: its signature, then the event it names and the count up to it. */
export async function checkCheckpoint(db: Queryable, checkpoint: Checkpoint, key: AuditKey): Promise<CheckpointCheck> {
  const check = (problem: CheckpointProblem | null, eventsAfter = 0): CheckpointCheck => ({ checkpoint, problem, eventsAfter });
  if (checkpoint.key !== key.fingerprint) return check('other_key');
  let signed = false;
  try {
    signed = verify(null, Buffer.from(signedText(checkpoint)), key.publicKey, Buffer.from(checkpoint.signature, 'base64url'));
  } catch {
    signed = false;
  }
  if (!signed) return check('signature_invalid');
  const row = await repository.chainAround(db, checkpoint.eventId);
  if (row!.hash === null) return check('event_missing', row!.after);
  if (row!.hash !== checkpoint.head) return check('hash_changed', row!.after);
  if (row!.upTo !== checkpoint.events) return check('events_missing', row!.after);
  return check(null, row!.after);
}

/**
 * The server's periodic checkpoint: every `minutes`, when the head has moved.
 * Returns a function that stops it.
 */
export function scheduleCheckpoints(db: Database, key: AuditKey, minutes: number, onError: (error: unknown) => void): () => void {
  return repeatEvery(minutes * 60_000, () => writeCheckpoint(db, key, { id: 'system:checkpoint' }, { onlyIfMoved: true }), onError);
}
