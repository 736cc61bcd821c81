import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { docNumberLine, parseText } from '../../src/modules/gazette/index.ts';

/**
 * Rules from the second and third fresh sets (test/fixtures/real/README.md): a site that prints each character's
 * pinyin after it ("發(fā)", "號(hào)") keeps the annotation inside the number as printed; a name in book-title
 * marks above the number is a reprint's heading, not the title.
 */
const parseOne = (lines: string[]) => parseText(lines.join('\n'), 'synthetic.txt').documents[0]!;

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
