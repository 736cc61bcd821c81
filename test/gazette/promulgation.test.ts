import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseText } from '../../src/modules/gazette/index.ts';

/** Promulgation forms beyond "<organ>令" (fresh-set rule 8 of test/fixtures/real/README.md). */
const parseOne = (lines: string[]) => parseText(lines.join('\n'), 'synthetic.txt').documents[0]!;

describe('promulgation forms', () => {
  it('reads an abbreviated order number and a bare 市 长 line', () => {
    const document = parseOne([
      '青山市人民政府',
      '青府令第 57 号',
      '《青山市城市绿化管理办法》已经2008年6月2日市人民政府第12次常务会议审议通过，现予发布，自2008年8月1日起施行。',
      '市 长',
      '二〇〇八年六月十日',
      '青山市城市绿化管理办法',
      '第一条 为加强城市绿化管理，制定本办法。',
    ]);
    assert.equal(document.title, '青山市城市绿化管理办法');
    assert.equal(document.docNumber, '青府令第57号');
    assert.equal(document.issuer, '青山市人民政府');
    assert.equal(document.date, '2008-06-10');
    assert.equal(document.type, '令');
  });

  it("reads a standing committee's 公告 over 第N号 promulgating a regulation", () => {
    const document = parseOne([
      '某省河道管理条例',
      '某省第九届人民代表大会常务委员会公告',
      '第 15 号',
      '《某省河道管理条例》已由某省第九届人民代表大会常务委员会第八次会议于2001年3月30日通过，现予公布，自2001年6月1日起施行。',
      '某省人民代表大会常务委员会',
      '2001年3月30日',
      '第一章 总则',
      '第一条 为加强河道管理，制定本条例。',
    ]);
    assert.equal(document.title, '某省河道管理条例');
    assert.equal(document.docNumber, '某省第九届人民代表大会常务委员会公告第15号');
    assert.equal(document.issuer, '某省人民代表大会常务委员会');
    assert.equal(document.date, '2001-03-30');
    assert.equal(document.type, '公告');
  });

  it('is no frame when a 公告 line has no promulgating sentence', () => {
    const document = parseOne([
      '某省第九届人民代表大会常务委员会公告',
      '第 15 号',
      '现将有关事项公告如下：会议定于下月召开。',
      '某省人民代表大会常务委员会',
      '2001年3月30日',
    ]);
    assert.notEqual(document.type, '令');
    assert.notEqual(document.title, '某省河道管理条例');
  });
});
