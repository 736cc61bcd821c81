import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOne } from '../support/parse-one.ts';

/**
 * Rules from the fifth sealed set (test/fixtures/real/README.md, h/parser6). Every text here is synthetic.
 */

describe('a title that opens with its issuer and names its matter without 关于', () => {
  it('reads a 公告 titled <organ><matter>公告, its number in brackets on the same line', () => {
    const document = parseOne([
      '转载自某某新闻网',
      '清河县人民政府拟收回国有土地使用权公告(清土收公告﹝2023﹞6号)',
      '根据有关法律法规的规定,经县政府研究,现将拟收回国有土地使用权有关事项公告如下:',
      '一、收回范围:城关镇东街以北地块。',
      '特此公告',
      '2023年4月12日',
    ]);
    assert.equal(document.title, '清河县人民政府拟收回国有土地使用权公告');
    assert.equal(document.issuer, '清河县人民政府');
    assert.equal(document.type, '公告');
    assert.equal(document.docNumber, '清土收公告〔2023〕6号');
  });

  it('keeps the title\'s form of the issuer over the signature\'s fuller one, and the longest organ name', () => {
    const document = parseOne([
      '清河县人民政府办公室夏季防汛值班通告',
      '为做好汛期值班工作,确保信息畅通,现将有关事项通告如下:',
      '一、汛期实行二十四小时值班。',
      '河北省清河县人民政府办公室',
      '2021年6月2日',
    ]);
    assert.equal(document.title, '清河县人民政府办公室夏季防汛值班通告');
    assert.equal(document.issuer, '清河县人民政府办公室');
  });

  it('does not read an issuer from a 规则 that names a government as its subject', () => {
    const document = parseOne(['清政发〔2019〕8号', '清河县人民政府工作规则', '第一章 总则', '第一条 为规范县政府工作,制定本规则。']);
    assert.equal(document.title, '清河县人民政府工作规则');
    assert.equal(document.type, null);
    assert.equal(document.issuer, null);
  });
});

describe('titles ending in 公示 or 规则', () => {
  it('reads a 公示 titled 关于…的公示 below a portal headline, type null (not a statutory 文种)', () => {
    const document = parseOne([
      '某县人民政府',
      '公示!某县拟入选先进名单',
      '发布时间:2024-03-02   浏览次数:',
      '关于某省拟推荐全省文明村镇名单的公示',
      '根据评选办法,经各地推荐、实地考察,形成拟推荐名单,现予公示,接受社会监督。',
      '公示时间为2024年3月1日至3月7日。',
      '某省精神文明建设委员会办公室',
      '2024年3月1日',
    ]);
    assert.equal(document.title, '关于某省拟推荐全省文明村镇名单的公示');
    assert.equal(document.type, null);
    assert.equal(document.issuer, '某省精神文明建设委员会办公室');
    assert.equal(document.date, '2024-03-01');
  });
});

describe('a body saved on one line under its title', () => {
  it('reads the yearly series number, the signature and the date from the run-on line', () => {
    const document = parseOne([
      '青山区人民政府春节烟花爆竹禁放令',
      '2024-02-01 10:20:11 来源:青山区人民政府 责任编辑:某某',
      '|',
      '青山区人民政府春节烟花爆竹禁放令 (2024年第1号) 为保障春节期间公共安全,根据有关法律法规规定,区政府决定:2024年2月9日至2月24日在城区范围内禁止燃放烟花爆竹。燃放烟花爆竹易引发火灾和人身伤害事故,各街道、社区要加强宣传和巡查,发现违规燃放行为及时劝阻并报告公安机关,各有关部门要按照职责分工做好相关工作,确保全区人民群众度过一个安全、祥和、文明的春节。违令者依法追究责任。 某省青山区人民政府 2024年2月1日 |',
    ]);
    assert.equal(document.title, '青山区人民政府春节烟花爆竹禁放令');
    assert.equal(document.type, '令');
    assert.equal(document.docNumber, '2024年第1号');
    assert.equal(document.issuer, '青山区人民政府');
    assert.equal(document.date, '2024-02-01');
  });

  it('reads a yearly series number on its own line under a 通告', () => {
    const document = parseOne([
      '青山区人民政府禁止燃放孔明灯通告',
      '(2023年第4号)',
      '为预防火灾,区政府决定在全区禁止燃放孔明灯。',
      '青山区人民政府',
      '2023年9月1日',
    ]);
    assert.equal(document.docNumber, '2023年第4号');
    assert.equal(document.date, '2023-09-01');
  });
});

