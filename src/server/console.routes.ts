import fastifyStatic from '@fastify/static';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../core/errors.ts';

/** Where `npm run build:console` (Vite) writes the staff console. */
export const consoleDir = fileURLToPath(new URL('../../dist/console/', import.meta.url));

// Ant Design writes its styles at run time (CSS-in-JS), hence inline styles; no inline script.
const policy = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The staff console: hashed assets cached for a year, and the one page for
 * every console path (the console routes in the browser). The data comes
 * from /api/staff, behind the same session and CSRF checks as every staff route.
 */
export function registerConsole(app: FastifyInstance, dir = consoleDir): void {
  app.register(fastifyStatic, { root: join(dir, 'assets'), prefix: '/console/assets/', immutable: true, maxAge: '365d', preCompressed: true, index: false, decorateReply: false });

  async function sendConsole(_request: unknown, reply: FastifyReply) {
    const page = await readFile(join(dir, 'index.html'), 'utf8').catch(() => {
      throw new AppError('dependency_missing', '工作台界面尚未构建:请先运行 npm run build:console');
    });
    return reply.header('cache-control', 'no-cache').header('content-security-policy', policy).header('x-frame-options', 'DENY').type('text/html; charset=utf-8').send(page);
  }
  app.get('/console', sendConsole);
  app.get('/console/*', sendConsole);
}
