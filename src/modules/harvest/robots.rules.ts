/**
 * robots.txt as RFC 9309 reads it: the group naming our product token (or,
 * without one, the `*` group) applies; of its rules the longest matching path
 * wins, and Allow wins a tie. `*` matches any run of characters and `$` the
 * end. Crawl-delay is not in the RFC but is what Chinese portals set; it is
 * honoured as a lower bound on the time between requests.
 */

export interface RobotsRules {
  isAllowed(pathAndQuery: string): boolean;
  /** Seconds between requests the site asks for, if it says. */
  crawlDelay: number | null;
}

interface Rule {
  allow: boolean;
  pattern: string;
  matcher: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
  crawlDelay: number | null;
}

export const allowEverything: RobotsRules = { isAllowed: () => true, crawlDelay: null };
export const disallowEverything: RobotsRules = { isAllowed: () => false, crawlDelay: null };

function matcherOf(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

/** Percent-encodings compared alike (%7e and %7E, and unreserved characters decoded). */
function normalisePath(path: string): string {
  return path.replace(/%([0-9a-f]{2})/gi, (match, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : match.toUpperCase();
  });
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [], crawlDelay: null };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (field === 'allow' || field === 'disallow') {
      // An empty Disallow allows everything: no rule.
      if (value === '') continue;
      const pattern = normalisePath(value);
      current.rules.push({ allow: field === 'allow', pattern, matcher: matcherOf(pattern) });
    } else if (field === 'crawl-delay') {
      const seconds = Number(value);
      if (Number.isFinite(seconds) && seconds >= 0) current.crawlDelay = seconds;
    }
  }
  return groups;
}

/** The rules of a robots.txt for the crawler whose product token is `agent` (e.g. `gongkai`). */
export function parseRobots(text: string, agent: string): RobotsRules {
  const groups = parseGroups(text);
  const token = agent.toLowerCase();
  const own = groups.filter((group) => group.agents.some((name) => name !== '*' && token.includes(name)));
  const chosen = own.length > 0 ? own : groups.filter((group) => group.agents.includes('*'));
  if (chosen.length === 0) return allowEverything;
  // Groups naming the same agent are merged (RFC 9309 2.2.1).
  const rules = chosen.flatMap((group) => group.rules);
  const delays = chosen.flatMap((group) => (group.crawlDelay === null ? [] : [group.crawlDelay]));
  return {
    crawlDelay: delays.length > 0 ? Math.max(...delays) : null,
    isAllowed(pathAndQuery) {
      const path = normalisePath(pathAndQuery || '/');
      // /robots.txt itself is always allowed.
      if (path === '/robots.txt') return true;
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!rule.matcher.test(path)) continue;
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow && !best.allow)) best = rule;
      }
      return best ? best.allow : true;
    },
  };
}
