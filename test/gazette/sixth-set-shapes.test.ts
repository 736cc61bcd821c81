import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOne } from '../support/parse-one.ts';

/**
 * Rules from the sixth sealed set (test/fixtures/real/README.md, h/parser7). Every text here is synthetic:
 * invented organs, numbers and wording.
 */

describe('an order signed by a region\'s head or an acting head', () => {
  const order = (signer: string) => [
    '某某自治区河道采砂管理办法',
    '某某自治区人民政府',
    '某某自治区人民政府令第57号',
    '《某某自治区河道采砂管理办法》已经2012年3月8日自治区人民政府第20次常务会议讨论通过,现予公布,自2012年5月1日起施行。',
    signer,
    '二○一二年三月十五日',
    '第一条 为了加强河道采砂管理,制定本办法。',
  ];

  it('reads the order under 自治区代主席 <name>', () => {
    const document = parseOne(order('自治区代主席 张某某'));
    assert.equal(document.title, '某某自治区河道采砂管理办法');
    assert.equal(document.docNumber, '某某自治区人民政府令第57号');
    assert.equal(document.type, '令');
    assert.equal(document.date, '2012-03-15');
  });

  it('reads the order under 代理省长 <name> and 自治区主席 <name>', () => {
    assert.equal(parseOne(order('代理省长 李某')).date, '2012-03-15');
    assert.equal(parseOne(order('自治区主席 王某某')).date, '2012-03-15');
  });
});

describe('a disclosure report titled with the year first, ending in 工作报告', () => {
  it('reads the name after the year as the issuer', () => {
    const document = parseOne([
      '2022年度青石路街道信息公开工作报告',
      '2022年度青石路街道信息公开工作报告',
      '本报告由青石路街道办事处编制,全文包括总体情况、主动公开情况等。',
      '一、总体情况',
      '2022年,我街道通过门户网站公开信息40条。',
    ]);
    assert.equal(document.title, '2022年度青石路街道信息公开工作报告');
    assert.equal(document.issuer, '青石路街道');
    assert.equal(document.type, '报告');
  });
});

describe('an annual report\'s title wrapped after its year', () => {
  it('joins the two lines into one title, the issuer the name before the year', () => {
    const document = parseOne([
      '某某新区白石街道办事处2022年度政府',
      '信息公开工作年度报告',
      '根据《中华人民共和国政府信息公开条例》的要求,编制本报告。',
      '一、总体情况',
      '2022年,白石街道主动公开政府信息60余条。',
    ]);
    assert.equal(document.title, '某某新区白石街道办事处2022年度政府信息公开工作年度报告');
    assert.equal(document.issuer, '某某新区白石街道办事处');
    assert.equal(document.type, '报告');
  });

  it('does not join a label line that holds no year to a report title under it', () => {
    const document = parseOne([
      '信息公开年报',
      '白石乡2022年政府信息公开工作年度报告',
      '一、总体情况',
      '2022年,白石乡主动公开政府信息30条。',
    ]);
    assert.equal(document.title, '白石乡2022年政府信息公开工作年度报告');
    assert.equal(document.issuer, '白石乡');
  });
});

describe('a metadata key run into its value', () => {
  it('does not take "标题<title>" for the title when the title is printed below', () => {
    const document = parseOne([
      '索引号000011111/2023-00001',
      '发布机构发文日期 2023-02-01 09:30',
      '标题青石县白石乡2022年政府信息公开工作年度报告',
      '',
      '青石县白石乡2022年政府信息公开工作年度报告',
      '一、总体情况',
      '2022年,我乡主动公开政府信息50条。',
    ]);
    assert.equal(document.title, '青石县白石乡2022年政府信息公开工作年度报告');
    assert.equal(document.issuer, '青石县白石乡');
  });
});

describe('a law database\'s page: the title printed again past a long dateline', () => {
  it('reads the "<date>,<organ>" note under the last printing as the date', () => {
    const document = parseOne([
      '您的位置: 首页 » 资料库 » 法规 »',
      '某某部关于调整仓储设施补助标准的通知',
      '作者:某某资料网 时间:2024-03-02 10:11:12  浏览:5120   来源:某某资料网',
      '下载地址: 点击此处下载',
      '某某部关于调整仓储设施补助标准的通知',
      '某某部',
      '某某部关于调整仓储设施补助标准的通知',
      '1994年8月3日,某某部',
      '各省、自治区、直辖市某某厅:',
      '为做好仓储设施建设工作,现将有关事项通知如下:',
    ]);
    assert.equal(document.title, '某某部关于调整仓储设施补助标准的通知');
    assert.equal(document.date, '1994-08-03');
  });
});

