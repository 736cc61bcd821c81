import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskAddress } from '../../src/core/mail/index.ts';

describe('mail addresses as operators and the audit log see them', () => {
  it('keeps the first letter and the domain, hides the rest, and hides what is not an address', () => {
    assert.equal(maskAddress('lisi@example.com'), 'l***@example.com');
    assert.equal(maskAddress('a.b@sub.example.gov.cn'), 'a***@sub.example.gov.cn');
    assert.equal(maskAddress('odd@name@example.com'), 'o***@example.com');
    assert.equal(maskAddress('@example.com'), '***');
    assert.equal(maskAddress('not an address'), '***');
  });
});
