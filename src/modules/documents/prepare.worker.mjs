// Loads the TypeScript worker through tsx, as bin/gongkai.mjs does for the CLI.
import { register } from 'tsx/esm/api';

register();
await import('./prepare.worker.ts');