describe('a standing committee\'s 规定 with its adopting meeting in brackets', () => {
  it('reads the date from the bracket under the byline, an effective date after 通过', () => {
    const document = parseOne([
      '某某省人民代表大会常务委员会关于加强河湖保护的规定',
      '作者:某某资料网 时间:2024-03-02 10:11:12  浏览:5120   来源:某某资料网',
      '某某省人民代表大会常务委员会关于加强河湖保护的规定',
      '某某省人大常委会',
      '(1997年6月20日某某省第八届人民代表大会常务委员会第二十八次会议通过 1997年8月1日起施行)',
      '为了加强河湖保护,根据有关法律,作如下规定:',
      '一、各级人民政府应当加强河湖保护。',
    ]);
    assert.equal(document.title, '某某省人民代表大会常务委员会关于加强河湖保护的规定');
    assert.equal(document.issuer, '某某省人民代表大会常务委员会');
    assert.equal(document.date, '1997-06-20');
  });

  it('does not read a bracket that names no adopting meeting as the date', () => {
    const document = parseOne([
      '某某省人民代表大会常务委员会关于加强河湖保护的规定',
      '某某省人大常委会',
      '(本规定1997年8月1日起施行)',
      '为了加强河湖保护,根据有关法律,作如下规定:',
    ]);
    assert.equal(document.date, null);
  });
});

describe('a law database\'s byline of joint bodies between two printings of the title', () => {
  const page = (title: string, byline: string) => [
    '热门站点| 某某资料网 | 首页',
    title,
    '作者:某某资料网 时间:2024-03-02 10:11:12  浏览:5120   来源:某某资料网',
    title,
    byline,
    title,
    '某财建〔2014〕12号',
    '为推进节能减排,经研究,现将有关事项通知如下:',
    '一、补助标准按附件执行。',
  ];

  it('reads the bodies, apart by spaces, as the issuers joined with 、', () => {
    const document = parseOne(page('关于开展节能照明产品推广工作的通知', '某某部 某某发展委员会 某某信息化部'));
    assert.equal(document.title, '关于开展节能照明产品推广工作的通知');
    assert.equal(document.docNumber, '某财建〔2014〕12号');
    assert.equal(document.issuer, '某某部、某某发展委员会、某某信息化部');
  });

  it('keeps the title\'s own form when the title names its issuer', () => {
    const document = parseOne(page('某某市人民政府办公室关于开展节能照明产品推广工作的通知', '某某省某某市人民政府办公室'));
    assert.equal(document.issuer, '某某市人民政府办公室');
  });
});

describe('a page\'s metadata list with keys alone on their lines above a title over the addressees', () => {
  it('does not take the keys for addressees and reads the three-line title', () => {
    const document = parseOne([
      '- 索 引 号:00000000-1/2023-00012 主题分类:政府文件',
      '- 发文机关:青石县政府办公室 成文日期:2023-05-06 10:00',
      '-',
      '标 题:',
      '青石县人民政府办公室关于公布第三批县级非物质文化遗产名录的通知 - 文 号:发布日期: 2023-05-06 10:00',
      '- 备案登记号:',
      '-',
      '青石县人民政府办公室',
      '关于公布第三批县级非物质文化',
      '遗产代表性项目名录的通知',
      '各镇人民政府,县政府直属各单位:',
      '经县政府研究,现将第三批县级非物质文化遗产代表性项目名录予以公布。',
      '青石县人民政府办公室',
      '2023年5月6日',
    ]);
    assert.equal(document.title, '青石县人民政府办公室关于公布第三批县级非物质文化遗产代表性项目名录的通知');
    assert.equal(document.type, '通知');
    assert.equal(document.date, '2023-05-06');
  });
});

describe('a metadata table whose row runs a known key into a key of the page\'s own', () => {
  it('ends the 发文字号 cell at the table\'s bar', () => {
    const document = parseOne([
      '索引号:000011111/2022-00031 | |',
      '发文字号:青石政发〔2022〕9号 | 发文时间:2022-04-08 |',
      '发文机关:青石区人民政府 | 主题词:河道管理 |',
      '标题:青石区人民政府关于加强河道管理的通知 | |',
      '各乡(镇)人民政府,区政府有关工作部门:',
      '为加强河道管理,现将有关事项通知如下。',
      '青石区人民政府',
      '2022年4月8日',
    ]);
    assert.equal(document.docNumber, '青石政发〔2022〕9号');
    assert.equal(document.date, '2022-04-08');
  });
});

