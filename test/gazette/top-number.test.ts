import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOne } from '../support/parse-one.ts';

/** A 发文字号 printed at the top with no masthead, the title below it (fresh-set rules 1, 2 and 12 of test/fixtures/real/README.md). */

describe('a number line at the top, the title below it', () => {
  it('reads number, title and type when the title follows the number', () => {
    const document = parseOne([
      '青府发〔2019〕8号',
      '青山市人民政府关于加强城市供水安全管理的意见',
      '各区人民政府，市政府各部门：',
      '为保障城市供水安全，现提出如下意见：',
      '一、明确责任',
      '各区要落实属地责任。',
      '青山市人民政府',
      '2019年3月2日',
    ]);
    assert.equal(document.docNumber, '青府发〔2019〕8号');
    assert.equal(document.title, '青山市人民政府关于加强城市供水安全管理的意见');
    assert.equal(document.type, '意见');
    assert.equal(document.issuer, '青山市人民政府');
    assert.equal(document.date, '2019-03-02');
  });

  it('joins a title wrapped over two lines below the number', () => {
    const document = parseOne([
      '青府办发〔2020〕3号',
      '青山市人民政府办公室印发',
      '关于规范政府网站管理的办法的通知',
      '各区人民政府，市政府各部门：',
      '现将《关于规范政府网站管理的办法》印发给你们，请认真执行。',
      '青山市人民政府办公室',
      '2020年1月9日',
    ]);
    assert.equal(document.title, '青山市人民政府办公室印发关于规范政府网站管理的办法的通知');
    assert.equal(document.type, '通知');
  });

  it('keeps no title when the line below the number is body text, not a title', () => {
    const document = parseOne([
      '青府发〔2019〕8号',
      '各区人民政府，市政府各部门：',
      '为保障城市供水安全，现提出如下意见。',
    ]);
    assert.equal(document.title, null);
  });
});

describe('traditional characters', () => {
  it('recognises 關於/意見/號 as structure and stores the title and number as printed', () => {
    const document = parseOne([
      '青府〔2012〕21號',
      '青山市人民政府關於加快發展現代服務業的實施意見',
      '各區人民政府，市政府各部門：',
      '為加快發展現代服務業，提出如下意見：',
      '一、總體要求',
    ]);
    assert.equal(document.docNumber, '青府〔2012〕21號');
    assert.equal(document.title, '青山市人民政府關於加快發展現代服務業的實施意見');
    assert.equal(document.issuer, '青山市人民政府');
    assert.equal(document.type, '意见');
  });

  it('reads a traditional title opening with 關于 and no issuer', () => {
    const document = parseOne(['關于做好年度統計工作的通知', '各區統計局：', '請按時報送數據。']);
    assert.equal(document.title, '關于做好年度統計工作的通知');
    assert.equal(document.type, '通知');
  });
});

describe('a metadata block above the number', () => {
  it('ends the 名称 value at the next key (文号, 主题词) instead of joining it to the title', () => {
    const document = parseOne([
      '索 引 号: 11223344/2018-00012 信息分类: 政务公开',
      '发布机构: 青山区政府 生成日期: 2018-05-03',
      '名  称: 青山区人民政府关于印发青山区政务服务管理办法的通知',
      '文  号: 青区府发 〔2018〕 12号 主 题 词: 政务服务',
      '青区府发〔2018〕12号',
      '青山区人民政府关于印发青山区政务服务管理办法的通知',
      '各街道办事处，区政府各部门：',
      '现将《青山区政务服务管理办法》印发给你们，请遵照执行。',
      '青山区人民政府',
      '2018年4月28日',
    ]);
    assert.equal(document.title, '青山区人民政府关于印发青山区政务服务管理办法的通知');
    assert.equal(document.type, '通知');
    assert.equal(document.docNumber, '青区府发〔2018〕12号');
    assert.equal(document.addressees, '各街道办事处，区政府各部门');
  });
});
