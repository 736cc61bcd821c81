import { recordAudit, type Actor } from '../../core/audit/audit.ts';
import type { StaffUser } from '../../core/auth/auth.types.ts';
import { todayInChina } from '../../core/calendar/index.ts';
import type { Database, Queryable } from '../../core/db/database.ts';
import { AppError } from '../../core/errors.ts';
import { formSchema } from '../../core/forms/form.fields.ts';
import { parseInput } from '../../core/validation.ts';
import { cleanFileName, readFile, sizeLabelOf, storeFile } from '../files/index.ts';
import { apiLinkForm } from './catalogue.actions.ts';
import * as repository from './catalogue.distributions.repository.ts';
import { readDataFile } from './catalogue.distributions.read.ts';
import { checkDownload, claimedFormatOf, downloadExpiry, maxDistributionBytes, signDownload } from './catalogue.distributions.rules.ts';
import { cataloguePolicy } from './catalogue.policy.ts';
import { readOpenResource } from './catalogue.queries.ts';
import { markDataUpdated, readRequest, readResource } from './catalogue.repository.ts';
import { distributionFormats, type DataRequestRow, type Distribution, type DownloadLink, type DistributionVersion, type ResourceRow } from './catalogue.types.ts';

/** A file as served: a download of its checked type. */
export interface ServedFile {
  name: string;
  contentType: string;
  data: Buffer;
}

export type SignedDownload = { file: ServedFile } | { refused: 'expired' | 'tampered' | 'not_found' };

export interface DistributionService {
  /** Staff: a resource's distributions, each with every version; 404 for who may not read the resource. */
  list(resourceId: number, user: StaffUser): Promise<{ items: (Distribution & { versions: DistributionVersion[] })[]; canPublish: boolean }>;
  /** A new file distribution from an uploaded CSV, XLSX or JSON file, checked by its content. */
  upload(resourceId: number, file: { bytes: Uint8Array; name: string }, user: StaffUser, actor: Actor): Promise<{ id: number; version: number }>;
  /** A new version of a file distribution (the old ones stay). */
  uploadVersion(resourceId: number, distributionId: number, file: { bytes: Uint8Array; name: string }, user: StaffUser, actor: Actor): Promise<{ id: number; version: number }>;
  /** A distribution that is a link to an external API. */
  addLink(resourceId: number, input: unknown, user: StaffUser, actor: Actor): Promise<{ id: number }>;
  /** Staff: any version's file, to whoever may read the resource. */
  staffFile(resourceId: number, distributionId: number, version: number, user: StaffUser): Promise<ServedFile>;
  /** The public side: the distributions of open resources (never of 非开放 ones), by resource id. */
  ofOpenResources(resources: readonly ResourceRow[]): Promise<Map<number, Distribution[]>>;
  /** Anyone: the latest file of an unconditionally open resource's distribution; null otherwise. */
  openFile(resourceId: number, distributionId: number): Promise<ServedFile | null>;
  /** The signed links of a request: an approved request for a conditionally open resource's files; none otherwise. */
  linksFor(request: DataRequestRow, nowSeconds?: number): Promise<DownloadLink[]>;
  /** A file through a signed link, checked: signature, expiry, the request still approved, the resource still open. */
  signedFile(grant: { requestId: number; distributionId: number; expires: number }, signature: string, nowSeconds?: number): Promise<SignedDownload>;
}

const nowInSeconds = () => Math.floor(Date.now() / 1000);

