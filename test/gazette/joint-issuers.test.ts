import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jointIssuerFromTitle } from '../../src/modules/gazette/fields.rules.ts';
import { parseOne } from '../support/parse-one.ts';

/** Joint issuers printed apart in the title line (fresh-set rule 7 of test/fixtures/real/README.md). */

describe('joint issuers separated by spaces', () => {
  it('joins the bodies with 、, a party department among them', () => {
    const document = parseOne([
      '长河市教育局 中共长河市委宣传部 长河市财政局 关于印发长河市校园文化建设三年行动计划的通知',
      '各区(县)教育局、宣传部、财政局：',
      '现将《长河市校园文化建设三年行动计划》印发给你们，请认真组织实施。',
    ]);
    assert.equal(document.title, '长河市教育局中共长河市委宣传部长河市财政局关于印发长河市校园文化建设三年行动计划的通知');
    assert.equal(document.issuer, '长河市教育局、中共长河市委宣传部、长河市财政局');
    assert.equal(document.type, '通知');
  });

  it('reads a government and a court printed apart before 印发', () => {
    assert.equal(jointIssuerFromTitle('长河市人民政府 长河市中级人民法院印发关于建立联席会议制度的意见的通知'), '长河市人民政府、长河市中级人民法院');
  });

  it('leaves one body with a space before 关于 alone', () => {
    assert.equal(jointIssuerFromTitle('长河市人民政府 关于开展安全生产大检查的通知'), null);
  });
});
