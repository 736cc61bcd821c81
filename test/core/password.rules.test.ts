import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPassword, passwordProblems, passwordRules } from '../../src/core/auth/auth.rules.ts';

/** The rules the change-password forms show and check live are the ones the server enforces. */
describe('the password rules', () => {
  it('names each problem the server refuses, and nothing for a good password', () => {
    assert.deepEqual(passwordProblems('a long passphrase for work', 'clerk'), []);
    assert.deepEqual(passwordProblems('short', 'clerk'), ['密码至少 12 个字符']);
    assert.deepEqual(passwordProblems('my CLERK is long enough', 'clerk'), ['密码不能包含用户名']);
    assert.deepEqual(passwordProblems('aaaaaaaaaaaaaa', 'clerk'), ['密码不能由同一个字符重复组成']);
    assert.deepEqual(passwordProblems('x'.repeat(199) + 'y'.repeat(2), 'clerk'), ['密码不能超过 200 个字符']);
    assert.throws(() => checkPassword('my clerk pw', 'clerk'), { code: 'validation_failed', message: '密码至少 12 个字符;密码不能包含用户名' });
    assert.doesNotThrow(() => checkPassword('a long passphrase for work', 'clerk'));
    assert.deepEqual(passwordRules.map((rule) => rule.rule), ['至少 12 个字符', '不超过 200 个字符', '不能包含用户名', '不能由同一个字符重复组成']);
  });
});