export function createDistributionService(db: Database, options: { linkSecret: string }): DistributionService {
  async function readable(tx: Queryable, id: number, user: StaffUser, lock = false): Promise<ResourceRow> {
    const resource = await readResource(tx, id, { lock });
    if (!resource || !cataloguePolicy.can(user, 'read', resource)) throw new AppError('not_found', '没有这项数据资源');
    return resource;
  }
  async function served(distribution: Distribution, version: DistributionVersion | null): Promise<ServedFile | null> {
    if (!version) return null;
    const stored = await readFile(db, version.sha256);
    return stored ? { name: version.name, contentType: version.mediaType, data: stored.bytes } : null;
  }

  /** Checks the file against the format it claims and stores it; the version's row is written by the caller, in the same transaction. */
  async function storeDataFile(tx: Queryable, file: { bytes: Uint8Array; name: string }) {
    const name = cleanFileName(file.name);
    if (file.bytes.length > maxDistributionBytes) {
      throw new AppError('file_too_large', `${name}:文件大小 ${sizeLabelOf(file.bytes.length)},超过数据文件的上限 ${sizeLabelOf(maxDistributionBytes)}`, { file: name, size: file.bytes.length, limit: maxDistributionBytes });
    }
    const format = claimedFormatOf(name);
    if (!format) throw new AppError('file_format_unsupported', `${name}:数据文件只能是 ${distributionFormats.join('、')}(文件名应以 .csv、.xlsx 或 .json 结尾)`, { file: name });
    const data = await readDataFile(file.bytes, name, format);
    const stored = await storeFile(tx, { bytes: data.bytes, name, mediaType: data.mediaType }, { maxBytes: maxDistributionBytes });
    return { name, data, stored };
  }

  async function addVersion(tx: Queryable, resource: ResourceRow, distributionId: number, file: { bytes: Uint8Array; name: string }, user: StaffUser, actor: Actor, expected: string | null) {
    const { name, data, stored } = await storeDataFile(tx, file);
    if (expected !== null && data.format !== expected) throw new AppError('validation_failed', `${name}:新版本应与原文件格式相同(${expected})`, { file: name });
    const version = await repository.insertDistributionVersion(tx, distributionId, {
      name, sha256: stored.sha256, mediaType: data.mediaType, size: stored.size, rowCount: data.rowCount, conversion: data.conversion, columns: data.columns, preview: data.preview, uploadedBy: user.id,
    });
    // New data is a refresh: the update-frequency check (quality, reminders) counts from it, as from 登记数据更新.
    const today = todayInChina();
    if (resource.dataUpdatedOn === null || resource.dataUpdatedOn < today) await markDataUpdated(tx, resource.id, today);
    await recordAudit(tx, actor, {
      action: expected === null ? 'catalogue.add_distribution' : 'catalogue.upload_version',
      subjectType: 'catalogue_resource',
      subjectId: String(resource.id),
      after: { distributionId, version, name, format: data.format, sha256: stored.sha256, size: stored.size, rowCount: data.rowCount, conversion: data.conversion, dataUpdatedOn: today },
    });
    return { id: distributionId, version };
  }

  return {
    async list(resourceId, user) {
      const resource = await readable(db, resourceId, user);
      const distributions = await repository.listDistributions(db, [resourceId]);
      const items = [];
      for (const distribution of distributions) items.push({ ...distribution, versions: distribution.kind === 'file' ? await repository.readDistributionVersions(db, distribution.id) : [] });
      return { items, canPublish: cataloguePolicy.can(user, 'publish_data', resource) };
    },

    async upload(resourceId, file, user, actor) {
      return db.transaction(async (tx) => {
        const resource = await readable(tx, resourceId, user, true);
        cataloguePolicy.check(user, 'publish_data', resource);
        const format = claimedFormatOf(cleanFileName(file.name));
        const title = cleanFileName(file.name).replace(/\.[a-z0-9]{1,8}$/i, '').slice(0, 200) || resource.name;
        const id = await repository.insertDistribution(tx, { resourceId, kind: 'file', title, format: format ?? 'CSV', url: null, description: null, createdBy: user.id });
        return addVersion(tx, resource, id, file, user, actor, null);
      });
    },

    async uploadVersion(resourceId, distributionId, file, user, actor) {
      return db.transaction(async (tx) => {
        const resource = await readable(tx, resourceId, user, true);
        const distribution = await repository.readDistribution(tx, distributionId, { lock: true });
        if (!distribution || distribution.resourceId !== resourceId) throw new AppError('not_found', '没有这个数据文件');
        cataloguePolicy.check(user, 'publish_data', resource);
        if (distribution.kind !== 'file') throw new AppError('invalid_transition', '数据接口没有文件版本');
        return addVersion(tx, resource, distributionId, file, user, actor, distribution.format);
      });
    },

    async addLink(resourceId, input, user, actor) {
      const parsed = parseInput(formSchema(apiLinkForm), input);
      let url: URL | null = null;
      try {
        url = new URL(parsed.url);
      } catch {
        url = null;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
        throw new AppError('validation_failed', '接口地址应以 https:// 或 http:// 开头,且不含用户名和密码', { problems: [{ field: 'url', message: '接口地址应以 https:// 或 http:// 开头,且不含用户名和密码' }] });
      }
      return db.transaction(async (tx) => {
        const resource = await readable(tx, resourceId, user, true);
        cataloguePolicy.check(user, 'publish_data', resource);
        const id = await repository.insertDistribution(tx, { resourceId, kind: 'api', title: parsed.title, format: 'API', url: url.href, description: parsed.description, createdBy: user.id });
        await recordAudit(tx, actor, { action: 'catalogue.add_api_link', subjectType: 'catalogue_resource', subjectId: String(resourceId), after: { distributionId: id, title: parsed.title, url: url.href } });
        return { id };
      });
    },

    async staffFile(resourceId, distributionId, version, user) {
      await readable(db, resourceId, user);
      const distribution = await repository.readDistribution(db, distributionId);
      const found = distribution && distribution.resourceId === resourceId ? (await repository.readDistributionVersions(db, distributionId)).find((v) => v.version === version) : undefined;
      const file = distribution && found ? await served(distribution, found) : null;
      if (!file) throw new AppError('not_found', '没有这个版本的数据文件');
      return file;
    },

    async ofOpenResources(resources) {
      const open = resources.filter((resource) => resource.open !== 'closed').map((resource) => resource.id);
      const byResource = new Map<number, Distribution[]>(open.map((id) => [id, []]));
      for (const distribution of await repository.listDistributions(db, open)) byResource.get(distribution.resourceId)?.push(distribution);
      return byResource;
    },

    async openFile(resourceId, distributionId) {
      const resource = await readOpenResource(db, { id: resourceId });
      if (!resource || resource.open !== 'unconditional') return null;
      const distribution = await repository.readDistribution(db, distributionId);
      if (!distribution || distribution.resourceId !== resourceId) return null;
      return served(distribution, distribution.latest);
    },

    async linksFor(request, nowSeconds = nowInSeconds()) {
      if (request.state !== 'approved') return [];
      const resource = await readOpenResource(db, { id: request.resourceId });
      if (!resource || resource.open !== 'conditional') return [];
      const expires = downloadExpiry(nowSeconds);
      const files = (await repository.listDistributions(db, [resource.id])).filter((d) => d.kind === 'file' && d.latest);
      return files.map((distribution) => {
        const signature = signDownload(options.linkSecret, { requestId: request.id, distributionId: distribution.id, expires });
        return {
          title: distribution.title,
          format: distribution.format,
          size: distribution.latest!.size,
          href: `/catalogue/downloads/${request.id}/${distribution.id}?expires=${expires}&signature=${signature}`,
          expiresOn: new Date(expires * 1000).toISOString().slice(0, 10),
        };
      });
    },

    async signedFile(grant, signature, nowSeconds = nowInSeconds()) {
      const checked = checkDownload(options.linkSecret, grant, signature, nowSeconds);
      if (checked !== 'valid') return { refused: checked };
      const request = await readRequest(db, grant.requestId);
      const resource = request ? await readOpenResource(db, { id: request.resourceId }) : null;
      const distribution = resource ? await repository.readDistribution(db, grant.distributionId) : null;
      // Signed, but no longer to be served: the request withdrawn from approval, the resource made 非开放, the file gone.
      if (!request || request.state !== 'approved' || !resource || !distribution || distribution.resourceId !== resource.id) return { refused: 'not_found' };
      const file = await served(distribution, distribution.latest);
      return file ? { file } : { refused: 'not_found' };
    },
  };
}