describe('a page label above a title that names its issuer', () => {
  it('is passed over: the title is the line that is a whole title by itself', () => {
    const document = parseOne([
      '欢迎访问某某资料库',
      '',
      '政策文件',
      '',
      '某省人民政府关于加强农村公路养护的实施意见',
      '',
      '发布部门:某省政府 发布时间:2019年03月02日',
      '为加强农村公路养护,根据有关规定,结合我省实际,提出如下实施意见。',
      '一、总体要求',
    ]);
    assert.equal(document.title, '某省人民政府关于加强农村公路养护的实施意见');
    assert.equal(document.issuer, '某省人民政府');
  });

  it('still joins a title wrapped after a line that breaks off mid-phrase', () => {
    const document = parseOne([
      '某市人民政府办公室关于转发',
      '某省人民政府关于加强农村公路养护的通知的通知',
      '各市人民政府:',
      '现将该意见转发给你们,请认真贯彻执行。',
    ]);
    assert.equal(document.title, '某市人民政府办公室关于转发某省人民政府关于加强农村公路养护的通知的通知');
  });
});

describe('a heading above the number that names only what the notice issues', () => {
  it('gives way to the covering notice below the number, wrapped after 关于', () => {
    const document = parseOne([
      '青山市会议管理办法、会务细则',
      '青政办发〔2016〕9号',
      '青山市人民政府办公室关于',
      '印发《青山市会议管理办法》和《青山市会务工作细则》的通知',
      '各镇人民政府,市直各部门:',
      '经市政府同意,现将《青山市会议管理办法》和《青山市会务工作细则》印发给你们,请认真执行。',
      '青山市人民政府办公室',
      '2016年3月8日',
    ]);
    assert.equal(document.title, '青山市人民政府办公室关于印发《青山市会议管理办法》和《青山市会务工作细则》的通知');
    assert.equal(document.issuer, '青山市人民政府办公室');
    assert.equal(document.type, '通知');
    assert.equal(document.docNumber, '青政办发〔2016〕9号');
  });
});

describe('the date of a notice that issues a text, with no signature above it', () => {
  const notice = (heading: string[]) => [
    '青山市人民政府办公室关于印发《青山市城市绿地管理办法》的通知',
    '(青政办发〔2015〕4号)',
    '各区人民政府,市政府各部门:',
    '《青山市城市绿地管理办法》已经市政府常务会议审议通过,现予印发,请认真遵照执行。',
    '　　二○一五年三月九日',
    ...heading,
    '第一条 为了加强城市绿地管理,制定本办法。',
  ];

  it('is the date line right above the issued text\'s heading, even when the heading differs from the title\'s', () => {
    assert.equal(parseOne(notice(['青山市绿地管理办法'])).date, '2015-03-09');
  });

  it('is read above a heading wrapped over two lines', () => {
    assert.equal(parseOne(notice(['青山市城市绿地保护、', '建设和管理办法'])).date, '2015-03-09');
  });
});

describe('a portal metadata list printed one key a line, its value on the line below', () => {
  const page = (organ: string) => [
    '回到顶部',
    '青山县人民政府工作规则',
    '  • 索引号:',
    '    1234560000/2023-000123',
    '  • 主题分类:',
    '  • 发文机构:',
    `    ${organ}`,
    '  • 发文字号:',
    '    青政发〔2023〕5号',
    '  • 发文日期:',
    '    2023年05月16日 09:30',
    '  • 发布日期:',
    '    2023年05月17日 10:02',
    '青山县人民政府工作规则',
    '第一章 总则',
    '一、为规范县政府工作,结合本县实际,制定本规则。',
  ];

  it('reads the 文号 and the 发文日期 as the 成文日期, and the title above the list', () => {
    const document = parseOne(page('县政府网站'));
    assert.equal(document.title, '青山县人民政府工作规则');
    assert.equal(document.docNumber, '青政发〔2023〕5号');
    assert.equal(document.date, '2023-05-16');
    assert.equal(document.type, null);
  });

  it('takes the 发文机构 as issuer only when it names an organ, not the portal', () => {
    assert.equal(parseOne(page('县政府网站')).issuer, null);
    assert.equal(parseOne(page('青山县人民政府办公室')).issuer, '青山县人民政府办公室');
  });
});

