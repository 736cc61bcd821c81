import { distributionUrl } from './catalogue.ckan.ts';
import { openAttributes, updateFrequencies, type Distribution, type OpenAttribute, type ResourceRow, type UpdateFrequency } from './catalogue.types.ts';

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
  spdx: 'http://spdx.org/rdf/terms#',
  gk: 'https://gongkai.example/ns#',
};

/**
 * The classes DCAT-AP 3 expects of what a property points at (its SHACL
 * shapes check `sh:class` without inference), stated with the reference:
 * an access right is a dct:RightsStatement, a frequency a dct:Frequency, a
 * file type a dct:MediaTypeOrExtent, a page a foaf:Document.
 */
const rightsOf = (open: Exclude<OpenAttribute, 'closed'>) => ({ '@id': accessRights[open], '@type': 'dct:RightsStatement' });

const zh = (value: string) => ({ '@value': value, '@language': 'zh' });
const dateTime = (value: string) => ({ '@value': new Date(value).toISOString(), '@type': 'xsd:dateTime' });

/**
 * A real distribution: `dcat:accessURL` the resource page (or an open API's
 * address), `dcat:downloadURL` only for an unconditionally open file, the
 * file's size and SHA-256 as `dcat:byteSize` and `spdx:checksum`.
 */
function distributionOf(resource: ResourceRow, distribution: Distribution, base: string) {
  const page = `${base}/catalogue/${resource.id}`;
  const open = resource.open as Exclude<OpenAttribute, 'closed'>;
  const { url, downloadable } = distributionUrl(resource, distribution, base);
  const latest = distribution.latest;
  return {
    '@id': `${page}#distribution-${distribution.id}`,
    '@type': 'dcat:Distribution',
    'dct:title': zh(distribution.title),
    ...(distribution.description ? { 'dct:description': zh(distribution.description) } : {}),
    'dcat:accessURL': { '@id': downloadable ? page : url },
    ...(downloadable ? { 'dcat:downloadURL': { '@id': url } } : {}),
    'dct:format': { '@id': `${eu}/file-type/${fileTypes[distribution.format] ?? 'OCTET'}`, '@type': 'dct:MediaTypeOrExtent' },
    'dct:accessRights': rightsOf(open),
    'dct:modified': dateTime(latest?.uploadedAt ?? distribution.updatedAt),
    ...(latest
      ? {
          'dcat:byteSize': { '@value': String(latest.size), '@type': 'xsd:nonNegativeInteger' },
          'spdx:checksum': { '@type': 'spdx:Checksum', 'spdx:algorithm': { '@id': 'http://spdx.org/rdf/terms#checksumAlgorithm_sha256', '@type': 'spdx:ChecksumAlgorithm' }, 'spdx:checksumValue': { '@value': latest.sha256, '@type': 'xsd:hexBinary' } },
        }
      : {}),
  };
}

function datasetOf(resource: ResourceRow, distributions: readonly Distribution[], base: string) {
  const page = `${base}/catalogue/${resource.id}`;
  const open = resource.open as Exclude<OpenAttribute, 'closed'>;
  return {
    '@id': `${page}#dataset`,
    '@type': 'dcat:Dataset',
    'dct:identifier': resource.uuid,
    'dct:title': zh(resource.name),
    'dct:description': zh(resource.description),
    'dct:publisher': { '@id': `${base}/catalogue?agency=${resource.agencyId}`, '@type': 'foaf:Agent', 'foaf:name': zh(resource.agencyName) },
    'dcat:keyword': resource.keywords.map(zh),
    'dcat:landingPage': { '@id': page, '@type': 'foaf:Document' },
    'dct:accessRights': rightsOf(open),
    'gk:openAttribute': zh(openAttributes[open]),
    'gk:domain': zh(resource.domain),
    'dct:accrualPeriodicity': { '@id': accrualPeriodicity[resource.updateFrequency], '@type': 'dct:Frequency' },
    'gk:updateFrequency': zh(updateFrequencies[resource.updateFrequency]),
    'dct:issued': dateTime(resource.createdAt),
    'dct:modified': dateTime(resource.updatedAt),
    'owl:versionInfo': String(resource.version),
    ...(resource.classificationCode ? { 'gk:classificationCode': resource.classificationCode } : {}),
    ...(resource.timeCoverage ? { 'gk:timeCoverage': zh(resource.timeCoverage) } : {}),
    'dcat:contactPoint': { '@type': ['vcard:Organization', 'vcard:Kind'], 'vcard:fn': zh(resource.agencyName), ...(resource.contact ? { 'vcard:note': resource.contact } : {}) },
    'dcat:distribution': distributions.map((distribution) => distributionOf(resource, distribution, base)),
  };
}

export function dcatCatalog(resources: readonly ResourceRow[], distributions: ReadonlyMap<number, readonly Distribution[]>, base: string, title: string) {
  return {
    '@context': { ...dcatContext, owl: 'http://www.w3.org/2002/07/owl#' },
    '@id': `${base}/catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': zh(title),
    'dct:description': zh(`${title}:各单位公共数据资源中无条件开放、有条件开放的数据资源(《长宁区公共数据管理办法》)`),
    'dct:publisher': { '@id': base, '@type': 'foaf:Agent', 'foaf:name': zh(title) },
    'foaf:homepage': { '@id': `${base}/catalogue`, '@type': 'foaf:Document' },
    'dcat:dataset': resources.filter((resource) => resource.open !== 'closed').map((resource) => datasetOf(resource, distributions.get(resource.id) ?? [], base)),
  };
}
