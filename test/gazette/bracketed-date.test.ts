import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberAndDateLine } from '../../src/modules/gazette/docnumber.rules.ts';
import { parseText } from '../../src/modules/gazette/index.ts';
import { parseOne } from '../support/parse-one.ts';

/** "(number date)" and "(date)" under a title, as gazettes print them (fresh-set rule 5 of test/fixtures/real/README.md). */

describe('number and date in brackets under the title', () => {
  it('reads "(number date)" as 发文字号 and 成文日期', () => {
    const document = parseOne([
      '青山市人民政府关于公布第二批历史文化街区名单的通知',
      '(青府字〔2016〕12号 2016年8月3日)',
      '各区人民政府，市政府各部门：',
      '经市政府研究，现将第二批历史文化街区名单予以公布。',
    ]);
    assert.equal(document.title, '青山市人民政府关于公布第二批历史文化街区名单的通知');
    assert.equal(document.docNumber, '青府字〔2016〕12号');
    assert.equal(document.date, '2016-08-03');
    assert.equal(document.type, '通知');
  });

  it('ends a title wrapped over two lines', () => {
    const document = parseOne([
      '青山市人民政府办公室关于转发',
      '《青山市档案管理暂行办法》的通知',
      '(青府办发〔1999〕45号 1999年11月2日)',
      '各区人民政府：',
      '现将《青山市档案管理暂行办法》转发给你们，请认真执行。',
    ]);
    assert.equal(document.title, '青山市人民政府办公室关于转发《青山市档案管理暂行办法》的通知');
    assert.equal(document.docNumber, '青府办发〔1999〕45号');
    assert.equal(document.issuer, '青山市人民政府办公室');
    assert.equal(document.date, '1999-11-02');
  });

  it('reads "(date)" alone under a title', () => {
    const document = parseOne(['青山市人民政府关于调整最低工资标准的通知', '(2018年6月30日)', '各区人民政府：', '现将调整事项通知如下。']);
    assert.equal(document.date, '2018-06-30');
  });

  it('is not a bracketed aside without a number', () => {
    assert.equal(numberAndDateLine('(此件公开发布 2016年8月3日)'), null);
    assert.equal(numberAndDateLine('(青府字〔2016〕12号，2016年8月3日)')?.date, '2016-08-03');
  });

  it('dates a 决定 by the meeting that adopted it, printed in brackets under the title', () => {
    const document = parseText(
      [
        '青山市人民代表大会常务委员会',
        '关于同意设立青山市湿地公园的决定',
        '(2021年4月28日青山市第十届人民代表大会常务委员会第三十次会议通过)',
        '青山市第十届人民代表大会常务委员会第三十次会议听取和审议了市人民政府的议案，决定同意设立青山市湿地公园。',
      ].join('\n'),
      'synthetic.txt',
    ).documents[0]!;
    assert.equal(document.title, '青山市人民代表大会常务委员会关于同意设立青山市湿地公园的决定');
    assert.equal(document.date, '2021-04-28');
    assert.equal(document.type, '决定');
  });
});
