import { z } from 'zod';

/**
 * The console shares form declarations (and the zod schemas some modules
 * build from them) with the server. Zod compiles object parsers with
 * `new Function` when it may, and probes for that when a schema is built;
 * the console's Content-Security-Policy forbids eval, so the probe is reported
 * as a violation. In the browser zod runs without compiling. Imported first by
 * main.tsx, before any module that builds a schema.
 */
z.config({ jitless: true });
