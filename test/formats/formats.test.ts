import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { AppError } from '../../src/core/errors.ts';
import { readDocumentFile, type DecodeLimits, type ReadFile } from '../../src/modules/gazette/index.ts';
import { defaultOcr } from '../../src/modules/gazette/ocr.rules.ts';
import { testLimits } from '../support/corpus.ts';
import { makeDocx, makeOfd, pdfOf } from '../support/formats.ts';

const read = (bytes: Uint8Array, fileName = 'file.bin', limits: DecodeLimits = testLimits) => readDocumentFile(bytes, { fileName, limits });

async function refusal(bytes: Uint8Array, fileName: string, limits: DecodeLimits = testLimits): Promise<AppError> {
  try {
    await read(bytes, fileName, limits);
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${error}`);
    assert.ok(error.message.startsWith(`${fileName}: `), `the message names the file: ${error.message}`);
    return error;
  }
  assert.fail(`${fileName} was accepted`);
}

const notice = [
  '测试市人民政府文件',
  '测府发〔2024〕3号',
  '测试市人民政府关于加强测试数据管理工作的通知',
  '各区人民政府，市政府各委、办、局：',
  '为进一步规范测试数据管理，现就有关事项通知如下。',
  '一、明确责任分工',
  '各区、各部门要明确责任分工。',
  '测试市人民政府',
  '2024年3月1日',
];

function expectNotice(parsed: ReadFile, format: string): void {
  assert.equal(parsed.format, format);
  const [document] = parsed.documents;
  assert.equal(document?.title, '测试市人民政府关于加强测试数据管理工作的通知');
  assert.equal(document?.docNumber, '测府发〔2024〕3号');
  assert.equal(document?.issuer, '测试市人民政府');
  assert.equal(document?.date, '2024-03-01');
  assert.equal(document?.type, '通知');
}


describe('formats are told by content, not by name (issue 13)', () => {
  it('reads a text file whatever it is called, and says it is text', async () => {
    expectNotice(await read(Buffer.from(notice.join('\n')), 'notice.pdf'), 'txt');
  });

  it('reads a DOCX saved as .doc: paragraphs in order, a table row on one line', async () => {
    const parsed = await read(makeDocx([...notice.slice(0, 7), ['序号', '单位', '完成时限'], ...notice.slice(7)]), 'notice.doc');
    expectNotice(parsed, 'docx');
    assert.ok(parsed.documents[0]!.blocks.some((block) => block.text.includes('序号') && block.text.includes('完成时限')));
  });

  it('reads an OFD: text objects of every page placed in reading order', async () => {
    expectNotice(await read(makeOfd([notice.slice(0, 5), notice.slice(5)]), 'notice.zip'), 'ofd');
  });

  it('reads a PDF text layer: running header and page numbers dropped, wrapped lines joined', async () => {
    const parsed = await read(readFileSync(new URL('../fixtures/formats/notice.pdf', import.meta.url)), 'notice.bin');
    expectNotice(parsed, 'pdf');
    assert.ok((parsed.pages ?? 0) >= 3, 'several pages read');
    const text = parsed.documents[0]!.blocks.map((block) => block.text).join('\n');
    assert.doesNotMatch(text, /测试市人民政府公报|— \d —/, 'running header and page numbers are gone');
    assert.ok(
      parsed.documents[0]!.blocks.some((block) => block.text.includes('确保各项措施落到实处。对工作中发现的问题')),
      'a paragraph wrapped over lines is one paragraph',
    );
  });

  it('refuses a ZIP that is neither DOCX nor OFD, naming the file', async () => {
    const error = await refusal(zipSync({ 'readme.txt': strToU8('hello') }), 'archive.docx');
    assert.equal(error.code, 'file_format_unsupported');
  });

  it('refuses a broken image, an old Word file and an empty file, naming each', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    assert.match((await refusal(png, 'scan.txt')).message, /图片\(PNG\)/);
    assert.equal((await refusal(Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'old.doc')).code, 'file_format_unsupported');
    assert.equal((await refusal(new Uint8Array(0), 'empty.pdf')).code, 'file_empty');
  });

  it('reports a PDF without a text layer as a scan that needs OCR, when OCR is not installed', async () => {
    const scan = await pdfOf((doc) => doc.rect(50, 50, 300, 400).fill('#777'));
    const error = await refusal(scan, 'scan.pdf', { ...testLimits, ocr: { ...defaultOcr, tesseract: '/nonexistent/tesseract' } });
    assert.equal(error.code, 'file_needs_ocr');
    assert.match(error.message, /扫描件/);
  });

  it('refuses an encrypted PDF and a corrupt one', async () => {
    const locked = await pdfOf((doc) => doc.text('secret'), { userPassword: 'x', ownerPassword: 'y' });
    assert.equal((await refusal(locked, 'locked.pdf')).code, 'file_encrypted');
    const cut = readFileSync(new URL('../fixtures/formats/notice.pdf', import.meta.url)).subarray(0, 2000);
    assert.equal((await refusal(cut, 'cut.pdf')).code, 'file_corrupt');
  });

  it('refuses a corrupt DOCX', async () => {
    const docx = makeDocx(notice);
    const broken = docx.slice(0, docx.length - 30);
    assert.equal((await refusal(broken, 'broken.docx')).code, 'file_corrupt');
  });
});