describe('a title printed whole in book-title marks under a site\'s slogan', () => {
  it('is not joined to the slogan line above it', () => {
    const document = parseOne([
      '某某文库-一个优质的资料下载网站',
      '《青山市人民政府办公厅印发关于促进家政服务业发展若干措施的通知》',
      '青政办发〔2021〕8号',
      '各区人民政府,市政府各委、办、局:',
      '经市人民政府同意,现将《关于促进家政服务业发展的若干措施》印发给你们,请照此执行。',
      '青山市人民政府办公厅',
      '2021年4月2日',
    ]);
    assert.equal(document.title, '青山市人民政府办公厅印发关于促进家政服务业发展若干措施的通知');
    assert.equal(document.type, '通知');
    assert.equal(document.issuer, '青山市人民政府办公厅');
  });
});

describe('a report an organ titles with its name and the year it covers', () => {
  it('reads <organ><year>年度…报告 as a title of type 报告 issued by the organ, a stray space inside', () => {
    const document = parseOne([
      '归档时间:2022-05-10',
      '当前位置: 首页 > 公开领域 > 财政预决算',
      '青山县交通运输局2021年度部门整体支出 绩效自评报告',
      '详细信息',
      '为加强预算绩效管理,提高财政资金使用效益,我局对2021年度部门整体支出开展了绩效自评,现将有关情况报告如下:',
      '一、部门概况',
    ]);
    assert.equal(document.title, '青山县交通运输局2021年度部门整体支出绩效自评报告');
    assert.equal(document.issuer, '青山县交通运输局');
    assert.equal(document.type, '报告');
  });

  it('names no issuer when the name before the year is not an organ', () => {
    const document = parseOne(['青山县2021年国民经济和社会发展统计公报报告', '全县经济运行总体平稳。']);
    assert.equal(document.issuer, null);
  });
});

describe('a metadata table\'s 文号 cell in a small body\'s own form', () => {
  const page = (cell: string) => [
    `[ 索引号 ] | 11500000000000000X/2021-00011 | [ 发文字号 ] | ${cell} |`,
    '[ 发布机构 ] | 某区某镇 | [ 成文日期 ] | 2021-06-10 |',
    '某市某区青石镇人民政府关于青石镇人民代表大会第5号建议的复函',
    '某某代表:',
    '您提出的关于修缮村道的建议收悉,现答复如下:村道修缮已列入今年计划。',
    '某市某区青石镇人民政府',
    '2021年6月10日',
  ];

  it('is taken as printed when the text prints no number ("<year>-<serial>")', () => {
    assert.equal(parseOne(page('2021-37')).docNumber, '2021-37');
  });

  it('is not taken when it is a placeholder', () => {
    assert.equal(parseOne(page('无')).docNumber, null);
  });
});

describe('a law database page: the issued text\'s name, the organ under it, then the notice', () => {
  const page = (heading: string) => [
    '您的位置: 首页 » 某某法律网 » 法律法规 »',
    heading,
    '作者:某某法律网 时间:2024-03-01 10:00:00  浏览:1234   来源:某某法律网',
    heading,
    '某省青山市人民政府办公室',
    '关于印发青山市政务服务工作实施细则的通知',
    '( 青府发〔2004〕12号 )',
    '市政府各部门,市直各单位:',
    '现将《青山市政务服务工作实施细则》印发给你们,请遵照执行。',
    '二OO四年五月八日',
    '青山市政务服务工作实施细则',
    '为规范政务服务,特制定本实施细则。',
  ];

  it('reads the organ line as the byline (the issuer), not as the title\'s first line, and the number with spaces inside its brackets', () => {
    const document = parseOne(page('青山市政务服务工作实施细则'));
    assert.equal(document.title, '关于印发青山市政务服务工作实施细则的通知');
    assert.equal(document.issuer, '某省青山市人民政府办公室');
    assert.equal(document.docNumber, '青府发〔2004〕12号');
    assert.equal(document.date, '2004-05-08');
  });

  it('keeps the organ line in the title when the line above it does not name what the notice issues', () => {
    const document = parseOne(page('政策法规'));
    assert.equal(document.title, '某省青山市人民政府办公室关于印发青山市政务服务工作实施细则的通知');
  });
});

