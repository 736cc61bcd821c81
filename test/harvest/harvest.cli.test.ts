import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliPath, type CliResult } from '../support/cli.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';

/** The CLI as a subprocess, without blocking this process: the test's portal must answer it meanwhile. */
function runCliAsync(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const page = readFileSync(new URL('../fixtures/harvest/govcn-5344150.html', import.meta.url));

for (const engine of engines) {
  describe(`gongkai harvest on ${engine}`, () => {
    const dir = tempDir();
    let server: Server;
    let origin: string;
    let database: TestDatabase | null = null;
    let env: Record<string, string>;
    before(async () => {
      server = createServer((request, response) => {
        if (request.url === '/doc/content_5344150.htm') return response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        response.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      if (engine === 'postgres') {
        database = await openTestDatabase('postgres', { migrate: false });
        env = database.env;
      } else env = { DATA_DIR: join(dir.path, 'data') };
    });
    after(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database?.close();
      dir.remove();
    });

    it('stores the pages it can, names the one it cannot, and exits 1; --json prints the summary', async () => {
      const urls = dir.write('urls.txt', `# 两个网址\n${origin}/doc/content_5344150.htm\n${origin}/doc/missing.htm\n`);
      const result = await runCliAsync(['harvest', '--urls', urls, '--rate', '20', '--json'], env);
      assert.equal(result.status, 1, result.stderr);
      const summary = JSON.parse(result.stdout) as { new: number; failed: number; outcomes: { url: string; status: string; error?: { message: string } }[] };
      assert.deepEqual([summary.new, summary.failed], [1, 1]);
      assert.match(summary.outcomes[1]!.error!.message, /missing\.htm: 服务器返回 HTTP 404/);

      const again = await runCliAsync(['harvest', '--urls', urls, '--rate', '20'], env);
      assert.equal(again.status, 1);
      assert.match(again.stderr, /进度 1\/2/);
      assert.match(again.stderr, /失败: .*missing\.htm/);
      assert.match(again.stdout, /页面 2 个:新增 0、更新 0、未变 1、失败 1、跳过 0/);
    });

    it('refuses a bad start with a clear error', async () => {
      const result = await runCliAsync(['harvest', 'gov.example/sitemap.xml'], env);
      assert.equal(result.status, 2);
      assert.match(result.stderr, /错误: 请给出一个 http\(s\) 网址/);
      const bad = await runCliAsync(['harvest', `${origin}/x`, '--match', '(['], env);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--match 不是有效的正则表达式/);
    });
  });
}
