/**
 * The audit log: every change is recorded in the transaction that makes it,
 * in a hash chain (docs/adr/0004). Callers import from here; the SQL lives in
 * audit.repository.ts.
 */
export * from './audit.repository.ts';
