/**
 * Where a link may send the browser back to: a path on this site, never
 * another site. Browsers drop tabs and newlines from a Location and read
 * "\" as "/", so "/\t/evil.example" and "/\evil.example" both mean
 * "//evil.example", another host; anything doubtful goes to the home page.
 * `raw` is the query parameter as decoded once by the query-string parser.
 */
export function sameSitePath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > 4000) return '/';
  // Control characters and every kind of whitespace (C0, DEL, C1, Unicode spaces, zero-width, BOM).
  const invisible = /[\p{Cc}\p{Zs}\p{Zl}\p{Zp}\u200B-\u200D\u2060\uFEFF]/u;
  if (invisible.test(raw)) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw).replace(new RegExp(invisible, 'gu'), '');
  } catch {
    return '/';
  }
  // A single leading slash, also once decoded again (for any hop that decodes once more).
  const singleSlash = /^\/(?![/\\])/;
  if (!singleSlash.test(raw) || !singleSlash.test(decoded)) return '/';
  // What remains is printable; anything outside ASCII is percent-encoded for the header.
  return raw.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
}
