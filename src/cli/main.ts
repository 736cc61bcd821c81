import { runReported } from './run.ts';

/** The gongkai command (bin/gongkai.mjs): the commands are in run.ts, so tests can also run them in-process. */
process.exitCode = await runReported(process.argv.slice(2));
