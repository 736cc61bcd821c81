/** Seconds before attempt `n + 1` after `n` failed: 1 min, 5 min, 25 min, 2 h, then given up. */
export const retryDelaysSeconds = [60, 300, 1500, 7200] as const;
export const maxAttempts = retryDelaysSeconds.length + 1;

export function retryDelayAfter(attempts: number): number | null {
  return attempts >= maxAttempts ? null : retryDelaysSeconds[attempts - 1] ?? null;
}

/** An SMTP error as a short line for the record (no stack, no credentials). */
export function describeMailError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\/\/[^@\s/]+@/g, '//***@').slice(0, 300);
}

/** An address as the audit log and operators' lists show it: the first character of the name and the domain (l***@example.com). */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
