import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lockFileName } from '../../src/core/db/lock.ts';
import { cliPath, runCli } from '../support/cli.ts';
import { seedStartingWith, seedsDir } from '../support/corpus.ts';
import { tempDir } from '../support/files.ts';

/** Starts `gongkai serve` on DATA_DIR and resolves once it listens. */
function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, [cliPath, 'serve'], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ...env } });
  let output = '';
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const address = /门户网站已启动: (http:\/\/\S+)/.exec(output)?.[1];
      if (address) resolve(address);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`gongkai serve exited (${code}):\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, listening, exited };
}

describe('the embedded database folder is one process’s alone', () => {
  it('refuses a second process at once, naming the holder, and loses nothing', async () => {
    const dir = tempDir();
    const env = { DATA_DIR: join(dir.path, 'data') };
    const file = join(seedsDir, seedStartingWith('003'));
    const server = serve(env);
    try {
      const base = await server.listening;
      const refused = runCli(['ingest', file], env);
      assert.notEqual(refused.status, 0, refused.stdout);
      assert.equal(refused.status, 75);
      assert.match(refused.stderr, new RegExp(`进程号 ${server.child.pid}`));
      assert.match(refused.stderr, /命令「.*gongkai\.mjs serve」/);
      assert.match(refused.stderr, /自 \d{4}-\d{2}-\d{2}T[\d:.]+Z 起/);
      assert.match(refused.stderr, /请先停止该进程.*DATABASE_URL/s);
      assert.doesNotMatch(refused.stdout, /新增/);
      // The running portal is untouched and still serves.
      assert.equal((await fetch(`${base}/readyz`)).status, 200);
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);

      // Once the holder is gone, the same command works, and what it stores stays stored.
      const ingest = runCli(['ingest', file], env);
      assert.equal(ingest.status, 0, ingest.stderr);
      assert.match(ingest.stdout, /新增 \d+ 篇/);
      const stats = runCli(['db', 'stats', '--json'], env);
      assert.equal(stats.status, 0, stats.stderr);
      assert.ok((JSON.parse(stats.stdout) as { documents: number }).documents > 0, stats.stdout);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
      dir.remove();
    }
  });

  it('takes over the lock of a process that died without releasing it', () => {
    const dir = tempDir();
    const env = { DATA_DIR: join(dir.path, 'data') };
    try {
      assert.equal(runCli(['db', 'migrate'], env).status, 0);
      // A pid no process has (above the kernel's pid_max).
      writeFileSync(join(env.DATA_DIR, lockFileName), JSON.stringify({ pid: 2 ** 22 + 7, command: 'gongkai serve', since: '2026-01-01T00:00:00.000Z' }));
      const stats = runCli(['db', 'stats', '--json'], env);
      assert.equal(stats.status, 0, stats.stderr);
    } finally {
      dir.remove();
    }
  });
});
