import assert from 'node:assert/strict';
import PDFDocument from 'pdfkit';
import { AppError } from '../../src/core/errors.ts';
import { readDocumentFile, type DecodeLimits } from '../../src/modules/gazette/index.ts';
import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * Small synthetic DOCX and OFD files for the format tests, built in memory:
 * the same XML their producers write (WordprocessingML; GB/T 33190 OFD),
 * only what the readers look at.
 */

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A DOCX whose body is the given paragraphs; a paragraph that is an array is a table row. */
export function makeDocx(paragraphs: (string | string[])[], extra: Zippable = {}): Uint8Array {
  const body = paragraphs
    .map((paragraph) =>
      Array.isArray(paragraph)
        ? `<w:tbl><w:tr>${paragraph.map((cell) => `<w:tc><w:tcPr/><w:p><w:r><w:t>${escape(cell)}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr></w:tbl>`
        : `<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr/><w:t xml:space="preserve">${escape(paragraph)}</w:t></w:r></w:p>`,
    )
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`,
    ),
    ...extra,
  });
}

/** An OFD whose pages hold the given lines, one TextObject per line, written in a shuffled order to test reading order. */
export function makeOfd(pages: string[][], extra: Zippable = {}): Uint8Array {
  const files: Zippable = {
    'OFD.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>',
    ),
    'Doc_0/Document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>${pages
        .map((_, index) => `<ofd:Page ID="${index + 1}" BaseLoc="Pages/Page_${index}/Content.xml"/>`)
        .join('')}</ofd:Pages></ofd:Document>`,
    ),
    ...extra,
  };
  pages.forEach((lines, index) => {
    const objects = lines.map(
      (line, row) =>
        `<ofd:TextObject ID="${row + 10}" Boundary="25 ${30 + row * 8} ${(line.length * 4.2).toFixed(1)} 6" Font="1" Size="4.2"><ofd:TextCode X="0" Y="5">${escape(line)}</ofd:TextCode></ofd:TextObject>`,
    );
    // Producers do not write objects in reading order: the reader places them by position.
    const shuffled = objects.map((object, row) => ({ object, key: (row * 7919) % 13 })).sort((a, b) => a.key - b.key).map((entry) => entry.object);
    files[`Doc_0/Pages/Page_${index}/Content.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">${shuffled.join('')}</ofd:Layer></ofd:Content></ofd:Page>`,
    );
  });
  return zipSync(files);
}

/** A PDF drawn with pdfkit, as bytes. */
export function pdfOf(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

/** Reads a file that must be refused: the AppError it gets, whose message names the file. */
export async function refusal(bytes: Uint8Array, fileName: string, limits: DecodeLimits): Promise<AppError> {
  try {
    await readDocumentFile(bytes, { fileName, limits });
  } catch (error) {
    assert.ok(error instanceof AppError, `expected an AppError, got ${error}`);
    assert.ok(error.message.startsWith(`${fileName}: `), `the message names the file: ${error.message}`);
    return error;
  }
  assert.fail(`${fileName} was accepted`);
}
