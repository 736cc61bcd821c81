import { setTimeout as sleepFor } from 'node:timers/promises';
import { AppError } from '../../core/errors.ts';
import { allowEverything, disallowEverything, parseRobots, type RobotsRules } from './robots.rules.ts';

/**
 * HTTP the way a guest on a government portal should use it: robots.txt
 * fetched once per site and obeyed (redirects included), one request at a
 * time per host no faster than the rate (or the site's Crawl-delay), a
 * conditional request when we have the page's validators, a timeout and a
 * size limit on every response, and a bounded number of retries, with
 * backoff, for 5xx and 429 (after Retry-After when the server says).
 */

export interface FetcherOptions {
  /** Sent as User-Agent; names Gongkai. ASCII only (an HTTP header). */
  userAgent: string;
  /** The product token robots.txt groups are matched against. */
  robotsAgent: string;
  /** Requests per second per host (a site's Crawl-delay may slow it further). */
  requestsPerSecond: number;
  timeoutMs: number;
  maxBytes: number;
  /** Further attempts after a 5xx, a 429 or a failed connection. */
  retries: number;
  /** The first retry's wait; each next one doubles it. */
  retryBaseMs: number;
  /** No single wait, Retry-After included, is longer than this. */
  maxRetryWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

export type FetchResult =
  | { status: 'fetched'; url: string; bytes: Uint8Array; etag: string | null; lastModified: string | null }
  | { status: 'not_modified' };

export interface PoliteFetcher {
  /** Null if robots.txt lets us fetch the address, else why not (in Chinese). */
  refusalOf(url: string): Promise<string | null>;
  fetch(url: string, validators?: Validators): Promise<FetchResult>;
}

const maxRedirects = 5;

export function createPoliteFetcher(options: FetcherOptions): PoliteFetcher {
  const sleep = options.sleep ?? ((ms: number) => sleepFor(ms));
  const robots = new Map<string, Promise<{ rules: RobotsRules; problem: string | null }>>();
  const nextSlot = new Map<string, number>();
  const minimumGap = 1000 / options.requestsPerSecond;

  async function waitForTurn(url: URL, crawlDelay: number | null): Promise<void> {
    const gap = Math.max(minimumGap, (crawlDelay ?? 0) * 1000);
    const slot = nextSlot.get(url.host) ?? 0;
    // The monotonic clock, to the fraction of a millisecond: Date.now()'s whole milliseconds let a gap come out a millisecond short.
    const now = performance.now();
    if (slot > now) {
      // Reserved before waiting, so two callers never share a slot.
      nextSlot.set(url.host, slot + gap);
      // A timer may fire early by the time the event loop was busy (its clock is read once per turn): wait out the rest.
      for (let left = slot - now; left > 0; left = slot - performance.now()) await sleep(left);
    }
    // Counted from when the request really leaves: a turn taken late (the process was busy) does not shorten the next gap.
    nextSlot.set(url.host, Math.max(nextSlot.get(url.host) ?? 0, Math.max(performance.now(), slot) + gap));
  }

  function robotsOf(url: URL) {
    let known = robots.get(url.origin);
    if (!known) {
      known = loadRobots(url);
      robots.set(url.origin, known);
    }
    return known;
  }

  async function loadRobots(url: URL): Promise<{ rules: RobotsRules; problem: string | null }> {
    const address = new URL('/robots.txt', url.origin);
    try {
      const response = await send(address, {}, null);
      if (response.ok) return { rules: parseRobots(await readText(response, address.toString()), options.robotsAgent), problem: null };
      // RFC 9309 2.3.1.3: an unavailable robots.txt (4xx) allows everything, an unreachable one (5xx) nothing.
      if (response.status >= 400 && response.status < 500) return { rules: allowEverything, problem: null };
      return { rules: disallowEverything, problem: `${address} 无法获取(HTTP ${response.status}),按 robots 规则暂不抓取该网站` };
    } catch (error) {
      return { rules: disallowEverything, problem: `${address} 无法获取(${reasonOf(error)}),按 robots 规则暂不抓取该网站` };
    }
  }

  async function refusalOf(address: string): Promise<string | null> {
    const url = new URL(address);
    const { rules, problem } = await robotsOf(url);
    if (problem) return problem;
    return rules.isAllowed(`${url.pathname}${url.search}`) ? null : `${address}: robots.txt 不允许抓取`;
  }

  /** One request, with retries; redirects are returned, not followed. */
  async function send(url: URL, headers: Record<string, string>, crawlDelay: number | null): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      await waitForTurn(url, crawlDelay);
      let response: Response | null = null;
      let failure: unknown = null;
      try {
        response = await fetch(url, {
          headers: { 'user-agent': options.userAgent, accept: '*/*', ...headers },
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        failure = error;
      }
      const retryable = failure !== null || response!.status >= 500 || response!.status === 429;
      if (!retryable) return response!;
      if (attempt >= options.retries) {
        if (response) return response;
        throw new AppError('fetch_failed', `${url}: ${reasonOf(failure)}`, { url: url.toString() });
      }
      await response?.body?.cancel();
      const backoff = options.retryBaseMs * 2 ** attempt;
      const asked = response ? retryAfterMs(response.headers.get('retry-after')) : null;
      await sleep(Math.min(options.maxRetryWaitMs, Math.max(backoff, asked ?? 0)));
    }
  }

  async function readBytes(response: Response, address: string): Promise<Uint8Array> {
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(address, declared);
    }
    if (!response.body) return new Uint8Array();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > options.maxBytes) throw tooLarge(address, size);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  async function readText(response: Response, address: string): Promise<string> {
    return new TextDecoder().decode(await readBytes(response, address));
  }

  function tooLarge(address: string, size: number): AppError {
    return new AppError('file_too_large', `${address}: 超过 ${(options.maxBytes / 1048576).toFixed(0)} MB 上限(至少 ${(size / 1048576).toFixed(1)} MB)`, { url: address });
  }

  return {
    refusalOf,
    async fetch(address, validators) {
      let url = new URL(address);
      for (let hop = 0; ; hop++) {
        const refusal = await refusalOf(url.toString());
        if (refusal) throw new AppError('forbidden', refusal, { url: url.toString() });
        const { rules } = await robotsOf(url);
        const headers: Record<string, string> = {};
        // Validators belong to the address asked for; after a redirect the request is plain.
        if (hop === 0 && validators?.etag) headers['if-none-match'] = validators.etag;
        if (hop === 0 && validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
        const response = await send(url, headers, rules.crawlDelay);
        if (response.status === 304) {
          await response.body?.cancel();
          return { status: 'not_modified' };
        }
        if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
          await response.body?.cancel();
          if (hop >= maxRedirects) throw new AppError('fetch_failed', `${address}: 重定向超过 ${maxRedirects} 次`, { url: address });
          url = new URL(response.headers.get('location')!, url);
          if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('fetch_failed', `${address}: 重定向到不支持的地址 ${url}`, { url: address });
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel();
          throw new AppError('fetch_failed', `${url}: 服务器返回 HTTP ${response.status}`, { url: url.toString(), status: response.status });
        }
        const bytes = await readBytes(response, url.toString());
        return { status: 'fetched', url: url.toString(), bytes, etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
      }
    },
  };
}

/** Retry-After in milliseconds: seconds, or an HTTP date. */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return '请求超时';
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return `无法连接${cause ? `(${cause})` : ''}`;
}
