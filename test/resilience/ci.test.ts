import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const withPostgres = fileURLToPath(new URL('../../scripts/with-postgres.sh', import.meta.url));

describe('CI’s throwaway PostgreSQL (.ci/run uses scripts/with-postgres.sh)', () => {
  it('stops the server and removes its data directory even when the command fails', () => {
    const result = spawnSync(withPostgres, ['sh', '-c', 'psql_ok=$(test -n "$TEST_DATABASE_URL" && echo yes); echo "$psql_ok"; exit 3'], { encoding: 'utf8' });
    assert.equal(result.status, 3, result.stderr);
    assert.equal(result.stdout.trim(), 'yes', 'the command sees TEST_DATABASE_URL');
    const dir = /data directory (\/tmp\/gongkai-ci-pg\.\w+)/.exec(result.stderr)?.[1];
    assert.ok(dir, result.stderr);
    assert.equal(existsSync(dir), false, `${dir} is left behind`);
    const port = /127\.0\.0\.1:(\d+)\//.exec(result.stderr)?.[1];
    const ps = spawnSync('sh', ['-c', `ps -eo args | grep -F -- '-p ${port} ' | grep -v grep || true`], { encoding: 'utf8' });
    assert.equal(ps.stdout.trim(), '', 'the server is stopped');
  });
});
