/**
 * Words of government work that the general dictionary splits or does not
 * know: agency names and their short forms, document types, and the terms of
 * open-government work found in the seeds. Terms harvested from ingested
 * titles and issuers are added to these at run time (search_terms).
 */
export const domainTerms = [
  // Agencies and their short forms
  '人民政府', '人民政府办公厅', '人民政府办公室', '区政府', '市政府', '县政府', '区府办', '市府办', '政府办公厅',
  '市编办', '区编办', '编办', '审改办', '区审改办', '大数据中心', '市大数据中心', '区大数据中心', '市场监督管理局',
  '市场监管局', '审计局', '区审计局', '财政局', '发展改革委', '发改委', '经济信息化委', '卫生健康委', '商务委', '科委',
  '教委', '国资委', '民政局', '司法局', '公安分局', '人力资源社会保障局', '规划资源局', '生态环境局', '应急管理局',
  '住房城乡建设管理委', '街道办事处', '镇政府', '常务会议', '政府常务会议', '安委会', '工商局', '工商行政管理局',
  // Document types and parts
  '通知', '通告', '公告', '批复', '实施意见', '指导意见', '实施方案', '工作方案', '管理办法', '实施办法', '实施细则',
  '工作要点', '政策解读', '规范性文件', '行政规范性文件', '人事任免', '任免事项', '附件', '发文字号', '成文日期',
  '有效期', '同时废止', '施行日期',
  // Open government and administration
  '政务公开', '政府信息公开', '依申请公开', '主动公开', '不予公开', '公开属性', '政府文件库', '政府公报', '政策文件',
  '行政协助', '协助请求', '被请求机关', '请求机关', '协助目录', '督查督办', '审计整改', '整改清单', '问题清单',
  '责任清单', '公共数据', '公共数据资源目录', '开放清单', '资源目录', '无条件共享', '授权共享', '非共享',
  '无条件开放', '有条件开放', '非开放', '一网通办', '一网统管', '政民互动', '重大行政决策', '考核评估', '年度报告',
  '工作日', '牵头部门', '责任部门', '责任单位', '行政权力', '权力清单', '事中事后监管', '双随机', '一业一证',
  '危险化学品', '节能降碳', '无偿献血', '托育服务', '营商环境', '放管服',
];

/** A user dictionary for jieba: "word frequency tag" per line; high frequency keeps the word whole. */
export function dictionaryLines(terms: readonly string[]): string {
  return terms.map((term) => `${term} 200000 n`).join('\n');
}
