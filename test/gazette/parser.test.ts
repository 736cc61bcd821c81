import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBytes, parseText, type ParsedDocument, type ParsedFile } from '../../src/modules/gazette/index.ts';
import { readSeed, seedStartingWith, testLimits } from '../support/corpus.ts';

const parsed = new Map<string, ParsedFile>();
function seed(prefix: string): ParsedFile {
  if (!parsed.has(prefix)) {
    const name = seedStartingWith(prefix);
    parsed.set(prefix, parseBytes(readSeed(name), { fileName: name, limits: testLimits }));
  }
  return parsed.get(prefix)!;
}
function byNumber(prefix: string, number: string): ParsedDocument {
  const document = seed(prefix).documents.find((candidate) => candidate.docNumber === number);
  assert.ok(document, `no ${number} in ${prefix}`);
  return document;
}

describe('richer fields of the seeds', () => {
  it('reads the 28 articles of the administrative assistance measures with their captions', () => {
    const measures = byNumber('003', '沪府发〔2017〕17号');
    const articles = measures.blocks.filter((block) => block.kind === 'article');
    assert.equal(articles.length, 28);
    assert.deepEqual(
      { label: articles[17]!.label, caption: articles[17]!.caption, anchor: articles[17]!.anchor },
      { label: '第十八条', caption: '期限', anchor: 'a-art-18' },
    );
    assert.equal(measures.blocks.find((block) => block.kind === 'title')?.text, '上海市行政协助管理办法(试行)');
  });

  it('reads chapters and articles whose text follows the number directly', () => {
    const audit = byNumber('000', '静府发〔2016〕14号');
    assert.deepEqual(audit.blocks.filter((block) => block.kind === 'chapter').map((block) => block.caption), ['总则', '委托工作流程', '监督检查', '附则']);
    const first = audit.blocks.find((block) => block.kind === 'article')!;
    assert.equal(first.label, '第一条');
    assert.match(first.text, /^为规范区属单位委托审计/);
  });

  it('resolves "自发布之日起30日以后施行" from the signing date', () => {
    const audit = byNumber('000', '静府发〔2016〕14号');
    assert.equal(audit.effectiveFrom, '2016-09-22');
    assert.match(audit.validityBasis ?? '', /30日以后施行/);
  });

  it('records the meeting that approved a document, with its date', () => {
    assert.deepEqual(byNumber('001', '长府〔2021〕8号').meeting, { name: '区政府第166次常务会议', date: '2021-04-13' });
    assert.deepEqual(byNumber('000', '静府发〔2016〕12号').meeting, { name: '区政府第11次常务会议', date: null });
    assert.equal(byNumber('003', '沪府办发〔2017〕30号').meeting?.name, '市政府第147次常务会议');
  });

  it('keeps the repealed and cited documents with number and title', () => {
    const data = byNumber('001', '长府规〔2021〕2号');
    assert.deepEqual(data.repeals, [{ docNumber: '长府规〔2019〕1号', title: '长宁区公共数据管理办法' }]);
    const efficiency = byNumber('000', '静府发〔2016〕12号');
    assert.ok(efficiency.cites.some((cite) => cite.docNumber === '沪府发〔2015〕39号' && cite.title === '关于本市进一步推进政府效能建设的意见'));
    assert.ok(!efficiency.cites.some((cite) => cite.docNumber === '静府发〔2016〕12号'), 'a document does not cite itself');
  });

  it('reads both appointment lists of 000: fifteen appointments, ten removals, notes and secondments', () => {
    const list = seed('000').documents.find((document) => document.type === '任免')!;
    assert.equal(list.appointments.filter((a) => a.action === 'appoint').length, 15);
    assert.equal(list.appointments.filter((a) => a.action === 'remove').length, 10);
    const xiong = list.appointments.find((a) => a.person === '熊晏锋')!;
    assert.deepEqual(xiong, {
      person: '熊晏锋',
      post: '上海市静安区科学技术委员会副主任',
      action: 'appoint',
      notes: ['挂职,挂职日期2016年7月起至2016年10月止'],
      secondment: { from: '2016-07', to: '2016-10' },
    });
    assert.deepEqual(list.appointments.find((a) => a.person === '尤晓军')?.notes, ['试用期一年']);
    assert.deepEqual(list.appointments.find((a) => a.action === 'remove' && a.person === '陈军'), {
      person: '陈军', post: '上海市静安区人民政府大宁路街道办事处主任', action: 'remove', notes: [], secondment: null,
    });
  });

  it('reads the alternating name and post list of 001 and the sentences of a notice in 003', () => {
    const list = seed('001').documents.find((document) => document.type === '任免')!;
    assert.equal(list.appointments.length, 40);
    assert.deepEqual(list.appointments[0], { person: '沈磊', post: '长宁区财政局副局长', action: 'appoint', notes: ['试用期满'], secondment: null });
    const notice = byNumber('003', '沪府发〔2017〕20号');
    assert.deepEqual(
      notice.appointments.map((a) => [a.person, a.action, a.post]),
      [
        ['宋依佳', 'appoint', '上海市人民政府副秘书长'],
        ['沈晓初', 'appoint', '上海市人民政府副秘书长'],
        ['杭迎伟', 'appoint', '上海市人民政府副秘书长'],
        ['翁祖亮', 'remove', '上海市人民政府副秘书长'],
      ],
    );
  });

  it('keeps a table whose header repeats on every printed page as one table', () => {
    const plan = byNumber('003', '沪府办发〔2017〕25号');
    const tables = plan.blocks.filter((block) => block.kind === 'table');
    assert.equal(tables.length, 1);
    const rows = tables[0]!.rows!;
    assert.equal(rows.filter((row) => row[0] === '治理内容和工作措施').length, 1, 'header kept once');
    assert.ok(rows.some((row) => row[0]!.startsWith('31')), 'last numbered row present');
    assert.deepEqual(plan.annexes, ['《上海市危险化学品安全综合治理实施方案》工作措施和部门分工表']);
  });

  it('extracts the 39 tagged tasks of 000 with lead and responsible units', () => {
    const tasks = byNumber('000', '静府发〔2016〕12号').tasks;
    assert.equal(tasks.length, 39);
    assert.deepEqual(tasks[0]!.lead, ['区编办', '区审改办']);
    assert.deepEqual(tasks[0]!.responsible, ['区各行政机关', '各街镇', '各有关单位']);
  });

  it('extracts tasks from (责任单位:…), (…牵头), bare unit tags and task tables', () => {
    const supervision = byNumber('001', '长府办〔2021〕10号').tasks;
    assert.ok(supervision.length >= 22);
    assert.deepEqual(supervision[0]!.responsible, ['区卫生健康委', '区委组织部', '区纪委监委']);
    const points = byNumber('003', '沪府办发〔2017〕31号').tasks;
    assert.deepEqual(points[points.length - 1]!.lead.length > 0, true);
    const aic = seed('002').documents[0]!.tasks;
    assert.deepEqual(aic[0]!.responsible, ['法制处', '人事处']);
    const table = byNumber('003', '沪府办发〔2017〕26号').tasks;
    assert.equal(table.length, 17);
  });

  it('reads the issued document of a notice without 《》 in its title', () => {
    assert.equal(byNumber('003', '沪府办发〔2017〕30号').attachment, '市长、副市长工作分工');
    // An annex introduced by 附件 is an annex, not the document the notice issues.
    const list = byNumber('001', '长府办〔2021〕11号');
    assert.equal(list.attachment, null);
    assert.deepEqual(list.annexes, ['2020年长宁区政务公开工作优秀、良好单位名单']);
  });
});

