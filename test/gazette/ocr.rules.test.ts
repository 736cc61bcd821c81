import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { imageSize, isScan, joinCjk, meanConfidence, readTsv, repairOcrNumbers } from '../../src/modules/gazette/ocr.rules.ts';

describe('OCR slips are repaired only inside a 文号 or a date (issue 13)', () => {
  it('repairs letters read for digits in a 文号, and its brackets', () => {
    assert.equal(repairOcrNumbers('测府发〔2O24〕l3号'), '测府发〔2024〕13号');
    assert.equal(repairOcrNumbers('国办发 [2OI8] 8号'), '国办发〔2018〕8号');
    assert.equal(repairOcrNumbers('测府发【2024] 3 号'), '测府发〔2024〕3号');
    assert.equal(repairOcrNumbers('根据《通知》(沪府发(20l7)17号)执行'), '根据《通知》(沪府发〔2017〕17号)执行');
  });

  it('repairs a date: 2O24年3月l日, a lone 1 read as ], a bracket beside a digit', () => {
    assert.equal(repairOcrNumbers('2O24年3月l日'), '2024年3月1日');
    assert.equal(repairOcrNumbers('2024 年 3 月 ] 日'), '2024年3月1日');
    assert.equal(repairOcrNumbers('2024年3月1]日'), '2024年3月1日');
    assert.equal(repairOcrNumbers('自2OI9年I0月1日起施行'), '自2019年10月1日起施行');
  });

  it('changes nothing else: words, codes, numbers outside a 文号 or date', () => {
    assert.equal(repairOcrNumbers('Office 2O10 与 ISO 9OOl 认证'), 'Office 2O10 与 ISO 9OOl 认证');
    assert.equal(repairOcrNumbers('第l条 IOlO年Il月Oo日'), '第l条 IOlO年Il月Oo日');
    assert.equal(repairOcrNumbers('〔2O24〕号'), '〔2O24〕号');
    assert.equal(repairOcrNumbers('型号 SOS-I0 的设备'), '型号 SOS-I0 的设备');
    assert.equal(repairOcrNumbers('编号 B2O24 的项目于 2O24年3月1日验收'), '编号 B2O24 的项目于 2024年3月1日验收');
    assert.equal(repairOcrNumbers('二〇二四年三月一日'), '二〇二四年三月一日');
  });

  it('never changes a line without a 文号 or date, whatever it holds (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'测府发办公厅通知OolIZSB |[]()〔〕abc,，。的'.split('')) }), (text) => {
        assert.equal(repairOcrNumbers(text), text);
      }),
    );
  });

  it('a correct line is left as it is (property over real 文号 and dates)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 999 }), (y, m, d, n) => {
        const line = `测府发〔${y}〕${n}号 ${y}年${m}月${d}日`;
        assert.equal(repairOcrNumbers(line), line);
      }),
    );
  });
});

describe('Tesseract output to lines', () => {
  it('removes spaces between Chinese characters and punctuation, keeps them between Latin words and digits', () => {
    assert.equal(joinCjk('测 试 市 人民 政府 ， 关于'), '测试市人民政府，关于');
    assert.equal(joinCjk('ISO 9001 认 证'), 'ISO 9001 认证');
    assert.equal(joinCjk('2024 年 3 月'), '2024 年 3 月');
  });

  it('reads TSV: words to lines, sized by the median word, the confidence weighted by characters', () => {
    const row = (par: number, line: number, word: number, left: number, height: number, conf: number, text: string) =>
      ['5', '1', '1', String(par), String(line), String(word), String(left), '100', '40', String(height), String(conf), text].join('\t');
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t1654\t2339\t-1\t',
      row(1, 1, 2, 160, 60, 90, '发'),
      row(1, 1, 1, 100, 60, 80, '测府'),
      row(1, 1, 3, 220, 60, 50, '[2O24]'),
      row(1, 1, 4, 300, 20, 95, '3'),
      row(1, 1, 5, 340, 60, 95, '号'),
      row(2, 1, 1, 100, 60, -1, ''),
    ].join('\n');
    const page = readTsv(tsv, 1);
    assert.equal(page.lines.length, 1);
    assert.equal(page.lines[0]!.text, '测府发〔2024〕3号');
    assert.equal(page.lines[0]!.size, 60);
    assert.equal(page.characters, 11);
    assert.equal(page.confidence, (80 * 2 + 90 + 50 * 6 + 95 + 95) / 11);
    assert.equal(meanConfidence([page, { page: 2, lines: [], characters: 0, confidence: null }]), Math.round(page.confidence! * 10) / 10);
    assert.equal(meanConfidence([]), null);
  });

  it('a scan is a PDF with fewer than 16 characters of text a page', () => {
    assert.equal(isScan(0, 3), true);
    assert.equal(isScan(47, 3), true);
    assert.equal(isScan(48, 3), false);
    assert.equal(isScan(500, 1), false);
  });

  it('reads the size of PNG, GIF, BMP and JPEG from their headers', () => {
    const png = Buffer.alloc(24);
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').copy(png);
    png.writeUInt32BE(1654, 16);
    png.writeUInt32BE(2339, 20);
    assert.deepEqual(imageSize(png), { width: 1654, height: 2339 });
    const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0001108092706760301', 'hex');
    assert.deepEqual(imageSize(jpeg), { width: 0x0676, height: 0x0927 });
    assert.equal(imageSize(Buffer.from('hello world, not an image')), null);
  });
});
