import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { todayInChina } from '../../src/core/calendar/index.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { checkDownload, downloadExpiry, guessColumnType, maxDistributionBytes, signDownload } from '../../src/modules/catalogue/catalogue.distributions.rules.ts';
import type { Distribution, DistributionVersion } from '../../src/modules/catalogue/catalogue.types.ts';
import { buildServer } from '../../src/server/server.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { addAgencies, addStaff, entry } from './catalogue.factories.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const secret = 'a catalogue link secret for the tests';

describe('distribution rules', () => {
  it('guesses a column type from its values: 整数, 小数, 日期, else 文本 (a code with a leading zero is text)', () => {
    assert.equal(guessColumnType(['1', '-20', '', '300']), 'integer');
    assert.equal(guessColumnType(['1', '2.5', '0.75']), 'decimal');
    assert.equal(guessColumnType(['2024-01-05', '2024/2/1', '2024年3月9日', '2024-01-05 08:30']), 'date');
    assert.equal(guessColumnType(['0203', '0204']), 'text');
    assert.equal(guessColumnType(['12', '十二']), 'text');
    assert.equal(guessColumnType(['', ' ']), 'text');
  });

  it('signs a download grant, and tells a tampered or expired link apart from a valid one', () => {
    const grant = { requestId: 7, distributionId: 3, expires: downloadExpiry(1_700_000_000) };
    const signature = signDownload(secret, grant);
    assert.equal(checkDownload(secret, grant, signature, 1_700_000_000), 'valid');
    assert.ok(grant.expires - 1_700_000_000 >= 7 * 86_400, 'valid for at least seven days');
    assert.equal(checkDownload(secret, grant, signature, grant.expires + 1), 'expired');
    assert.equal(checkDownload(secret, { ...grant, distributionId: 4 }, signature, 1_700_000_000), 'tampered');
    assert.equal(checkDownload(secret, { ...grant, expires: grant.expires + 86_400 }, signature, 1_700_000_000), 'tampered', 'the expiry is signed');
    assert.equal(checkDownload('another secret of sixteen chars', grant, signature, 1_700_000_000), 'tampered');
    assert.equal(checkDownload(secret, grant, 'not hex', 1_700_000_000), 'tampered');
  });

  it('refuses any grant but the signed one, and any signature but its own (property)', () => {
    const grant = fc.record({ requestId: fc.integer({ min: 1, max: 1e9 }), distributionId: fc.integer({ min: 1, max: 1e9 }), expires: fc.integer({ min: 1, max: 4e9 }) });
    fc.assert(
      fc.property(grant, grant, fc.integer({ min: 0, max: 63 }), (signed, asked, position) => {
        const signature = signDownload(secret, signed);
        const same = signed.requestId === asked.requestId && signed.distributionId === asked.distributionId && signed.expires === asked.expires;
        assert.equal(checkDownload(secret, asked, signature, 0), same ? 'valid' : 'tampered');
        const flipped = signature.slice(0, position) + (signature[position] === '0' ? '1' : '0') + signature.slice(position + 1);
        assert.equal(checkDownload(secret, signed, flipped, 0), 'tampered');
      }),
    );
  });
});

