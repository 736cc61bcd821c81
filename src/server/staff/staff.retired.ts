import type { FastifyInstance } from 'fastify';
import { AppError } from '../../core/errors.ts';

/**
 * The server-rendered staff pages (/staff …) are retired: the console is the
 * one staff front end. Old links and bookmarks land on the matching console
 * screen; notices open from the JSON API; the old forms answer 410.
 */
const moves: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/^\/staff\/?$/, () => '/console'],
  [/^\/staff\/sign-in\/?$/, () => '/console'],
  [/^\/staff\/password\/?$/, () => '/console/password'],
  [/^\/staff\/requests\/new\/?$/, () => '/console/requests/new'],
  [/^\/staff\/requests\/(\d{1,12})\/notices\/(\d{1,12}(?:\.pdf)?)$/, (m) => `/api/staff/requests/${m[1]}/notices/${m[2]}`],
  [/^\/staff\/requests\/(\d{1,12})\/?$/, (m) => `/console/requests/${m[1]}`],
  [/^\/staff\/requests\/?$/, () => '/console/requests'],
  [/^\/staff\/publications(?:\/.*)?$/, () => '/console/publications'],
  [/^\/staff\/audit(?:\/.*)?$/, () => '/console/audit'],
  [/^\/staff\/(agencies|users|calendar|rules)\/?$/, (m) => `/console/${m[1]}`],
];

/** The console path an old /staff path moved to (unknown paths: the console's start). */
export function consolePathFor(path: string): string {
  for (const [pattern, target] of moves) {
    const match = path.match(pattern);
    if (match) return target(match);
  }
  return '/console';
}

export function registerRetiredStaffPages(app: FastifyInstance): void {
  const redirect = async (request: { url: string }, reply: { redirect(url: string, code: number): unknown }) => reply.redirect(consolePathFor(request.url.split('?')[0]!), 301);
  app.get('/staff', redirect);
  app.get('/staff/*', redirect);
  app.post('/staff', gone);
  app.post('/staff/*', gone);
}

async function gone(): Promise<never> {
  throw new AppError('gone', '服务器端的工作人员页面已停用,请在工作台(/console)操作');
}
