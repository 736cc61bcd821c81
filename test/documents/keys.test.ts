import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalIssuer } from '../../src/modules/documents/documents.rules.ts';

describe('document keys', () => {
  it('maps an issuer through the register only by its own names, never by inherited keys', () => {
    const names = { 市政府办公厅: '上海市人民政府办公厅' };
    assert.equal(canonicalIssuer('市政府办公厅', names), '上海市人民政府办公厅');
    assert.equal(canonicalIssuer('上海市人民政府', names), '上海市人民政府');
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      assert.equal(canonicalIssuer(key, names), key);
    }
    assert.equal(canonicalIssuer(null, names), '');
  });
});
