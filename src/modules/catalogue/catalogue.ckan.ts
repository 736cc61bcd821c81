import type { Facets } from './catalogue.queries.ts';
import { openAttributes, updateFrequencies, type Distribution, type ResourceRow } from './catalogue.types.ts';

/**
 * The catalogue as CKAN's Action API answers (read side, API version 3): the
 * package dictionaries and search results that CKAN clients and harvesters
 * read (docs.ckan.org, "API guide": package_show, package_search,
 * organization_list …). A resource of the catalogue is a CKAN package; each
 * distribution (an uploaded file or an API link) is a CKAN resource; an agency
 * is an organization. The Chinese attributes travel as extras.
 */
export const packageName = (resource: { id: number }) => `catalogue-${resource.id}`;
export const organizationName = (agencyId: number) => `agency-${agencyId}`;

/** `catalogue-12` → 12; a uuid is looked up as such. */
export function packageKey(id: string): { id?: number; uuid?: string } | null {
  const byName = /^catalogue-(\d{1,12})$/.exec(id);
  if (byName) return { id: Number(byName[1]) };
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return { uuid: id };
  return null;
}

const iso = (timestamp: string) => new Date(timestamp).toISOString().replace('Z', '');

export function organizationDict(agency: { id: number; name: string; count?: number }, base: string) {
  return {
    id: organizationName(agency.id),
    name: organizationName(agency.id),
    title: agency.name,
    display_name: agency.name,
    type: 'organization',
    is_organization: true,
    state: 'active',
    approval_status: 'approved',
    description: '',
    image_url: '',
    package_count: agency.count ?? 0,
    url: `${base}/catalogue?agency=${agency.id}`,
  };
}

/**
 * Where a distribution is got: an unconditionally open file's download, an
 * open API's own address; a conditionally open one's, the resource page (its
 * files are given to approved requesters only, through signed links).
 */
export function distributionUrl(resource: ResourceRow, distribution: Distribution, base: string): { url: string; downloadable: boolean } {
  const page = `${base}/catalogue/${resource.id}`;
  if (resource.open !== 'unconditional') return { url: page, downloadable: false };
  if (distribution.kind === 'api') return { url: distribution.url ?? page, downloadable: false };
  return { url: `${page}/distributions/${distribution.id}/download`, downloadable: true };
}

export const ckanResourceId = (resource: { uuid: string }, distribution: { id: number }) => `${resource.uuid}-${distribution.id}`;

export function packageDict(resource: ResourceRow, base: string, distributions: readonly Distribution[]) {
  const page = `${base}/catalogue/${resource.id}`;
  return {
    id: resource.uuid,
    name: packageName(resource),
    title: resource.name,
    notes: resource.description,
    type: 'dataset',
    state: 'active',
    private: false,
    isopen: resource.open === 'unconditional',
    url: page,
    version: String(resource.version),
    license_id: 'notspecified',
    license_title: '未指定',
    author: resource.agencyName,
    author_email: null,
    maintainer: resource.agencyName,
    maintainer_email: null,
    metadata_created: iso(resource.createdAt),
    metadata_modified: iso(resource.updatedAt),
    owner_org: organizationName(resource.agencyId),
    organization: organizationDict({ id: resource.agencyId, name: resource.agencyName }, base),
    num_tags: resource.keywords.length,
    tags: resource.keywords.map((keyword) => ({ name: keyword, display_name: keyword, state: 'active', vocabulary_id: null })),
    groups: [],
    num_resources: distributions.length,
    resources: distributions.map((distribution, position) => ({
      id: ckanResourceId(resource, distribution),
      package_id: resource.uuid,
      name: distribution.title,
      description: distribution.description ?? '',
      format: distribution.format,
      url: distributionUrl(resource, distribution, base).url,
      position,
      state: 'active',
      created: iso(distribution.createdAt),
      last_modified: iso(distribution.latest?.uploadedAt ?? distribution.updatedAt),
      size: distribution.latest?.size ?? null,
      hash: distribution.latest ? `sha256:${distribution.latest.sha256}` : '',
      mimetype: distribution.latest ? distribution.latest.mediaType.split(';')[0]! : null,
      rows: distribution.latest?.rowCount ?? null,
      datastore_active: false,
    })),
    extras: [
      { key: 'open_attribute', value: openAttributes[resource.open] },
      { key: 'domain', value: resource.domain },
      { key: 'update_frequency', value: updateFrequencies[resource.updateFrequency] },
      ...(resource.classificationCode ? [{ key: 'classification_code', value: resource.classificationCode }] : []),
      ...(resource.timeCoverage ? [{ key: 'temporal', value: resource.timeCoverage }] : []),
      ...(resource.contact ? [{ key: 'contact', value: resource.contact }] : []),
      ...(resource.openReason ? [{ key: 'open_reason', value: resource.openReason }] : []),
    ],
  };
}

/** `fq` as clients send it: `organization:agency-3 tags:交通 res_format:CSV` (AND), values optionally quoted. */
export function parseFilterQuery(fq: string): { organizations: string[]; tags: string[]; formats: string[]; unknown: string[] } {
  const parsed = { organizations: [] as string[], tags: [] as string[], formats: [] as string[], unknown: [] as string[] };
  for (const match of fq.matchAll(/([a-z_]+):("([^"]*)"|\S+)/g)) {
    const field = match[1]!;
    const value = match[3] ?? match[2]!;
    if (field === 'organization' || field === 'owner_org') parsed.organizations.push(value);
    else if (field === 'tags') parsed.tags.push(value);
    else if (field === 'res_format') parsed.formats.push(value);
    else parsed.unknown.push(field);
  }
  return parsed;
}

export const facetFields = ['organization', 'tags', 'res_format'] as const;
export type FacetField = (typeof facetFields)[number];

export function searchFacets(facets: Facets, fields: readonly FacetField[]) {
  const items: Record<FacetField, { name: string; display_name: string; count: number }[]> = {
    organization: facets.agency.map((a) => ({ name: organizationName(a.id), display_name: a.name, count: a.count })),
    tags: facets.keyword.map((k) => ({ name: k.name, display_name: k.name, count: k.count })),
    res_format: facets.format.map((f) => ({ name: f.name, display_name: f.name, count: f.count })),
  };
  const titles: Record<FacetField, string> = { organization: '提供单位', tags: '关键字', res_format: '数据格式' };
  return {
    facets: Object.fromEntries(fields.map((field) => [field, Object.fromEntries(items[field].map((item) => [item.name, item.count]))])),
    search_facets: Object.fromEntries(fields.map((field) => [field, { title: titles[field], items: items[field] }])),
  };
}
