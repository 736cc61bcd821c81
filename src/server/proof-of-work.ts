import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CappedMap, createChallenge, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { RateLimits } from '../core/limits/index.ts';
import { html, type Html } from './html.ts';

/**
 * An optional proof-of-work on the public forms (ALTCHA, computed in the
 * visitor's browser, no third-party service): each submission carries the
 * solution of a signed, expiring challenge, used once. Off by default (the
 * forms then need no JavaScript); PROOF_OF_WORK=on turns it on.
 */
export interface ProofOfWork {
  readonly enabled: boolean;
  challenge(): Promise<Challenge>;
  /** Refuses (validation_failed, field altcha) a missing, forged, expired or reused solution. */
  verify(payload: unknown): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    proofOfWork: ProofOfWork;
  }
}

/** How long a challenge may be answered. */
const validForSeconds = 10 * 60;

const refusal = (detail: string) => {
  const message = `人机验证未通过:${detail},请重新完成验证后提交`;
  return new AppError('validation_failed', message, { problems: [{ field: 'altcha', message }] });
};

export function createProofOfWork(options: { enabled: boolean; secret: string | null; keyPrefix?: string; limits?: RateLimits }): ProofOfWork {
  // Without a configured secret each process makes its own: several processes behind one address need PROOF_OF_WORK_SECRET.
  const secret = options.secret ?? randomBytes(32).toString('hex');
  // Solutions already taken, until their challenge expires (in this process, when no database counts them).
  const used = new CappedMap<string, number>({ maxSize: 100_000 });
  return {
    enabled: options.enabled,
    challenge: () =>
      createChallenge({ algorithm: 'SHA-256', cost: 1, keyPrefix: options.keyPrefix ?? '0000', deriveKey, hmacSignatureSecret: secret, expiresAt: Math.floor(Date.now() / 1000) + validForSeconds }),
    async verify(payload) {
      if (!options.enabled) return;
      if (typeof payload !== 'string' || payload.length === 0 || payload.length > 4000) throw refusal('请先完成页面上的人机验证');
      let decoded: Payload;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Payload;
      } catch {
        throw refusal('验证数据无法识别');
      }
      if (!decoded?.challenge?.parameters || !decoded.solution) throw refusal('验证数据无法识别');
      const result = await verifySolution({ challenge: decoded.challenge, solution: decoded.solution, deriveKey, hmacSignatureSecret: secret });
      if (result.expired) throw refusal('验证已过期');
      if (!result.verified) throw refusal('验证数据无效');
      const key = decoded.challenge.signature ?? decoded.challenge.parameters.nonce;
      // Counted in the database when it is given: a solution spent on one process is spent on all.
      if (options.limits) {
        if ((await options.limits.hit(`proof-of-work:${key}`, validForSeconds * 1000)).hits > 1) throw refusal('该验证已使用过');
        return;
      }
      if (used.has(key)) throw refusal('该验证已使用过');
      used.set(key, Date.now());
    },
  };
}

// The ES module build with every language (the package exports its CommonJS build to require.resolve).
const widgetScript = join(dirname(createRequire(import.meta.url).resolve('altcha/i18n')), 'altcha.i18n.min.js');

/** The challenge the widget fetches, and the widget's script (with its Chinese strings), served from this site. */
export function registerProofOfWork(app: FastifyInstance, proofOfWork: ProofOfWork): void {
  app.decorate('proofOfWork', proofOfWork);
  if (!proofOfWork.enabled) return;
  app.get('/api/pow/challenge', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return proofOfWork.challenge();
  });
  app.get('/assets/altcha.js', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('text/javascript; charset=utf-8').send(createReadStream(widgetScript)));
}

/** Checks the solution a public form or JSON body carries (field `altcha`), when the proof-of-work is on. */
export async function checkProofOfWork(request: FastifyRequest): Promise<void> {
  const body = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
  await request.server.proofOfWork.verify(body.altcha);
}

/** The body without the proof-of-work field, for services that refuse fields they do not know. */
export function withoutProof(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !Object.hasOwn(body, 'altcha')) return body;
  const { altcha: _proof, ...rest } = body as Record<string, unknown>;
  return rest;
}

/** The widget in a public form, when the proof-of-work is on: it solves the challenge and puts the solution in the form. */
export function proofOfWorkField(request: FastifyRequest): Html | '' {
  if (!request.server.proofOfWork.enabled) return '';
  return html`<div class="field"><altcha-widget challenge="/api/pow/challenge" name="altcha" language="zh-cn" auto="onload"></altcha-widget>
    <noscript><p class="alert">本站已开启人机验证,提交需要浏览器启用 JavaScript。</p></noscript></div>
    <script type="module" src="/assets/altcha.js"></script>`;
}
