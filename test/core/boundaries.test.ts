import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';

/**
 * The house style's boundaries, as biome.json states them, bite: each rule
 * is shown a file that breaks it, at the path where it applies, and a file
 * that keeps it. (`npm test` lints the real tree with the same file.)
 */
const root = join(import.meta.dirname, '../..');
const biome = join(root, 'node_modules/.bin/biome');
const work = mkdtempSync(join(tmpdir(), 'gongkai-boundaries-'));
const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8'));
writeFileSync(join(work, 'biome.json'), JSON.stringify({ ...config, $schema: undefined, vcs: { enabled: false } }));

function lint(files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, 'case-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'biome.json'), readFileSync(join(work, 'biome.json')));
  try {
    execFileSync(biome, ['lint', '--max-diagnostics=50', '.'], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    return `${stdout}${stderr}`;
  }
}

after(() => rmSync(work, { recursive: true, force: true }));

describe('boundaries the linter checks', () => {
  it('lets only repositories, queries and *.sql.ts files import the SQL helpers', () => {
    const use = "import { sql } from '../../core/db/sql.ts';\nexport const q = sql;\n";
    assert.match(lint({ 'src/modules/m/m.rules.ts': use }), /Only \*\.repository\.ts/);
    assert.match(lint({ 'src/server/portal/x.routes.ts': "import { sql } from '../../core/db/sql.ts';\nexport const q = sql;\n" }), /Only \*\.repository\.ts/);
    assert.equal(lint({ 'src/modules/m/m.repository.ts': use, 'src/modules/m/m.queries.ts': use }), '');
  });

  it('lets a module reach another only through its index.ts', () => {
    assert.match(lint({ 'src/modules/a/a.service.ts': "import { x } from '../b/b.repository.ts';\nexport const y = x;\n" }), /through its index\.ts/);
    assert.match(lint({ 'src/server/x.ts': "import { x } from '../modules/b/b.repository.ts';\nexport const y = x;\n" }), /through its index\.ts/);
    assert.equal(lint({ 'src/modules/a/a.service.ts': "import { x } from '../b/index.ts';\nimport { e } from '../../core/errors.ts';\nexport const y = [x, e];\n" }), '');
  });

  it('keeps HTTP out of domain code, the core free of modules, and the screens out of the server', () => {
    assert.match(lint({ 'src/modules/m/m.service.ts': "import Fastify from 'fastify';\nexport const f = Fastify;\n" }), /Domain code knows no HTTP/);
    assert.equal(lint({ 'src/modules/m/m.routes.ts': "import type { FastifyInstance } from 'fastify';\nexport type F = FastifyInstance;\n" }), '');
    assert.match(lint({ 'src/core/x/x.rules.ts': "import { y } from '../../modules/m/index.ts';\nexport const z = y;\n" }), /The core knows no module/);
    assert.match(lint({ 'src/modules/m/m.routes.ts': "import { Screen } from './web/index.tsx';\nexport const s = Screen;\n" }), /never imports the console/);
  });

  it('refuses default exports', () => {
    assert.match(lint({ 'src/modules/m/m.rules.ts': 'export default 1;\n' }), /noDefaultExport/);
  });
});