describe('text variants', () => {
  const notice = (title: string, number: string) => `${title}\n(2019年3月1日)\n${number}\n各区人民政府:\n现将有关事项通知如下。\n一、总体要求\n本通知自2019年3月1日起施行。\n`;

  it('normalises every bracket style and spacing of a document number', () => {
    for (const printed of ['沪府发〔2017〕17号', '沪府发﹝2017﹞17号', '沪府发[2017]17号', '沪府发(2017)17号', '沪府发〔2017〕17 号', '沪府发 〔 2017 〕 17号']) {
      const [document] = parseText(notice('上海市人民政府关于测试的通知', printed), 'x.txt').documents;
      assert.equal(document?.docNumber, '沪府发〔2017〕17号', printed);
      assert.equal(document?.docNumberPrinted, printed.trim(), printed);
    }
  });

  it('finds a title printed in traditional characters', () => {
    const result = parseText(notice('上海市人民政府關於印發《上海市測試管理辦法》的通知', '滬府發〔2019〕5號'), 'x.txt');
    assert.equal(result.documents.length, 1);
    const [document] = result.documents;
    assert.equal(document!.title, '上海市人民政府關於印發《上海市測試管理辦法》的通知');
    assert.equal(document!.type, '通知');
    assert.equal(document!.issuer, '上海市人民政府');
    // Read on the folded view, kept as printed (issue 13: the source text is never rewritten; search folds).
    assert.equal(document!.docNumber, '滬府發〔2019〕5號');
    assert.equal(document!.docNumberPrinted, '滬府發〔2019〕5號');
  });

  it('reads dates with the ○ zero and Chinese numerals', () => {
    const result = parseText('上海市某区人民政府关于某事的通知\n(二○一六年七月九日)\n某府发〔2016〕3号\n各部门:\n特此通知。\n', 'x.txt');
    assert.equal(result.documents[0]!.date, '2016-07-09');
  });
});
