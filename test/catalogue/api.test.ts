import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createContext, type AppContext } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addAgencies, addStaff, entry } from './catalogue.factories.ts';

type Ckan<T> = { help: string; success: boolean; result: T; error?: { __type: string; message: string } };
interface Package {
  id: string;
  name: string;
  title: string;
  notes: string;
  owner_org: string;
  organization: { name: string; title: string };
  tags: { name: string }[];
  resources: { id: string; format: string; url: string; package_id: string }[];
  extras: { key: string; value: string }[];
  metadata_modified: string;
}

for (const engine of engines) {
  describe(`the catalogue's open APIs (CKAN, DCAT) and public pages on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    let transport: number;
    let civil: number;
    const ids: Record<string, number> = {};
    const ckan = async <T>(path: string) => {
      const response = await app.inject({ url: `/api/3/action/${path}` });
      return { status: response.statusCode, body: response.json() as Ckan<T> };
    };

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      app = buildServer(context);
      [transport, civil] = (await addAgencies(database.db, '上海市长宁区交通委员会', '上海市长宁区民政局')) as [number, number];
      const transportClerk = await addStaff(context, 'clerk', { id: transport, name: '上海市长宁区交通委员会' });
      const civilClerk = await addStaff(context, 'clerk', { id: civil, name: '上海市长宁区民政局' });
      const add = async (user: typeof transportClerk, values: Record<string, string>) => {
        const saved = await context.catalogue.create(entry({ description: `${values.name}。`, fields: "", ...values }), user, { id: `user:${user.id}` });
        ids[values.name!] = saved.id;
      };
      await add(transportClerk, { name: '公共停车场基本信息' });
      await add(transportClerk, { name: '公交客流统计', open: 'conditional', openReason: '涉及运营数据', keywords: '公交、客流', formats: 'JSON、API', updateFrequency: 'daily' });
      await add(transportClerk, { name: '机动车违法停车记录', sharing: 'authorised', sharingReason: '含个人信息', sharingBasis: '《个人信息保护法》', open: 'closed', openReason: '含车牌号码等个人信息', openBasis: '《个人信息保护法》第二十八条', keywords: '停车、执法' });
      await add(civilClerk, { name: '养老服务机构名录', domain: '社会救助', keywords: '养老', formats: 'XLSX', fields: '机构名称|字符串|全称\n床位数|整数|核定床位' });
      // Real distributions: CKAN's resources and DCAT's distributions come from them, not from the declared formats.
      const actor = { id: `user:${transportClerk.id}` };
      await context.catalogue.distributions.upload(ids['公交客流统计']!, { bytes: Buffer.from(JSON.stringify([{ 线路: '71路', 客流: 1200 }])), name: '公交客流.json' }, transportClerk, actor);
      await context.catalogue.distributions.addLink(ids['公交客流统计']!, { title: '公交客流接口', url: 'https://api.example.org/bus', description: '按线路查询日客流' }, transportClerk, actor);
      await context.catalogue.distributions.upload(ids['公共停车场基本信息']!, { bytes: Buffer.from('名称,泊位数\n中山公园停车场,120\n'), name: '停车场.csv' }, transportClerk, actor);
      await context.catalogue.distributions.upload(ids['机动车违法停车记录']!, { bytes: Buffer.from('车牌,地点\n沪A00000,天山路\n'), name: '违法停车.csv' }, transportClerk, actor);
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    it('package_list and package_show answer as CKAN does, without the 非开放 resource', async () => {
      const list = await ckan<string[]>('package_list');
      assert.equal(list.status, 200);
      assert.equal(list.body.success, true);
      assert.deepEqual(list.body.result.sort(), [ids['公共停车场基本信息'], ids['公交客流统计'], ids['养老服务机构名录']].map((id) => `catalogue-${id}`).sort());
      const shown = await ckan<Package>(`package_show?id=catalogue-${ids['公交客流统计']}`);
      assert.equal(shown.status, 200);
      const pkg = shown.body.result;
      assert.equal(pkg.title, '公交客流统计');
      assert.match(pkg.id, /^[0-9a-f-]{36}$/);
      assert.equal(pkg.organization.title, '上海市长宁区交通委员会');
      assert.equal(pkg.owner_org, `agency-${transport}`);
      assert.deepEqual(pkg.tags.map((t) => t.name), ['公交', '客流']);
      assert.deepEqual(pkg.resources.map((r) => r.format), ['JSON', 'API']);
      assert.ok(pkg.resources.every((r) => r.package_id === pkg.id && r.url.endsWith(`/catalogue/${ids['公交客流统计']}`)));
      assert.deepEqual(pkg.extras.find((e) => e.key === 'open_attribute'), { key: 'open_attribute', value: '有条件开放' });
      assert.match(pkg.metadata_modified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/, 'CKAN dates carry no zone');
      const byUuid = await ckan<Package>(`package_show?id=${pkg.id}`);
      assert.equal(byUuid.body.result.name, pkg.name);
      const closed = await ckan<Package>(`package_show?id=catalogue-${ids['机动车违法停车记录']}`);
      assert.equal(closed.status, 404);
      assert.deepEqual([closed.body.success, closed.body.error?.__type], [false, 'Not Found Error']);
      const resource = await ckan<{ id: string; format: string }>(`resource_show?id=${pkg.resources[0]!.id}`);
      assert.equal(resource.body.result.format, 'JSON');
      const unknown = await ckan<unknown>('package_create');
      assert.deepEqual([unknown.status, unknown.body.success], [400, false]);
    });

    it('package_search takes q, fq (organization, tags, res_format), rows, start, sort and facet.field; 非开放 never matches', async () => {
      const all = await ckan<{ count: number; results: Package[] }>('package_search');
      assert.equal(all.body.result.count, 3);
      const parking = await ckan<{ count: number; results: Package[] }>(`package_search?q=${encodeURIComponent('停车')}`);
      assert.deepEqual(parking.body.result.results.map((p) => p.title), ['公共停车场基本信息'], 'the closed 违法停车 record does not match');
      const byOrg = await ckan<{ count: number }>(`package_search?fq=${encodeURIComponent(`organization:agency-${civil}`)}`);
      assert.equal(byOrg.body.result.count, 1);
      const byTagAndFormat = await ckan<{ count: number; results: Package[] }>(`package_search?fq=${encodeURIComponent('tags:公交 res_format:"JSON"')}`);
      assert.deepEqual(byTagAndFormat.body.result.results.map((p) => p.title), ['公交客流统计']);
      const paged = await ckan<{ count: number; results: Package[]; sort: string }>('package_search?rows=1&start=1&sort=name%20asc');
      assert.equal(paged.body.result.count, 3);
      assert.equal(paged.body.result.results.length, 1);
      assert.equal(paged.body.result.sort, 'name asc');
      const faceted = await ckan<{ search_facets: Record<string, { items: { name: string; display_name: string; count: number }[] }>; facets: Record<string, Record<string, number>> }>(
        `package_search?facet.field=${encodeURIComponent('["organization","res_format"]')}`,
      );
      const orgs = faceted.body.result.search_facets.organization!.items;
      assert.deepEqual(orgs.find((o) => o.name === `agency-${transport}`), { name: `agency-${transport}`, display_name: '上海市长宁区交通委员会', count: 2 });
      assert.equal(faceted.body.result.facets.res_format!.XLSX, 2);
      const badFacet = await ckan<unknown>('package_search?facet.field=organization');
      assert.equal(badFacet.body.success, false);
      const orgList = await ckan<string[]>('organization_list');
      assert.deepEqual(orgList.body.result.sort(), [`agency-${transport}`, `agency-${civil}`].sort());
      const tags = await ckan<string[]>('tag_list');
      assert.ok(!tags.body.result.includes('执法'), 'a closed resource lends no tags');
      assert.equal((await ckan<{ ckan_version: string }>('status_show')).body.success, true);
      // Words are found in the providing agency's name, its present one after a rename.
      const byAgency = async (words: string) => (await ckan<{ count: number }>(`package_search?q=${encodeURIComponent(words)}`)).body.result.count;
      assert.equal(await byAgency('交通委员会'), 2);
      // Through the character-pair index: one character, quote marks and backslashes as plain text, two words;
      // a word whose pairs all occur in one resource but not together is not found.
      assert.deepEqual([await byAgency('床'), await byAgency("客流'"), await byAgency('\\'), await byAgency('公交 客流')], [1, 0, 0, 1]);
      assert.equal(await byAgency('公交通'), 0, '公交 (its name) and 交通 (its agency) occur in 公交客流统计, 公交通 does not');
      await database.db.query(sql`update agencies set name = '上海市长宁区交通运输委员会' where id = ${transport}`);
      try {
        assert.deepEqual([await byAgency('交通运输委员会'), await byAgency('区交通委员会')], [2, 0]);
      } finally {
        await database.db.query(sql`update agencies set name = '上海市长宁区交通委员会' where id = ${transport}`);
      }
    });

    it('publishes DCAT-AP in JSON-LD with the open attribute as dct:accessRights, and nothing 非开放', async () => {
      const response = await app.inject({ url: '/catalog.jsonld' });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^application\/ld\+json/);
      assert.ok(!response.body.includes('违法停车'));
      const catalog = response.json() as { '@context': Record<string, string>; '@type': string; 'dcat:dataset': Record<string, any>[] };
      assert.equal(catalog['@type'], 'dcat:Catalog');
      assert.equal(catalog['@context'].dcat, 'http://www.w3.org/ns/dcat#');
      assert.equal(catalog['dcat:dataset'].length, 3);
      const byTitle = Object.fromEntries(catalog['dcat:dataset'].map((d) => [d['dct:title']['@value'], d]));
      const bus = byTitle['公交客流统计']!;
      assert.equal(bus['@type'], 'dcat:Dataset');
      assert.equal(bus['dct:accessRights']['@id'], 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED');
      assert.equal(bus['gk:openAttribute']['@value'], '有条件开放');
      assert.equal(bus['dct:accrualPeriodicity']['@id'], 'http://publications.europa.eu/resource/authority/frequency/DAILY');
      assert.equal(byTitle['公共停车场基本信息']['dct:accessRights']['@id'], 'http://publications.europa.eu/resource/authority/access-right/PUBLIC');
      // DCAT-AP mandatory properties: a dataset has a title and a description; a distribution an access URL.
      for (const dataset of catalog['dcat:dataset']) {
        assert.ok(dataset['dct:description']['@value']);
        for (const distribution of dataset['dcat:distribution']) assert.ok(distribution['dcat:accessURL']['@id'].startsWith('http'));
      }
      // Distributions are the uploaded files and API links: a download URL only where anyone may download.
      const parkingFile = byTitle['公共停车场基本信息']['dcat:distribution'][0];
      assert.match(parkingFile['dcat:downloadURL']['@id'], new RegExp(`/catalogue/${ids['公共停车场基本信息']}/distributions/\\d+/download$`));
      assert.deepEqual(parkingFile['dcat:byteSize'], { '@value': String(Buffer.byteLength('名称,泊位数\n中山公园停车场,120\n')), '@type': 'xsd:nonNegativeInteger' });
      assert.match(parkingFile['spdx:checksum']['spdx:checksumValue']['@value'], /^[0-9a-f]{64}$/);
      assert.deepEqual(bus['dcat:distribution'].map((d: any) => d['dct:title']['@value']), ['公交客流', '公交客流接口']);
      assert.ok(bus['dcat:distribution'].every((d: any) => !d['dcat:downloadURL'] && d['dcat:accessURL']['@id'].endsWith(`/catalogue/${ids['公交客流统计']}`)), 'conditional data: no download URL, no API address');
      assert.deepEqual(byTitle['养老服务机构名录']['dcat:distribution'], []);
    });

    it('publishes the same catalogue as Turtle', async () => {
      const response = await app.inject({ url: '/catalog.ttl' });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/turtle/);
      assert.match(response.body, /^@prefix dcat: <http:\/\/www\.w3\.org\/ns\/dcat#> \.$/m);
      assert.equal([...response.body.matchAll(/^  a dcat:Dataset ;$/gm)].length, 3);
      assert.match(response.body, /dct:accessRights <http:\/\/publications\.europa\.eu\/resource\/authority\/access-right\/RESTRICTED>/);
      assert.match(response.body, /dct:title "公交客流统计"@zh ;/);
      assert.ok(!response.body.includes('违法停车'));
      // Every statement block ends with a full stop.
      for (const block of response.body.split('\n\n').slice(1)) assert.match(block.trim(), / \.$/);
    });

    it('serves the public catalogue with facets and search, a resource page with its dictionary, and no page for a 非开放 resource', async () => {
      const list = await app.inject({ url: '/catalogue' });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /共 3 项数据资源/);
      assert.match(list.body, /社会救助<\/a> <span class="muted">\(1\)/);
      assert.ok(!list.body.includes('违法停车'));
      const filtered = await app.inject({ url: `/catalogue?agency=${civil}` });
      assert.match(filtered.body, /共 1 项数据资源/);
      const searched = await app.inject({ url: `/catalogue?q=${encodeURIComponent('床位')}` });
      assert.match(searched.body, /养老服务机构名录/, 'the dictionary is searched too');
      const page = await app.inject({ url: `/catalogue/${ids['养老服务机构名录']}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<td>床位数<\/td><td>整数<\/td><td>核定床位<\/td>/);
      assert.equal((await app.inject({ url: `/catalogue/${ids['机动车违法停车记录']}` })).statusCode, 404);
      assert.equal((await app.inject({ url: `/catalogue/${ids['机动车违法停车记录']}/request` })).statusCode, 404);
    });
  });
}