for (const engine of engines) {
  describe(`a resource's distributions (files and API links) and who may download them on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let app: ReturnType<typeof buildServer>;
    const ids: Record<string, number> = {};
    const staff: Record<string, StaffUser> = {};
    const sessions: Record<string, { cookie: string; csrf: string }> = {};

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({ CATALOGUE_LINK_SECRET: secret }), { db: database.db, migrate: false });
      app = buildServer(context);
      const [transport, civil, centre] = (await addAgencies(database.db, '上海市长宁区交通委员会', '上海市长宁区民政局', '上海市长宁区大数据中心')) as [number, number, number];
      staff.transport = await addStaff(context, 'clerk', { id: transport, name: '上海市长宁区交通委员会' });
      staff.civil = await addStaff(context, 'clerk', { id: civil, name: '上海市长宁区民政局' });
      staff.centre = await addStaff(context, 'clerk', { id: centre, name: '上海市长宁区大数据中心' });
      staff.supervisor = await addStaff(context, 'supervisor', null);
      for (const [who, user] of Object.entries(staff)) {
        const response = await app.inject({ method: 'POST', url: '/api/staff/sign-in', payload: { username: user.username, password: 'a long passphrase for the catalogue' } });
        assert.equal(response.statusCode, 200, response.body);
        sessions[who] = { cookie: String(response.headers['set-cookie']).split(';')[0]!, csrf: (response.json() as { csrfToken: string }).csrfToken };
      }
      const add = async (values: Record<string, string>) => {
        ids[values.name!] = (await context.catalogue.create(entry(values), staff.transport!, { id: `user:${staff.transport!.id}` })).id;
      };
      await add({ name: '公共停车场基本信息' });
      await add({ name: '停车场实时泊位', open: 'conditional', sharing: 'authorised', sharingReason: '涉及经营数据', sharingBasis: '《上海市公共数据开放暂行办法》' });
      await add({ name: '违法停车记录', sharing: 'none', sharingReason: '含个人信息', sharingBasis: '《个人信息保护法》', open: 'closed', openReason: '含个人信息', openBasis: '《个人信息保护法》' });
    });
    after(async () => {
      await app.close();
      await database.close();
    });

    const upload = (who: string, url: string, bytes: Uint8Array, name: string) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) },
        payload: Buffer.from(bytes),
      });
    const uploadNew = (who: string, resource: string, bytes: Uint8Array, name: string) => upload(who, `/api/staff/catalogue/${ids[resource]}/distributions`, bytes, name);
    const listOf = async (who: string, resource: string) => {
      const response = await app.inject({ url: `/api/staff/catalogue/${ids[resource]}/distributions`, headers: { cookie: sessions[who]!.cookie } });
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { items: (Distribution & { versions: DistributionVersion[] })[]; canPublish: boolean };
    };
    const errorOf = (response: { json(): unknown }) => (response.json() as { error: { code: string; message: string } }).error;
    const audited = async (action: string) => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action = ${action}`))[0]!.n;
    const versions = async () => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from catalogue_distribution_versions`))[0]!.n;

    it('keeps an uploaded CSV with its checksum, row count, column types and preview, and every later version beside it', async () => {
      const csv = Buffer.from(`\uFEFF停车场名称,泊位数,收费标准(元/小时),开放日期\n${Array.from({ length: 25 }, (_, i) => `停车场${i + 1},${100 + i},${(i % 3) + 0.5},2024-01-${String((i % 28) + 1).padStart(2, '0')}`).join('\n')}\n\n`);
      const addedBefore = await audited('catalogue.add_distribution');
      const created = await uploadNew('transport', '公共停车场基本信息', csv, '停车场名录.csv');
      assert.equal(created.statusCode, 201, created.body);
      const { id } = created.json() as { id: number; version: number };
      assert.deepEqual(created.json(), { id, version: 1 });
      assert.equal(await audited('catalogue.add_distribution'), addedBefore + 1);
      const refreshed = await context.catalogue.file(ids['公共停车场基本信息']!, staff.transport!);
      assert.equal(refreshed.resource.dataUpdatedOn, todayInChina(), 'new data counts as the data being updated (the update-frequency check)');
      const [file] = (await listOf('transport', '公共停车场基本信息')).items;
      assert.equal(file!.kind, 'file');
      assert.equal(file!.title, '停车场名录');
      assert.equal(file!.format, 'CSV');
      const latest = file!.latest!;
      assert.deepEqual([latest.version, latest.name, latest.size, latest.sha256, latest.rowCount, latest.conversion], [1, '停车场名录.csv', csv.length, sha256(csv), 25, null]);
      assert.equal(latest.uploadedBy, staff.transport!.displayName);
      assert.deepEqual(latest.columns, [
        { name: '停车场名称', type: 'text' },
        { name: '泊位数', type: 'integer' },
        { name: '收费标准(元/小时)', type: 'decimal' },
        { name: '开放日期', type: 'date' },
      ]);
      assert.equal(latest.preview.length, 20, 'the first 20 rows');
      assert.deepEqual(latest.preview[0], ['停车场1', '100', '0.5', '2024-01-01']);

      const second = Buffer.from('停车场名称,泊位数\n中山公园停车场,120\n');
      const next = await upload('centre', `/api/staff/catalogue/${ids['公共停车场基本信息']}/distributions/${id}/versions`, second, '停车场名录(2024年12月).csv');
      assert.equal(next.statusCode, 201, next.body);
      assert.deepEqual(next.json(), { id, version: 2 });
      const [again] = (await listOf('transport', '公共停车场基本信息')).items;
      assert.deepEqual(again!.versions.map((v) => [v.version, v.rowCount, v.sha256, v.uploadedBy]), [
        [2, 1, sha256(second), staff.centre!.displayName],
        [1, 25, sha256(csv), staff.transport!.displayName],
      ]);
      assert.equal(again!.latest!.version, 2);
      const old = await app.inject({ url: `/api/staff/catalogue/${ids['公共停车场基本信息']}/distributions/${id}/versions/1`, headers: { cookie: sessions.transport!.cookie } });
      assert.equal(old.statusCode, 200);
      assert.deepEqual(old.rawPayload, csv, 'the old version is kept byte for byte');
      const mismatched = await upload('transport', `/api/staff/catalogue/${ids['公共停车场基本信息']}/distributions/${id}/versions`, Buffer.from('[]'), '停车场名录.json');
      assert.equal(mismatched.statusCode, 400);
      assert.match(errorOf(mismatched).message, /新版本应与原文件格式相同\(CSV\)/);
      assert.equal(await audited('catalogue.upload_version'), 1);
    });

    it('converts a GB18030 CSV to UTF-8 and says so', async () => {
      const gb = iconv.encode('名称,地址\n中山公园停车场,长宁路780号\n', 'gb18030');
      const created = await uploadNew('transport', '停车场实时泊位', gb, '泊位.csv');
      assert.equal(created.statusCode, 201, created.body);
      const file = (await listOf('transport', '停车场实时泊位')).items.find((d) => d.title === '泊位')!;
      assert.equal(file.latest!.conversion, '上传的文件为 GB18030 编码,已转换为 UTF-8 保存');
      assert.deepEqual(file.latest!.preview, [['中山公园停车场', '长宁路780号']]);
      const stored = await app.inject({ url: `/api/staff/catalogue/${ids['停车场实时泊位']}/distributions/${file.id}/versions/1`, headers: { cookie: sessions.transport!.cookie } });
      assert.equal(stored.body.replace(/^\uFEFF/, ''), '名称,地址\n中山公园停车场,长宁路780号\n');
      assert.equal(file.latest!.sha256, sha256(stored.rawPayload), 'the checksum is of the bytes served');
    });

    it('reads an XLSX workbook without evaluating formulas, and a JSON array of objects as rows', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('泊位');
      sheet.addRow(['停车场', '泊位数', '合计']);
      sheet.addRow(['中山公园', 120, { formula: 'B2*2', result: 999 }]);
      sheet.addRow(['天山', 80, 160]);
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
      const created = await uploadNew('transport', '停车场实时泊位', xlsx, '泊位统计.xlsx');
      assert.equal(created.statusCode, 201, created.body);
      const json = Buffer.from(JSON.stringify([{ 停车场: '中山公园', 泊位数: 120, 收费: 10.5 }, { 停车场: '天山', 泊位数: 80, 备注: null }]));
      assert.equal((await uploadNew('transport', '停车场实时泊位', json, '泊位.json')).statusCode, 201);
      assert.equal((await uploadNew('transport', '停车场实时泊位', Buffer.from('{"总数": 2}'), '汇总.json')).statusCode, 201);
      const items = (await listOf('transport', '停车场实时泊位')).items;
      const book = items.find((d) => d.title === '泊位统计')!.latest!;
      assert.deepEqual(book.preview, [['中山公园', '120', '=B2*2'], ['天山', '80', '160']], 'a formula is shown as written, its cached result not trusted');
      assert.deepEqual([book.rowCount, book.mediaType], [2, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
      const rows = items.find((d) => d.format === 'JSON' && d.title === '泊位')!.latest!;
      assert.deepEqual(rows.columns, [{ name: '停车场', type: 'text' }, { name: '泊位数', type: 'integer' }, { name: '收费', type: 'decimal' }, { name: '备注', type: 'text' }]);
      assert.deepEqual([rows.rowCount, rows.preview[1]], [2, ['天山', '80', '', '']]);
      const wide = Buffer.from(`${Array.from({ length: 300 }, (_, i) => `列${i + 1}`).join(',')}\n${Array.from({ length: 300 }, (_, i) => i).join(',')}\n`);
      assert.equal((await uploadNew('transport', '停车场实时泊位', wide, '宽表.csv')).statusCode, 201);
      const widePreview = (await listOf('transport', '停车场实时泊位')).items.find((d) => d.title === '宽表')!.latest!;
      assert.deepEqual([widePreview.columns.length, widePreview.preview[0]!.length, widePreview.columns[199]!.name], [200, 200, '列200'], 'a wide file is kept whole, its first 200 columns described');
      const summary = items.find((d) => d.title === '汇总')!.latest!;
      assert.deepEqual([summary.rowCount, summary.columns, summary.preview], [null, [], []], 'a JSON object is kept, without rows');
    });

    it('refuses files by content and size with a Chinese message, storing nothing', async () => {
      const count = await versions();
      const cases: [Uint8Array, string, number, RegExp][] = [
        [Buffer.from('<html><script>alert(1)</script></html>'), '数据.xlsx', 415, /不是 XLSX 文件/],
        [Buffer.from('PK\x03\x04 not really a zip'), '数据.xlsx', 400, /压缩包已损坏/],
        [Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), '数据.csv', 415, /不是 CSV 文本文件/],
        [Buffer.from([0xff, 0xfe, 0xfd, 0x81, 0x30]), '数据.csv', 415, /UTF-8/],
        [Buffer.from('{"a": '), '数据.json', 400, /不是有效的 JSON 文件/],
        [Buffer.from('a,b\n1,2\n'), '数据.html', 415, /数据文件只能是 CSV、XLSX、JSON/],
        [Buffer.alloc(0), '数据.csv', 400, /文件是空的/],
      ];
      for (const [bytes, name, status, message] of cases) {
        const response = await uploadNew('transport', '公共停车场基本信息', bytes, name);
        assert.equal(response.statusCode, status, `${name}: ${response.body}`);
        assert.match(errorOf(response).message, message, name);
      }
      const big = Buffer.concat([Buffer.from('名称,值\n'), Buffer.alloc(maxDistributionBytes, 0x41)]);
      const tooLarge = await uploadNew('transport', '公共停车场基本信息', big, '大文件.csv');
      assert.equal(tooLarge.statusCode, 413);
      assert.match(errorOf(tooLarge).message, /超过数据文件的上限 20\.0 MB/);
      assert.equal(await versions(), count);
    });

    it('lets only the providing agency\'s staff and the big-data centre add data; others are refused on the server', async () => {
      const csv = Buffer.from('a,b\n1,2\n');
      assert.equal((await uploadNew('civil', '公共停车场基本信息', csv, 'x.csv')).statusCode, 404, 'another agency does not learn the resource exists');
      const supervised = await uploadNew('supervisor', '公共停车场基本信息', csv, 'x.csv');
      assert.equal(supervised.statusCode, 403, 'a supervisor reads but does not publish');
      assert.equal((await listOf('supervisor', '公共停车场基本信息')).canPublish, false);
      assert.equal((await listOf('centre', '公共停车场基本信息')).canPublish, true);
      const link = (who: string, payload: Record<string, string>) =>
        app.inject({ method: 'POST', url: `/api/staff/catalogue/${ids['停车场实时泊位']}/distributions/links`, headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf }, payload });
      const api = { title: '实时泊位接口', url: 'https://api.example.org/parking', description: '按停车场编号查询剩余泊位' };
      assert.equal((await link('civil', api)).statusCode, 404);
      assert.equal((await link('transport', { ...api, url: 'javascript:alert(1)' })).statusCode, 400);
      const created = await link('transport', api);
      assert.equal(created.statusCode, 201, created.body);
      const added = (await listOf('transport', '停车场实时泊位')).items.find((d) => d.kind === 'api')!;
      assert.deepEqual([added.format, added.url, added.description, added.latest], ['API', 'https://api.example.org/parking', '按停车场编号查询剩余泊位', null]);
      assert.equal(await audited('catalogue.add_api_link'), 1);
    });

    it('serves unconditionally open files to anyone as attachments; conditional ones are noted 申请后下载; 非开放 never', async () => {
      const closedCsv = Buffer.from('车牌,地点\n沪A00000,天山路\n');
      assert.equal((await uploadNew('transport', '违法停车记录', closedCsv, '违法停车.csv')).statusCode, 201);
      const parking = (await listOf('transport', '公共停车场基本信息')).items[0]!;
      const page = await app.inject({ url: `/catalogue/${ids['公共停车场基本信息']}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`href="/catalogue/${ids['公共停车场基本信息']}/distributions/${parking.id}/download"`));
      assert.match(page.body, /<caption>数据预览:前 1 行\(共 1 行\),列名下为推测的类型<\/caption>/);
      assert.match(page.body, /<th scope="col">泊位数<br><span class="muted">整数<\/span><\/th>/);
      assert.ok(page.body.includes(parking.latest!.sha256));
      const download = await app.inject({ url: `/catalogue/${ids['公共停车场基本信息']}/distributions/${parking.id}/download` });
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'text/csv; charset=utf-8');
      assert.match(String(download.headers['content-disposition']), /^attachment; filename=".*\.csv"; filename\*=UTF-8''/);
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.equal(download.body, '停车场名称,泊位数\n中山公园停车场,120\n');
      assert.equal(download.headers['cache-control'], 'no-cache', 'revalidated, so that a resource made 非开放 stops being served at once');

      const conditional = (await listOf('transport', '停车场实时泊位')).items.find((d) => d.kind === 'file')!;
      const conditionalPage = await app.inject({ url: `/catalogue/${ids['停车场实时泊位']}` });
      assert.match(conditionalPage.body, /申请后下载/);
      assert.ok(!conditionalPage.body.includes('/download"'), 'no download link on a conditional resource');
      assert.ok(!conditionalPage.body.includes('api.example.org'), 'nor its API address');
      const refused = await app.inject({ url: `/catalogue/${ids['停车场实时泊位']}/distributions/${conditional.id}/download` });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /须提交申请、经审核同意后/);

      const closed = (await listOf('transport', '违法停车记录')).items[0]!;
      assert.equal((await app.inject({ url: `/catalogue/${ids['违法停车记录']}/distributions/${closed.id}/download` })).statusCode, 404);
      assert.equal((await app.inject({ url: `/catalogue/${ids['公共停车场基本信息']}/distributions/${closed.id}/download` })).statusCode, 404, 'a distribution only under its own resource');
      const catalog = await app.inject({ url: '/catalog.jsonld' });
      assert.ok(!catalog.body.includes(closed.latest!.sha256) && !catalog.body.includes('违法停车'));
      const search = await app.inject({ url: '/api/3/action/package_search?rows=100' });
      assert.ok(!search.body.includes(closed.latest!.sha256));
    });

    it('gives an approved requester of conditional data signed links that expire, and refuses a tampered or expired one with a 403 page', async () => {
      const requester = { requesterKind: 'company', name: '某导航科技有限公司', contact: 'data@example.com', purpose: '导航应用显示剩余泊位', scenario: '手机导航' };
      const receipt = await context.catalogue.requests.submitPublic(ids['停车场实时泊位']!, requester, { id: 'public' });
      const trackingPage = async () => (await app.inject({ url: `/catalogue/requests/track/${receipt.trackingCode}` })).body;
      assert.ok(!(await trackingPage()).includes('/catalogue/downloads/'), 'no link before approval');
      const today = todayInChina();
      const requestId = (await database.db.query<{ id: number }>(sql`select id::int as id from catalogue_requests where tracking_code = ${receipt.trackingCode}`))[0]!.id;
      await context.catalogue.requests.act(requestId, 'centre_approve', { on: today }, staff.centre!, { id: `user:${staff.centre!.id}` });
      assert.equal(await context.catalogue.requests.act(requestId, 'agency_approve', { on: today }, staff.transport!, { id: `user:${staff.transport!.id}` }), 'approved');

      const body = await trackingPage();
      assert.match(body, /<h2>下载数据<\/h2>/);
      const links = [...body.matchAll(/href="(\/catalogue\/downloads\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;|&#38;/g, '&'));
      assert.equal(links.length, 5, 'one link per file of the resource (two CSV, XLSX, two JSON), none for the API');
      const tracked = (await app.inject({ url: `/api/catalogue/requests/${receipt.trackingCode}` })).json() as { downloads: { href: string; expiresOn: string }[] };
      assert.equal(tracked.downloads.length, 5);
      const xlsxId = (await listOf('transport', '停车场实时泊位')).items.find((d) => d.format === 'XLSX')!.id;
      const xlsxLink = links.find((link) => link.includes(`/${xlsxId}?`))!;
      const served = await app.inject({ url: xlsxLink });
      assert.equal(served.statusCode, 200, served.body);
      assert.equal(served.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(String(served.headers['content-disposition']), /^attachment;/);
      assert.equal(served.headers['x-content-type-options'], 'nosniff');

      const tampered = await app.inject({ url: xlsxLink.replace(/expires=(\d+)/, (_, e: string) => `expires=${Number(e) + 86_400}`) });
      assert.equal(tampered.statusCode, 403);
      assert.match(tampered.body, /这个下载链接无效,可能被改动过或不完整/);
      const otherFile = await app.inject({ url: xlsxLink.replace(/\/(\d+)\?/, (_, d: string) => `/${Number(d) + 1}?`) });
      assert.equal(otherFile.statusCode, 403, 'a link names one file');
      // A link made eight days ago has expired.
      const [old] = await context.catalogue.distributions.linksFor(
        (await context.catalogue.requests.file(requestId, staff.centre!)).request,
        Math.floor(Date.now() / 1000) - 9 * 86_400,
      );
      const expired = await app.inject({ url: old!.href });
      assert.equal(expired.statusCode, 403);
      assert.match(expired.body, /这个下载链接已过期/);
      // A valid signature no longer serves once the resource is made 非开放.
      await database.db.query(sql`update catalogue_resources set open_attribute = 'closed', open_reason = '调整', open_basis = '依据' where id = ${ids['停车场实时泊位']}`);
      try {
        const withdrawn = await app.inject({ url: xlsxLink });
        assert.equal(withdrawn.statusCode, 403);
        assert.match(withdrawn.body, /数据已不再开放/);
      } finally {
        await database.db.query(sql`update catalogue_resources set open_attribute = 'conditional', open_reason = null, open_basis = null where id = ${ids['停车场实时泊位']}`);
      }
    });
  });
}
