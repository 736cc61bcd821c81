/**
 * The two catalogue fields Chinese government portals show that gazettes do
 * not print: 主题分类, one of the State Council's subject categories for
 * government information, chosen by words of the title (the first rule that
 * matches wins), and 索引号, agency code / year - serial.
 */
export const topics: { topic: string; words: RegExp }[] = [
  { topic: '劳动、人事、监察', words: /任免|任职|免职|人事|公务员|干部/ },
  { topic: '财政、金融、审计', words: /审计|财政|金融|预算|税/ },
  { topic: '卫生、体育', words: /卫生|医疗|献血|健康|体育|疾病/ },
  { topic: '人口与计划生育、妇女儿童工作', words: /计划生育|未成年人|妇女|儿童|托育|婴幼儿/ },
  { topic: '科技、教育', words: /教育|学校|科技|督导/ },
  { topic: '市场监管、安全生产监管', words: /市场监|质量|品牌|知识产权|危险化学品|安全生产|住所登记|一业一证|消费品/ },
  { topic: '城乡建设、环境保护', words: /节能|降碳|环境|生态|建设管理|城市管理|住房/ },
  { topic: '农业、林业、水利', words: /农村|农业|镇村|合作社|水利/ },
  { topic: '国民经济管理、国有资产监管', words: /经济|产业|国有资产|发展规划|四新/ },
  { topic: '民政、扶贫、救灾', words: /(?<!人)民政|救助|养老|社会组织/ },
  { topic: '公安、安全、司法', words: /公安|司法|行政执法|法治/ },
  { topic: '综合政务', words: /.*/ },
];

/** Every subject category, in the order the rules try them; the last one takes the rest. */
export const subjectCategories = topics.map((rule) => rule.topic);

/** The subject, from the title's own words: the issuer's name (人民政府, 市场监督管理局 …) says nothing of it. */
export function topicOf(title: string, issuer: string | null = null): string {
  const subject = (issuer && title.startsWith(issuer) ? title.slice(issuer.length) : title).replace(/人民政府/g, '');
  return topics.find((rule) => rule.words.test(subject))!.topic;
}

/** An agency whose code an administrator has not set yet is shown with this placeholder. */
export const placeholderAgencyCode = '000000000';

/** 索引号: agency code / year - serial, the serial counted per issuer and year (see assignIndexNumbers). */
export function indexNumberOf(index: { year: number; serial: number } | null, agencyCode = placeholderAgencyCode): string {
  return `${agencyCode}/${index ? index.year : '0000'}-${String(index?.serial ?? 0).padStart(5, '0')}`;
}