describe('the date and number in brackets under a title, date first', () => {
  it('reads "(<date><number>)" on its own line', () => {
    const document = parseOne([
      '某某省人民政府关于调整农业税征收办法的通知',
      '(1986年3月7日某政〔1986〕21号)',
      '各市、县人民政府:',
      '现将调整农业税征收办法的有关问题通知如下:',
    ]);
    assert.equal(document.title, '某某省人民政府关于调整农业税征收办法的通知');
    assert.equal(document.docNumber, '某政〔1986〕21号');
    assert.equal(document.date, '1986-03-07');
  });

  it('reads the bracket saved on the first line of the body, under a database\'s fields', () => {
    const document = parseOne([
      'SomeLII [Home] [Databases] [Search] [Feedback]',
      '某某省地方法规',
      'You are here:  SomeLII >> Databases >> 某某省地方法规 >> 某某省政府关于调整农业税征收办法的通知',
      '某某省政府关于调整农业税征收办法的通知',
      '【发布单位】81202',
      '【发布日期】1986-03-07',
      '某某省人民政府关于调整农业税征收办法的通知',
      '(1986年3月7日某政〔1986〕21号)  根据国家有关规定,现将调整农业税征收办法的有关问题通知如下:',
      '一、征收范围不变。',
    ]);
    assert.equal(document.title, '某某省人民政府关于调整农业税征收办法的通知');
    assert.equal(document.docNumber, '某政〔1986〕21号');
    assert.equal(document.issuer, '某某省人民政府');
    assert.equal(document.date, '1986-03-07');
  });

  it('leaves a bracket that holds no number at the start of a paragraph', () => {
    const document = parseOne([
      '某某省人民政府关于调整农业税征收办法的通知',
      '各市、县人民政府:',
      '(一)1986年3月7日起调整征收办法,具体如下。',
      '某某省人民政府',
      '1986年3月7日',
    ]);
    assert.equal(document.docNumber, null);
    assert.equal(document.date, '1986-03-07');
  });
});

describe('a title set as its own block below a news story\'s paragraphs', () => {
  it('reads organ / 关于… / 文种 as one title, the organ its issuer', () => {
    const document = parseOne([
      '禁渔期到了 青石县河里的鱼钓不得',
      '2019年03月02日 10:20:11 来源:青石发布 作者:',
      '网络图片。',
      '春天到了,河里的鱼类进入繁殖期。',
      '三月,也是大部分鱼类产卵的时间,需要加以保护。',
      '青石县人民政府',
      '关于实施2019年天然水域禁渔期的',
      '通告',
      '为加强渔业资源保护,根据有关规定,现将有关事宜通告如下:',
      '一、禁渔范围:全县所有天然水域。',
    ]);
    assert.equal(document.title, '青石县人民政府关于实施2019年天然水域禁渔期的通告');
    assert.equal(document.issuer, '青石县人民政府');
    assert.equal(document.type, '通告');
  });

  it('does not read an organ line over a sentence that mentions 关于', () => {
    const document = parseOne([
      '禁渔期到了 青石县河里的鱼钓不得',
      '2019年03月02日 10:20:11 来源:青石发布 作者:',
      '春天到了,河里的鱼类进入繁殖期。',
      '三月,也是大部分鱼类产卵的时间,需要加以保护。',
      '青石县人民政府',
      '关于禁渔的规定,请大家遵守。',
      '各村要加强宣传。',
    ]);
    assert.equal(document.type, null);
  });
});

describe('a work report dated by the meeting it was delivered at', () => {
  it('reads the date from the dash line under the title', () => {
    const document = parseOne([
      '2019年青石市白水区人民政府工作报告',
      '青石市白水区人民政府工作报告',
      '——2019年1月15日在青石市白水区第五届人民代表大会第三次会议上',
      '青石市白水区人民政府区长  某某某',
      '各位代表:',
      '现在,我代表区人民政府,向大会报告工作,请予审议。',
    ]);
    assert.equal(document.title, '青石市白水区人民政府工作报告');
    assert.equal(document.date, '2019-01-15');
    assert.equal(document.type, '报告');
  });
});

