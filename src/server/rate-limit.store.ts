import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { RateLimits } from '../core/limits/index.ts';

/**
 * @fastify/rate-limit's store, counting in the database (src/core/limits) instead
 * of each process's memory: every portal process behind a load balancer shares
 * the counts. Each route counts apart, as the plugin's own store does.
 */
export function databaseRateLimitStore(limits: RateLimits): FastifyRateLimitStoreCtor {
  function storeFor(prefix: string): FastifyRateLimitStore {
    return {
      incr(key, callback, timeWindow) {
        limits.hit(`${prefix}${key}`, timeWindow).then(
          ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
          (error: Error) => callback(error),
        );
      },
      child(routeOptions) {
        // The plugin hands the route's merged limits, the route itself under `routeInfo`.
        const route = (routeOptions as { routeInfo?: { method: unknown; url: string } }).routeInfo ?? { method: routeOptions.method, url: routeOptions.path };
        return storeFor(`route:${String(route.method)}:${route.url}|`);
      },
    };
  }
  return class {
    constructor(_options: FastifyRateLimitOptions) {
      Object.assign(this, storeFor('global|'));
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