describe('an annual report whose organ\'s name holds a place in brackets', () => {
  it('reads the title and the issuer, brackets and all, a space before the year', () => {
    const document = parseOne([
      '您现在的位置:首页 > 信息公开 > 年度报告',
      '某某新区临港产业园(青山)管理委员会 2023年政府信息公开工作年度报告',
      '来源:某某新区 撰写时间:2024-01-18 10:00:00 字体: 分享',
      '一、总体情况',
      '2023年,管委会认真贯彻落实政府信息公开的有关要求,现将工作情况报告如下:',
    ]);
    assert.equal(document.title, '某某新区临港产业园(青山)管理委员会2023年政府信息公开工作年度报告');
    assert.equal(document.issuer, '某某新区临港产业园(青山)管理委员会');
    assert.equal(document.type, '报告');
  });
});

describe('a law database\'s byline under a document\'s name', () => {
  const page = (byline: string) => [
    '热门站点| 某某资料网 | 某某论坛',
    '某某物品运输许可证管理办法',
    '作者:某某资料网 时间:2024-07-01 13:16:35  浏览:1234  来源:某某资料网',
    '下载地址: 点击此处下载',
    '某某物品运输许可证管理办法',
    byline,
    '某某物品运输许可证管理办法',
    '1992年6月8日,交通部',
    '第1条 为了加强运输安全管理,特制定本办法。',
    '第2条 本办法适用于全国。',
  ];

  it('reads the name as the title, the organ under it as the issuer and the dated note as the date', () => {
    const document = parseOne(page('交通部'));
    assert.equal(document.title, '某某物品运输许可证管理办法');
    assert.equal(document.issuer, '交通部');
    assert.equal(document.date, '1992-06-08');
    assert.equal(document.type, null);
  });

  it('reads no title from a name whose next line is not an organ', () => {
    assert.equal(parseOne(page('(内部资料)')).issuer, null);
  });
});

describe('a law database\'s "title / organ / number"', () => {
  it('reads the organ above the number as the byline, the issuer named in full where the page prints it so', () => {
    const document = parseOne([
      '某省水利工程管理办法',
      '作者:某某资料网 时间:2024-05-29 00:13:44   浏览:100   来源:某某资料网',
      '某省水利工程管理办法',
      '某省人民政府',
      '某省水利工程管理办法',
      '某省政府',
      '某政发[1993]21号',
      '为了加强水利工程管理,根据国家有关规定,特制定本办法:',
      '第一条 本办法适用于全省。',
    ]);
    assert.equal(document.title, '某省水利工程管理办法');
    assert.equal(document.issuer, '某省人民政府');
    assert.equal(document.docNumber, '某政发〔1993〕21号');
  });
});

describe('a page\'s table bars after the title and a body on one line', () => {
  it('drops the bars and reads the title, the signature and the date', () => {
    const document = parseOne([
      '青山市人民政府办公室关于公布2020年度全市河长制工作考核结果的通知 | |',
      '发布日期:2021-03-07 16:27',
      '信息来源:市政府办公室',
      '浏览次数:',
      '各县(市、区)人民政府,市政府各部门、直属各单位: 2020年以来,各地、各有关部门按照市委、市政府的统一部署,扎实推进河长制各项工作,取得了明显成效。根据年度考核办法及综合考评情况,经市政府同意,现将2020年度全市河长制工作考核结果公布如下: 一、优秀单位 甲县政府、乙区政府。 二、良好单位 丙市政府、丁县政府。 希望受表彰的单位再接再厉,争创新业绩。 青山市人民政府办公室 2021年3月5日 作者: 信息来源: |',
      '|',
      '|',
    ]);
    assert.equal(document.title, '青山市人民政府办公室关于公布2020年度全市河长制工作考核结果的通知');
    assert.equal(document.issuer, '青山市人民政府办公室');
    assert.equal(document.date, '2021-03-05');
  });

  it('keeps a metadata row\'s cell bars (the row is still read as the table\'s)', () => {
    const document = parseOne([
      '发文机关: | 青山市人民政府 | 成文日期: | |',
      '标 题: | 青政发〔2012〕3号 青山市人民政府关于表彰先进集体的决定 | ||',
      '主 题 词: |',
      '青政发〔2012〕3号 青山市人民政府关于表彰先进集体的决定',
      '各县、区人民政府,市政府各部门:',
      '现决定表彰一批先进集体。',
      '青山市人民政府',
      '2012年1月9日',
    ]);
    assert.equal(document.title, '青山市人民政府关于表彰先进集体的决定');
    assert.equal(document.docNumber, '青政发〔2012〕3号');
  });
});