describe('a body saved on one line with the page\'s empty labels after the signature', () => {
  it('reads the date before "作者: 信息來源: |" (a page in traditional characters)', () => {
    const body = [
      '各县(市、区)人民政府,市政府各部门:',
      '今年以来,各地认真做好文化服务工作,涌现了一批先进集体和先进个人。为表彰先进,经市政府研究,决定对在工作中取得显著成绩的12个先进集体和20名先进个人进行表彰。',
      '希望受表彰的先进集体和先进个人再接再厲,争取更大的进步。各级、各部门要以先进为榜样,为推进文化建设作出新的贡献。',
      '附件:先进集体和先进个人名单',
      '青石市人民政府辦公室',
      '2014年11月20日',
      '作者:',
      '信息來源: |',
    ].join(' ');
    const document = parseOne(['青石市人民政府办公室关于表彰文化服务工作先进集体和先进个人的决定 | |', body, '|', '|']);
    assert.equal(document.title, '青石市人民政府办公室关于表彰文化服务工作先进集体和先进个人的决定');
    assert.equal(document.date, '2014-11-20');
  });
});

describe('a signature date whose 年月日 were lost when the page was stored', () => {
  const notice = (date: string) => [
    '青石县人民政府办公室关于印发青石县防汛应急预案的通知',
    '各乡镇人民政府,县直各单位:',
    '现将《青石县防汛应急预案》印发给你们,请认真贯彻执行。',
    '青石县人民政府办公室',
    date,
  ];

  it('reads the digits under the signing organ when month and day split one way only', () => {
    assert.equal(parseOne(notice('2019613')).date, '2019-06-13');
    assert.equal(parseOne(notice('201973')).date, '2019-07-03');
    assert.equal(parseOne(notice('20191105')).date, '2019-11-05');
  });

  it('leaves digits that read two ways (1月28日 or 12月8日)', () => {
    assert.equal(parseOne(notice('2019128')).date, null);
  });
});

describe('an unsigned 印发 notice whose date lost its 年月日', () => {
  it('reads the bare digits right above the issued text\'s heading', () => {
    const document = parseOne([
      '青石市人民政府办公厅关于印发《青石市行政执法公示办法》的通知',
      '各县、区人民政府,市政府各部门:',
      '《青石市行政执法公示办法》已经市人民政府同意,现印发给你们,请认真贯彻执行。',
      '20161205',
      '青石市行政执法公示办法',
      '第一条 为规范行政执法行为,制定本办法。',
    ]);
    assert.equal(document.date, '2016-12-05');
  });

  it('does not read bare digits at the end of a text that issues nothing', () => {
    const document = parseOne([
      '青石市人民政府办公厅关于做好行政执法公示工作的通知',
      '各县、区人民政府,市政府各部门:',
      '请各地认真做好行政执法公示工作。',
      '20161205',
    ]);
    assert.equal(document.date, null);
  });
});

describe('an unsigned 决定 in the pre-2012 format, its foot headed by 主题词', () => {
  it('reads the date line right above the 主题词 line, past the page\'s table below', () => {
    const document = parseOne([
      '关于对2009年度道路养护竞赛活动进行表彰的决定',
      '根据市人民政府有关竞赛活动实施方案的精神,市政府决定对以下单位予以表彰。',
      '一、金杯单位',
      '青石县人民政府',
      '白水区人民政府',
      '希望受表彰的单位珍惜荣誉,再创佳绩。',
      '二○一○年三月十二日',
      '主题词:道路养护 表彰 决定',
      '索  引  号 文       号 发布机构 发布日期',
      'N001-2010-000111 青政〔2010〕5号',
      '青石市人民政府办公室 2010-03-20',
      '留言与评论(共有 0 条评论)',
    ]);
    assert.equal(document.date, '2010-03-12');
  });
});

describe('a portal\'s label in 【】 before a 关于 title', () => {
  it('reads the title without the label', () => {
    const document = parseOne([
      '返回首页',
      '首页 > 青石区生态环境分局 > 意见征集',
      '【面向社会】关于公开征求《青石区生态保护规划(征求意见稿)》意见的通知',
      '发布时间: 2023-05-07 10:13  信息来源: 青石区生态环境分局',
      '为推动绿色发展,我局编制了《青石区生态保护规划(征求意见稿)》,现公开征求意见。',
      '联系人:某某',
    ]);
    assert.equal(document.title, '关于公开征求《青石区生态保护规划(征求意见稿)》意见的通知');
    assert.equal(document.type, '通知');
  });
});

describe('a signing organ over digits that read two ways', () => {
  it('keeps the organ as the issuer and leaves the date unread', () => {
    const document = parseOne([
      '关于公开征求《青石区河湖保护规划(征求意见稿)》意见的通知',
      '为推动绿色发展,我局编制了《青石区河湖保护规划(征求意见稿)》,现公开征求意见。',
      '联系人:某某',
      '青石区水务局',
      '2023117',
    ]);
    assert.equal(document.issuer, '青石区水务局');
    assert.equal(document.date, null);
  });
});
