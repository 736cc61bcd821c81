/**
 * A load generator in a process of its own (see loadInChild in
 * bench.support.ts): autocannon with the requests given as JSON in argv[2],
 * its figures printed as JSON. A benchmark that serves from its own process
 * must not also generate the load there: both would share one JavaScript
 * thread, and the server's figures would be half the machine's.
 */
import autocannon from 'autocannon';

interface LoadAsk {
  url: string;
  connections: number;
  seconds: number;
  requests: { path: string; headers?: Record<string, string> }[];
}

const ask = JSON.parse(process.argv[2] ?? '{}') as LoadAsk;
const result = await autocannon({
  url: ask.url,
  connections: ask.connections,
  duration: ask.seconds,
  requests: ask.requests.map((request) => ({ method: 'GET' as const, ...request })),
});
process.stdout.write(
  JSON.stringify({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx, notModified: result['3xx'] }),
);
