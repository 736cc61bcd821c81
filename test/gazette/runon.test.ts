import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findNoticeNumber } from '../../src/modules/gazette/docnumber.rules.ts';
import { parseText } from '../../src/modules/gazette/index.ts';
import { readRunOn } from '../../src/modules/gazette/runon.rules.ts';
import { closingDate } from '../../src/modules/gazette/signature.rules.ts';

/** Plain-text pages whose layout was flattened (issue 13 part 2, rules 1, 3 and 9 of test/fixtures/real/README.md). */
const crawlerHeader = (title: string, issuer = '示例门户') =>
  [`标题: ${title}`, '发布时间: 2021-06-02 10:15', '文号: ', `发布机构: ${issuer}`, '栏目: 通知公告', '原文链接: https://example.gov.cn/a/1.htm', '==================== 正文 ====================']
    .join('\n');

describe('a crawler page with a one-line body', () => {
  it('reads number, printed title, addressees and signature from the run-on text', () => {
    const body =
      '当前位置： 首页政务公开通知公告 关于做好汛期安全工作的通知 时间：2021-06-02 10:15 微信 微博 QQ空间 ' +
      '青山县水利局〔2021〕7号 青山县水利局关于做好汛期安全工作的通知 各乡镇人民政府，县直各有关单位： 为确保安全度汛，现就有关事项通知如下： ' +
      '一、落实责任。 二、加强值守。 特此通知。 青山县水利局 2021年6月1日 来源：示例门户 附件下载';
    const [document] = parseText(`${crawlerHeader('关于做好汛期安全工作的通知')}\n${body}`, 'page.txt').documents;
    assert.equal(document!.title, '青山县水利局关于做好汛期安全工作的通知');
    assert.equal(document!.docNumber, '青山县水利局〔2021〕7号');
    assert.equal(document!.issuer, '青山县水利局');
    assert.equal(document!.date, '2021-06-01');
    assert.equal(document!.type, '通知');
    assert.equal(document!.addressees, '各乡镇人民政府，县直各有关单位');
  });

  it('falls back to the header title, and takes no issuer from a portal name', () => {
    const body = '为方便群众办事，自即日起延长窗口服务时间，请相互转告。';
    const [document] = parseText(`${crawlerHeader('关于延长窗口服务时间的通告', '中国青山')}\n${body}`, 'page.txt').documents;
    assert.equal(document!.title, '关于延长窗口服务时间的通告');
    assert.equal(document!.type, '通告');
    assert.equal(document!.issuer, null);
    assert.equal(document!.date, null);
  });

  it('does not end a title inside a longer one (…意见的通告), nor take a date inside a sentence as the signature', () => {
    const head = readRunOn('关于征求《青山县农贸市场管理办法》意见的通告 各有关单位： 请于2021年7月1日前反馈意见。', 1);
    assert.equal(head.title, '关于征求《青山县农贸市场管理办法》意见的通告');
    assert.equal(head.addressees, '各有关单位');
    assert.deepEqual(head.lines.map((line) => line.text), ['请于2021年7月1日前反馈意见。']);
  });

  it('is not taken for a page that merely has a 标题 line', () => {
    const text = ['标题: 关于召开会议的通知', '各单位：', '定于下周召开会议。', '青山县人民政府办公室', '2021年6月1日'].join('\n');
    const [document] = parseText(text, 'note.txt').documents;
    assert.equal(document!.date, '2021-06-01');
    assert.equal(document!.issuer, '青山县人民政府办公室');
  });
});

describe('a date line closing the body without an issuer line', () => {
  it('is the 成文日期, also when written with the letter O', () => {
    assert.equal(closingDate([{ no: 1, text: '特此通告。' }, { no: 2, text: '二OO九年三月五日' }]), '2009-03-05');
    assert.equal(closingDate([{ no: 1, text: '2020年5月6日' }, { no: 2, text: '(此件公开发布)' }]), '2020-05-06');
  });

  it('is not a date followed by more text', () => {
    assert.equal(closingDate([{ no: 1, text: '2020年5月6日' }, { no: 2, text: '请各单位认真执行。' }]), null);
  });
});

describe('a 公告 or 令 numbered in its own series', () => {
  it('is a 发文字号 as printed', () => {
    assert.equal(findNoticeNumber('青山市税务局公告 2019年第3号')?.normalised, '青山市税务局公告2019年第3号');
    assert.equal(findNoticeNumber('青山市人民政府令第21号')?.normalised, '青山市人民政府令第21号');
    assert.equal(findNoticeNumber('政府令〔2012〕第4号')?.normalised, '政府令〔2012〕第4号');
  });

  it('is not a 公告 that prints no number', () => {
    assert.equal(findNoticeNumber('青山市税务局公告'), null);
    assert.equal(findNoticeNumber('特此公告。2019年3月1日'), null);
  });
});

describe('a whole page on one line without a crawler header', () => {
  it('cuts title, addressees and text as for a crawler page', () => {
    const text = [
      '青山市人民政府办公室关于做好春节期间安全生产工作的通知',
      '各区人民政府，市政府各部门：',
      '春节将至，为确保全市安全生产形势稳定，经市政府同意，现就有关事项通知如下：',
      '一、高度重视节日安全生产工作。各地各部门要切实加强领导，落实责任，认真排查各类隐患，确保人民群众度过一个安全祥和的节日。',
      '二、加强值班值守。节日期间严格执行领导带班和二十四小时值班制度，遇有重大情况及时报告。',
      '三、做好应急准备。各地要完善应急预案，储备应急物资，确保一旦发生事故能够迅速有效处置。',
    ].join(' ');
    const document = parseText(text, 'one-line.txt').documents[0]!;
    assert.equal(document.title, '青山市人民政府办公室关于做好春节期间安全生产工作的通知');
    assert.equal(document.issuer, '青山市人民政府办公室');
    assert.equal(document.type, '通知');
    assert.equal(document.addressees, '各区人民政府，市政府各部门');
  });

  it('leaves a long line that opens with no title to the other rules', () => {
    const text = `春节将至，为确保全市安全生产形势稳定，现就有关事项说明如下：${'各地各部门要切实加强领导，落实责任。'.repeat(12)}`;
    assert.equal(parseText(text, 'one-line.txt').documents[0]!.title, null);
  });
});

describe('a date closing the body with no signature line', () => {
  it('is the 成文日期 when the publication note and more text (a list) follow it', () => {
    const document = parseText(
      [
        '青山市人民政府办公室关于公布2017年度养老服务示范机构名单的通知',
        '各区人民政府，市政府各部门：',
        '经评审，现将2017年度养老服务示范机构名单予以公布。',
        '2017年4月12日',
        '(此件公开发布)',
        '2017年度养老服务示范机构名单',
        '一、城区',
        '青山市福寿养老院',
      ].join('\n'),
      'closing-date.txt',
    ).documents[0]!;
    assert.equal(document.date, '2017-04-12');
    assert.equal(document.issuer, '青山市人民政府办公室');
  });
});
