import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOne } from '../support/parse-one.ts';

/**
 * A portal's metadata block saved as plain text above the document (rules from the second and third fresh sets,
 * test/fixtures/real/README.md): its 文号 and 成文日期 count when the document prints none; its rows are no title.
 */

const body = ['各乡镇人民政府，县直各单位：', '现将有关事项通知如下，请认真贯彻执行。', '青山县人民政府'];

describe('a metadata block in plain text', () => {
  it('gives the number of a document that prints none, from list items', () => {
    const document = parseOne([
      '- 索引号:qs/2021-00016',
      '- 发文字号:青政发〔2021〕42号',
      '- 发文机构:县政府',
      '青山县人民政府关于加强农村道路管理的通知',
      ...body,
      '2021年11月9日',
    ]);
    assert.equal(document.title, '青山县人民政府关于加强农村道路管理的通知');
    assert.equal(document.docNumber, '青政发〔2021〕42号');
    assert.equal(document.date, '2021-11-09');
  });

  it('reads rows of several keys without colons, spaces inside the keys, and the 成文日期 of an undated text', () => {
    const document = parseOne([
      '索 引 号 主题分类 综合政务',
      '发布机构 县人民政府 文  号 青政发〔2013〕6号',
      '成文日期 2013-07-02',
      '青山县人民政府关于加强农村道路管理的通知',
      ...body,
    ]);
    assert.equal(document.title, '青山县人民政府关于加强农村道路管理的通知');
    assert.equal(document.docNumber, '青政发〔2013〕6号');
    assert.equal(document.date, '2013-07-02');
  });

  it('never takes its rows into a title', () => {
    const document = parseOne([
      '索 引 号 0001/2024-00001 公开方式 主动公开',
      '成文日期 2024-01-16 发布机构 青山镇',
      '组配分类 政府信息公开年报',
      '2023年青山镇政府信息公开工作年度报告',
      '一、总体情况',
      '2023年，青山镇认真贯彻落实政府信息公开条例，全面推进政务公开工作。',
    ]);
    assert.equal(document.title, '2023年青山镇政府信息公开工作年度报告');
    assert.equal(document.issuer, '青山镇');
    assert.equal(document.date, '2024-01-16');
  });

  it('gives no number when its 文号 cell says there is none', () => {
    const document = parseOne([
      '发布机构: | 青山镇人民政府 | 主题分类: | 其他 |',
      '名称: | 关于加强农村道路管理的通知 | 文号: | 无 |',
      '青山县人民政府关于加强农村道路管理的通知',
      ...body,
      '2021年11月9日',
    ]);
    assert.equal(document.docNumber, null);
  });
});

describe('an annual report titled with the year first', () => {
  it('names its issuer after the year', () => {
    const report = (title: string) =>
      parseOne([title, '一、总体情况', '2022年，全县认真贯彻落实政府信息公开条例，全面推进政务公开工作。']);
    assert.equal(report('2022年青山县政府信息公开工作年度报告').issuer, '青山县');
    assert.equal(report('2022年青山市人民政府信息公开工作年度报告').issuer, '青山市人民政府');
    assert.equal(report('2022年度青山县政府信息公开工作年度报告').type, '报告');
  });

  it('names none when the title names no body', () => {
    const document = parseOne(['2022年政府信息公开工作年度报告', '一、总体情况', '2022年，全县认真贯彻落实政府信息公开条例。']);
    assert.equal(document.issuer, null);
  });
});
