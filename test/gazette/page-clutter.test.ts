import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOne } from '../support/parse-one.ts';

/** Page clutter above a title, and one-line annual-report titles (fresh-set rules 3 and 6 of test/fixtures/real/README.md). */

describe('page clutter above the title', () => {
  it('passes over a news headline above an organ line and a title wrapped over three lines', () => {
    const document = parseOne([
      '紧急提醒!白沙湾景区近期封闭施工',
      '白沙湾景区建设工作领导小组办公室',
      '关于景区道路临时封闭的',
      '通告',
      '为保障施工安全，经研究决定，自即日起对景区主干道实行临时封闭。现将有关事项通告如下：',
      '一、封闭期间禁止机动车通行。',
    ]);
    assert.equal(document.title, '白沙湾景区建设工作领导小组办公室关于景区道路临时封闭的通告');
    assert.equal(document.issuer, '白沙湾景区建设工作领导小组办公室');
    assert.equal(document.type, '通告');
  });

  it('passes over label lines (主题:, 时限:, 截止:) and reads a title printed twice once', () => {
    const document = parseOne([
      '今天是:2024年03月01日',
      '青山市交通运输局',
      '意见征集',
      '主题:',
      '青山市交通运输局关于征求《青山市公交线网优化方案(草案)》意见的函',
      '时限:',
      '截止:2023-08-30',
      '征集状态:',
      '已结束',
      '青山市交通运输局关于征求《青山市公交线网优化方案(草案)》意见的函',
      '各区交通局，市直有关单位： 为优化公交线网，请于8月30日前反馈修改意见。',
    ]);
    assert.equal(document.title, '青山市交通运输局关于征求《青山市公交线网优化方案(草案)》意见的函');
    assert.equal(document.issuer, '青山市交通运输局');
    assert.equal(document.type, '函');
    assert.match(document.blocks[0]?.text ?? '', /^各区交通局/);
  });

  it('does not read a sentence of the body as the title', () => {
    const document = parseOne([
      '今天是:2024年03月01日',
      '为优化公交线网，现就有关事项通知如下：',
      '一、关于线路调整的通知',
    ]);
    assert.equal(document.title, null);
  });
});

describe('a one-line annual report title', () => {
  it('reads <township><year>年…年度报告 as a 报告 issued by the township', () => {
    const document = parseOne([
      '青石县白鹭镇2023年政府信息公开工作年度报告',
      '本报告根据《中华人民共和国政府信息公开条例》编制。',
      '一、总体情况',
    ]);
    assert.equal(document.title, '青石县白鹭镇2023年政府信息公开工作年度报告');
    assert.equal(document.issuer, '青石县白鹭镇');
    assert.equal(document.type, '报告');
  });

  it('reads a 乡政府 as the issuer', () => {
    const document = parseOne(['红旗乡政府2022年政府信息公开工作年度报告', '2022年，红旗乡认真贯彻政府信息公开条例。']);
    assert.equal(document.issuer, '红旗乡政府');
    assert.equal(document.type, '报告');
  });
});
