import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docNumberLine, parseText } from '../../src/modules/gazette/index.ts';
import { findStandaloneHead } from '../../src/modules/gazette/standalone.rules.ts';
import { parseOne } from '../support/parse-one.ts';

/**
 * Rules from the second and third fresh sets (test/fixtures/real/README.md): a site that prints each character's
 * pinyin after it ("發(fā)", "號(hào)") keeps the annotation inside the number as printed; a name in book-title
 * marks above the number is a reprint's heading, not the title.
 */

describe('a number with pinyin annotations', () => {
  it('reads the number, annotations kept as printed, also one after 號', () => {
    assert.equal(docNumberLine('青政辦發(fā)〔2021〕8號')?.normalised, '青政辦發(fā)〔2021〕8號');
    assert.equal(docNumberLine('青政辦發(fā)〔2021〕8號(hào)')?.normalised, '青政辦發(fā)〔2021〕8號(hào)');
    assert.equal(docNumberLine('(青政辦發(fā)〔2021〕8號)')?.normalised, '青政辦發(fā)〔2021〕8號');
  });

  it('counts eight characters of prefix without their annotations', () => {
    assert.equal(docNumberLine('青山市政辦發(fā)〔2021〕8號')?.normalised, '青山市政辦發(fā)〔2021〕8號');
  });
});

describe('a name in book-title marks above the number', () => {
  it('is the heading, the title is below the number', () => {
    const document = parseOne([
      '《青山县城市道路养护实施方案》',
      '青政办发〔2022〕14号',
      '关于印发《青山县城市道路养护实施方案》的通知',
      '各乡镇人民政府，县直各部门：',
      '现将《青山县城市道路养护实施方案》印发给你们，请认真贯彻执行。',
      '青山县人民政府办公室',
      '2022年5月6日',
    ]);
    assert.equal(document.title, '关于印发《青山县城市道路养护实施方案》的通知');
    assert.equal(document.docNumber, '青政办发〔2022〕14号');
    assert.equal(document.issuer, '青山县人民政府办公室');
    assert.equal(document.type, '通知');
  });

  it('with an annotated number', () => {
    const document = parseOne([
      '《青山縣道路養護實(shí)施方案》',
      '青政辦發(fā)〔2022〕14號(hào)',
      '關(guān)于印發(fā)《青山縣道路養護實(shí)施方案》的通知',
      '各鄉鎮人民政府:',
      '現將方案印發給你們,請認真貫徹執行。',
      '青山縣人民政府辦公室',
      '2022年5月6日',
    ]);
    assert.equal(document.docNumber, '青政辦發(fā)〔2022〕14號(hào)');
    assert.equal(document.title, '關(guān)于印發(fā)《青山縣道路養護實(shí)施方案》的通知');
    assert.equal(document.date, '2022-05-06');
  });
});

describe('layouts of the second and third fresh sets', () => {
  it('reads a joint title whose bodies are joined with 、 as the first line', () => {
    const title = '青山市交通运输局、青山市公安局关于东环路北段和西环路南段实行机动车单向通行的通告';
    const lines = [
      title,
      '目前，东环路改造工程已经完工。为保障道路交通安全，维护通行秩序，根据有关法律法规的规定，结合本市实际情况，现就东环路实行单向通行的有关事项通告如下：',
      '一、东环路自2023年6月1日起实行由北向南单向通行。',
      '二、本通告自发布之日起施行。',
      '2023年5月20日',
    ].map((text, index) => ({ no: index + 1, text }));
    assert.equal(findStandaloneHead(lines, true)?.title, title);
    const document = parseOne(lines.map((line) => line.text));
    assert.equal(document.title, title);
    assert.equal(document.issuer, '青山市交通运输局、青山市公安局');
    assert.equal(document.type, '通告');
  });

  it('reads a metadata table printed one cell a line as no document, and the date of a 函 that issues a text', () => {
    const file = parseText(
      [
        '关于印发《青山市老旧小区改造工作指引》的函',
        '索取号',
        '0001/2025-00012',
        '文件编号',
        '青建规〔2025〕12号',
        '发布机构',
        '青山市住房和城乡建设局',
        '青建规〔2025〕12号',
        '关于印发《青山市老旧小区改造工作指引》的函',
        '各区住房和城乡建设局：',
        '现将《青山市老旧小区改造工作指引》印发给你们，请认真执行。',
        '2025年4月2日',
        '青山市老旧小区改造工作指引',
        '一、总体要求',
        '各区要统筹推进老旧小区改造。',
      ].join('\n'),
      'synthetic.txt',
    );
    assert.equal(file.documents.length, 1);
    const document = file.documents[0]!;
    assert.equal(document.docNumber, '青建规〔2025〕12号');
    assert.equal(document.title, '关于印发《青山市老旧小区改造工作指引》的函');
    assert.equal(document.date, '2025-04-02');
    assert.equal(document.attachment, '青山市老旧小区改造工作指引');
  });

  it('reads a title line that carries its number in brackets, and a joint issuer printed without a break', () => {
    const document = parseOne([
      '归档时间:2019-03-02',
      '当前位置: 首页 > 政务公开 > 政策法规',
      '中共青山市委办公室青山市人民政府办公室印发《关于加强基层治理的实施意见》的通知(青办发〔2018〕5号)',
      '来源:青山市政府门户网 日期:2018-02-12',
      '各县市区委、人民政府，市直各单位：',
      '《关于加强基层治理的实施意见》已经市委、市人民政府同意，现印发给你们，请认真贯彻执行。',
      '中共青山市委办公室',
      '青山市人民政府办公室',
      '2018年2月10日',
    ]);
    assert.equal(document.title, '中共青山市委办公室青山市人民政府办公室印发《关于加强基层治理的实施意见》的通知');
    assert.equal(document.docNumber, '青办发〔2018〕5号');
    assert.equal(document.issuer, '中共青山市委办公室、青山市人民政府办公室');
    assert.equal(document.date, '2018-02-10');
    assert.equal(document.type, '通知');
  });

  it("reads the issuer from a law database's byline under the title printed again", () => {
    const document = parseOne([
      '您的位置: 首页 » 法规库 » 法律法规 »',
      '关于调整农村公路养护补助标准的通知',
      '时间:2024-07-09 06:45:11 来源: 法规库 阅读:912',
      '关于调整农村公路养护补助标准的通知',
      '交通部、财政部',
      '各省、自治区、直辖市交通厅（局）、财政厅（局）：',
      '为加强农村公路养护，现将补助标准调整如下：',
      '一、补助标准每公里每年提高一百元。',
    ]);
    assert.equal(document.title, '关于调整农村公路养护补助标准的通知');
    assert.equal(document.issuer, '交通部、财政部');
  });
});
