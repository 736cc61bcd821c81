import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli.ts';
import { tempDir } from '../support/files.ts';

describe('gongkai user add', () => {
  it('creates the first administrator with a one-time password, once, and explains a bad role', () => {
    const dir = tempDir();
    const env = { DATA_DIR: join(dir.path, 'data') };
    try {
      const created = runCli(['user', 'add', 'admin', '--name', '系统管理员', '--role', 'system_admin'], env);
      assert.equal(created.status, 0, created.stderr);
      assert.match(created.stdout, /已创建账号 admin\(系统管理员\)\n一次性密码:[A-Za-z0-9_-]{16}\n/);
      const again = runCli(['user', 'add', 'admin', '--name', '另一个', '--role', 'system_admin'], env);
      assert.equal(again.status, 5);
      assert.match(again.stderr, /用户名「admin」已被使用/);
      const wrong = runCli(['user', 'add', 'clerk', '--name', '经办', '--role', 'boss'], env);
      assert.equal(wrong.status, 2);
      assert.match(wrong.stderr, /未知的角色「boss」/);
      const homeless = runCli(['user', 'add', 'clerk', '--name', '经办', '--role', 'clerk'], env);
      assert.match(homeless.stderr, /须属于一个机关/);
    } finally {
      dir.remove();
    }
  });
});
