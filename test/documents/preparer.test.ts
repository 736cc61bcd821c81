import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { seedsDir, seedStartingWith } from '../support/corpus.ts';
import { tempDir } from '../support/files.ts';

const preparerUrl = new URL('../../src/modules/documents/file.preparer.ts', import.meta.url).href;
const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the file preparer', () => {
  it('keeps the process alive while a file is being prepared, with nothing else pending', () => {
    // With the embedded database nothing else holds the event loop open: an unreferenced
    // worker let Node exit (code 13) in the middle of an ingest, silently.
    const script = `
      const { createFilePreparer } = await import(${JSON.stringify(preparerUrl)});
      const preparer = createFilePreparer({ maxFileBytes: 50 * 1024 * 1024, maxLineChars: 1000000 }, []);
      const file = await preparer.prepare(${JSON.stringify(join(seedsDir, seedStartingWith('001')))});
      console.log('documents', file.documents.length);
      await preparer.close();`;
    const dir = tempDir();
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', dir.write('prepare.mjs', script)], { cwd: root, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout.trim(), 'documents 17');
    } finally {
      dir.remove();
    }
  });
});