describe('a title printed twice, once with its number in brackets', () => {
  it('takes the number from the numbered printing', () => {
    const document = parseOne([
      '关于转发《青山市农村公路养护资金管理实施细则(试行)》的通知(青府办发〔2005〕77号)',
      '关于转发《青山市农村公路养护资金管理实施细则(试行)》的通知',
      '各县(市、区)人民政府,市各有关部门:',
      '经市政府研究同意,现将《青山市农村公路养护资金管理实施细则(试行)》转发给你们,请认真贯彻落实。',
      '二OO五年六月二日',
    ]);
    assert.equal(document.title, '关于转发《青山市农村公路养护资金管理实施细则(试行)》的通知');
    assert.equal(document.docNumber, '青府办发〔2005〕77号');
    assert.equal(document.date, '2005-06-02');
  });
});

describe('a consultation titled by the draft it publishes', () => {
  it('reads "《…(征求意见稿)》公开征求意见" as the title, with no 文种 (not an 意见)', () => {
    const document = parseOne([
      '当前位置:首页 > 法治政府建设 > 意见征集',
      '《青山市物业管理办法(修订草案征求意见稿)》公开征求意见',
      '来源:立法科 时间:2021-04-02 09:30',
      '为了广泛听取社会各界的意见和建议,现将《青山市物业管理办法(修订草案征求意见稿)》予以公布,征求社会各界意见。',
      '请于2021年5月2日前将书面意见送青山市司法局。',
    ]);
    assert.equal(document.title, '《青山市物业管理办法(修订草案征求意见稿)》公开征求意见');
    assert.equal(document.type, null);
  });
});

describe('a title naming its issuer by level only', () => {
  const notice = (signature: string) => [
    '市政府办公室关于印发青山市粮食应急预案的通知',
    '青政办发〔2019〕88号',
    '各县(市)区人民政府,市各委、办、局:',
    '经市政府同意,现将《青山市粮食应急预案》印发给你们,请认真贯彻执行。',
    signature,
    '2019年10月8日',
  ];

  it('takes the signature\'s full name of the same body', () => {
    assert.equal(parseOne(notice('青山市人民政府办公室')).issuer, '青山市人民政府办公室');
  });

  it('keeps the title\'s form when the signature names another body', () => {
    assert.equal(parseOne(notice('青山市发展和改革委员会')).issuer, '市政府办公室');
  });
});

describe('a joint title that counts its bodies ("A等N部门关于…")', () => {
  const notice = (date: string) => [
    '某省发展和改革委员会等3部门',
    '关于印发某省特色产业园区名单的通知',
    '各市(州)人民政府,省直各部门:',
    '经报请省政府同意,现将名单印发给你们,请认真做好相关工作。',
    '某省发展和改革委员会',
    '某省自然资源厅',
    '某省商务厅',
    date,
    '附件',
    '某省特色产业园区名单',
  ];

  it('reads the title over two lines, and the issuer as the bodies signing one a line, the date\'s year lost', () => {
    const document = parseOne(notice('年12月31日'));
    assert.equal(document.title, '某省发展和改革委员会等3部门关于印发某省特色产业园区名单的通知');
    assert.equal(document.issuer, '某省发展和改革委员会、某省自然资源厅、某省商务厅');
  });

  it('reads the joint signature as before when the date is whole', () => {
    assert.equal(parseOne(notice('2021年12月31日')).issuer, '某省发展和改革委员会、某省自然资源厅、某省商务厅');
  });
});

describe('table bars on a very long line', () => {
  it('are dropped in linear time', () => {
    const started = performance.now();
    parseOne(['关于某事的通知', `${'| '.repeat(100_000)}甲 |`, '正文。']);
    assert.ok(performance.now() - started < 5_000);
  });
});
