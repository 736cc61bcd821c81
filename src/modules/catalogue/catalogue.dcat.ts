import { openAttributes, updateFrequencies, type OpenAttribute, type ResourceRow, type UpdateFrequency } from './catalogue.types.ts';

/**
 * The open catalogue as DCAT-AP 3 in JSON-LD (what ckanext-dcat and EU
 * harvesters read). The open attribute is `dct:accessRights` from the EU
 * access-right vocabulary (无条件开放 PUBLIC, 有条件开放 RESTRICTED; 非开放 is
 * never published), with the Chinese term kept as a literal; the update
 * frequency is `dct:accrualPeriodicity` from the EU frequency vocabulary.
 */
const eu = 'http://publications.europa.eu/resource/authority';
export const accessRights: Record<Exclude<OpenAttribute, 'closed'>, string> = {
  unconditional: `${eu}/access-right/PUBLIC`,
  conditional: `${eu}/access-right/RESTRICTED`,
};
export const accrualPeriodicity: Record<UpdateFrequency, string> = {
  realtime: `${eu}/frequency/UPDATE_CONT`,
  daily: `${eu}/frequency/DAILY`,
  weekly: `${eu}/frequency/WEEKLY`,
  monthly: `${eu}/frequency/MONTHLY`,
  quarterly: `${eu}/frequency/QUARTERLY`,
  half_yearly: `${eu}/frequency/BIANNUAL`,
  yearly: `${eu}/frequency/ANNUAL`,
  irregular: `${eu}/frequency/IRREG`,
};
const fileTypes: Record<string, string> = { CSV: 'CSV', XLSX: 'XLSX', JSON: 'JSON', XML: 'XML', PDF: 'PDF', RDF: 'RDF_XML', SHP: 'SHP', ZIP: 'ZIP', API: 'REST' };

export const dcatContext = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  adms: 'http://www.w3.org/ns/adms#',
  gk: 'https://gongkai.example/ns#',
};

const zh = (value: string) => ({ '@value': value, '@language': 'zh' });
const dateTime = (value: string) => ({ '@value': new Date(value).toISOString(), '@type': 'xsd:dateTime' });

function datasetOf(resource: ResourceRow, base: string) {
  const page = `${base}/catalogue/${resource.id}`;
  const open = resource.open as Exclude<OpenAttribute, 'closed'>;
  return {
    '@id': page,
    '@type': 'dcat:Dataset',
    'dct:identifier': resource.uuid,
    'dct:title': zh(resource.name),
    'dct:description': zh(resource.description),
    'dct:publisher': { '@id': `${base}/catalogue?agency=${resource.agencyId}`, '@type': 'foaf:Agent', 'foaf:name': zh(resource.agencyName) },
    'dcat:keyword': resource.keywords.map(zh),
    'dcat:landingPage': { '@id': page },
    'dct:accessRights': { '@id': accessRights[open] },
    'gk:openAttribute': zh(openAttributes[open]),
    'gk:domain': zh(resource.domain),
    'dct:accrualPeriodicity': { '@id': accrualPeriodicity[resource.updateFrequency] },
    'gk:updateFrequency': zh(updateFrequencies[resource.updateFrequency]),
    'dct:issued': dateTime(resource.createdAt),
    'dct:modified': dateTime(resource.updatedAt),
    'owl:versionInfo': String(resource.version),
    ...(resource.classificationCode ? { 'gk:classificationCode': resource.classificationCode } : {}),
    ...(resource.timeCoverage ? { 'gk:timeCoverage': zh(resource.timeCoverage) } : {}),
    'dcat:contactPoint': { '@type': 'vcard:Organization', 'vcard:fn': zh(resource.agencyName), ...(resource.contact ? { 'vcard:note': resource.contact } : {}) },
    'dcat:distribution': resource.formats.map((format) => ({
      '@id': `${page}#${encodeURIComponent(format.toLowerCase())}`,
      '@type': 'dcat:Distribution',
      'dct:title': zh(`${resource.name}(${format})`),
      'dcat:accessURL': { '@id': page },
      'dct:format': { '@id': `${eu}/file-type/${fileTypes[format] ?? 'OCTET'}` },
      'dct:accessRights': { '@id': accessRights[open] },
    })),
  };
}

export function dcatCatalog(resources: readonly ResourceRow[], base: string, title: string) {
  return {
    '@context': { ...dcatContext, owl: 'http://www.w3.org/2002/07/owl#' },
    '@id': `${base}/catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': zh(title),
    'dct:description': zh(`${title}:各单位公共数据资源中无条件开放、有条件开放的数据资源(《长宁区公共数据管理办法》)`),
    'dct:publisher': { '@id': base, '@type': 'foaf:Agent', 'foaf:name': zh(title) },
    'foaf:homepage': { '@id': `${base}/catalogue` },
    'dcat:dataset': resources.filter((resource) => resource.open !== 'closed').map((resource) => datasetOf(resource, base)),
  };
}
