import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { createContext, type AppContext } from '../../src/app.ts';
import type { StaffUser } from '../../src/core/auth/auth.types.ts';
import { loadConfig } from '../../src/core/config.ts';
import { sql } from '../../src/core/db/sql.ts';
import { templateColumns } from '../../src/modules/catalogue/catalogue.template.ts';
import { runCli } from '../support/cli.ts';
import { engines, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { tempDir } from '../support/files.ts';
import { addAgencies, addStaff, entry } from './catalogue.factories.ts';

const agencyName = '上海市长宁区交通委员会';
const headers = templateColumns.map((column) => column.header);

/** A template row from labelled values (the sheet writes choices as their Chinese labels). */
function row(values: Record<string, string>): string[] {
  return headers.map((header) => values[header] ?? '');
}
const parking = {
  数据资源名称: '公共停车场基本信息',
  数据资源摘要: '全区公共停车场的名称、地址、泊位数。',
  提供单位: agencyName,
  所属领域: '交通出行',
  共享属性: '无条件共享',
  开放属性: '无条件开放',
  更新频率: '每月',
  数据格式: 'CSV、XLSX',
  关键字: '停车、交通',
  数据项: '停车场名称|字符串|全称\n泊位数|整数|小型车泊位',
};
const violations = {
  数据资源名称: '机动车违法记录',
  数据资源摘要: '机动车交通违法记录。',
  提供单位: agencyName,
  所属领域: '交通出行',
  共享属性: '授权共享',
  不予共享理由: '含个人信息',
  不予共享依据: '《中华人民共和国个人信息保护法》',
  开放属性: '非开放',
  不予开放理由: '含个人信息',
  不予开放依据: '《中华人民共和国个人信息保护法》',
  更新频率: '每日',
  数据格式: 'API',
};

async function xlsx(rows: (string | ExcelJS.CellValue)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('目录');
  for (const cells of rows) sheet.addRow(cells);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const csv = (rows: string[][]) => Buffer.from(rows.map((cells) => cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')).join('\r\n'), 'utf8');

for (const engine of engines) {
  describe(`the catalogue template (XLSX/CSV) on ${engine}`, () => {
    let database: TestDatabase;
    let context: AppContext;
    let agencyId: number;
    let clerk: StaffUser;
    const actor = { id: 'cli:test' };
    const count = async () => (await database.db.query<{ n: number }>(sql`select count(*)::int as n from catalogue_resources`))[0]!.n;

    before(async () => {
      database = await openTestDatabase(engine);
      context = await createContext(loadConfig({}), { db: database.db, migrate: false });
      [agencyId] = (await addAgencies(database.db, agencyName, '上海市长宁区民政局')) as [number];
      clerk = await addStaff(context, 'clerk', { id: agencyId, name: agencyName });
    });
    after(async () => {
      await database.close();
    });

    it('reports every problem with its row and column, and stores nothing when any row is wrong', async () => {
      const bad = await xlsx([
        headers,
        row(parking),
        row({ ...violations, 不予开放理由: '', 不予开放依据: '' }),
        row({ ...parking, 数据资源名称: '', 共享属性: '随便共享', 更新频率: '每月' }),
        row({ ...parking, 提供单位: '上海市长宁区民政局' }),
        row({ ...parking, 数据资源名称: '公交站点', 数据资源摘要: { formula: 'A2&"x"' } as unknown as string }),
      ]);
      await assert.rejects(context.catalogue.importSheet(bad, agencyId, clerk, actor), (error: { code: string; message: string; details: { problems: { row: number; column: string; header: string }[] } }) => {
        assert.equal(error.code, 'validation_failed');
        const at = error.details.problems.map((p) => `${p.row}${p.column}${p.header}`);
        const col = (header: string) => String.fromCharCode(65 + headers.indexOf(header));
        for (const expected of [
          `3${col('不予开放理由')}不予开放理由`,
          `3${col('不予开放依据')}不予开放依据`,
          `4${col('数据资源名称')}数据资源名称`,
          `4${col('共享属性')}共享属性`,
          `5${col('提供单位')}提供单位`,
          `5${col('数据资源名称')}数据资源名称`,
          `6${col('数据资源摘要')}数据资源摘要`,
        ]) assert.ok(at.includes(expected), `${expected} in ${at.join(' ')}`);
        assert.match(error.message, /第 3 行 [A-Z] 列\(不予开放理由\):开放属性为“非开放”的,应当说明不予开放理由/);
        assert.match(error.message, /第 6 行 B 列\(数据资源摘要\):单元格含公式/);
        return true;
      });
      assert.equal(await count(), 0);
    });

    it('imports a good XLSX; re-importing changes only what changed; a stricter attribute cannot come in by import', async () => {
      const summary = await context.catalogue.importSheet(await xlsx([headers, row(parking), row(violations)]), agencyId, clerk, actor);
      assert.deepEqual(summary, { agencyName, rows: 2, created: 2, updated: 0, unchanged: 0 });
      const again = await context.catalogue.importSheet(await xlsx([headers, row({ ...parking, 数据资源摘要: '改过的摘要' }), row(violations)]), agencyId, clerk, actor);
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 1, 1]);
      const resources = await context.catalogue.list(clerk);
      const parkingRow = resources.find((r) => r.name === parking.数据资源名称)!;
      assert.deepEqual([parkingRow.version, parkingRow.description, parkingRow.sharing, parkingRow.fields.length], [2, '改过的摘要', 'unconditional', 2]);
      await assert.rejects(
        context.catalogue.importSheet(await xlsx([headers, row({ ...parking, 开放属性: '有条件开放' })]), agencyId, clerk, actor),
        (error: { message: string }) => /开放属性:无条件开放 → 有条件开放 为调整为更严格的属性/.test(error.message),
      );
      const audit = (await database.db.query<{ n: number }>(sql`select count(*)::int as n from audit_events where action in ('catalogue.create', 'catalogue.update', 'catalogue.import')`))[0]!.n;
      assert.equal(audit, 2 + 1 + 1 + 1);
    });

    it('reads CSV in UTF-8 (with BOM) or GB18030, and refuses a file that is neither text nor XLSX', async () => {
      const text = csv([headers, row({ ...parking, 数据资源名称: '出租车服务点', 数据资源摘要: '含逗号,和"引号"的摘要' })]);
      const summary = await context.catalogue.importSheet(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]), agencyId, clerk, actor);
      assert.equal(summary.created, 1);
      // Excel in Chinese saves CSV in GB18030.
      const gb = iconv.encode(csv([headers, row({ ...parking, 数据资源名称: '共享单车停放点' })]).toString('utf8'), 'gb18030');
      assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gb), 'the file is not UTF-8');
      assert.equal((await context.catalogue.importSheet(gb, agencyId, clerk, actor)).created, 1);
      assert.ok((await context.catalogue.list(clerk)).some((r) => r.name === '共享单车停放点'));
      await assert.rejects(context.catalogue.importSheet(new Uint8Array([0, 1, 2, 3]), agencyId, clerk, actor), { code: 'file_binary' });
      await assert.rejects(context.catalogue.importSheet(csv([['名称', '摘要'], ['a', 'b']]), agencyId, clerk, actor), (error: { message: string }) => /不是模板中的列“名称”/.test(error.message) && /缺少必填列“数据资源名称”/.test(error.message));
      const stored = (await context.catalogue.list(clerk)).find((r) => r.name === '出租车服务点')!;
      assert.equal(stored.description, '含逗号,和"引号"的摘要');
    });

    it('exports the template that imports back unchanged, with formula-like cells neutralised in CSV', async () => {
      await context.catalogue.create(entry({ name: '=HYPERLINK("http://evil")', description: '+摘要', formats: 'CSV' }), clerk, { id: `user:${clerk.id}` });
      const exported = await context.catalogue.exportSheet(agencyId, 'csv', clerk);
      const text = exported.toString('utf8');
      assert.ok(text.startsWith('\uFEFF数据资源名称,数据资源摘要,提供单位,'));
      assert.match(text, /'=HYPERLINK/);
      assert.match(text, /,'\+摘要,/);
      const back = await context.catalogue.importSheet(exported, agencyId, clerk, actor);
      assert.equal(back.created + back.updated, 0, 'an export re-imports as unchanged');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await context.catalogue.exportSheet(agencyId, 'xlsx', clerk)) as never);
      const sheet = workbook.worksheets[0]!;
      assert.deepEqual((sheet.getRow(1).values as string[]).slice(1), headers);
      assert.equal(workbook.worksheets[1]!.name, '填写说明');
      const xlsxBack = await context.catalogue.importSheet(await context.catalogue.exportSheet(agencyId, 'xlsx', clerk), agencyId, clerk, actor);
      assert.equal(xlsxBack.created + xlsxBack.updated, 0);
    });
  });

  describe(`gongkai catalogue import on ${engine}`, () => {
    it('exits 0 with a summary, or 1 with every problem by row and column and nothing stored', async () => {
      const dir = tempDir();
      const database = await openTestDatabase(engine, engine === 'pglite' ? { dataDir: join(dir.path, 'data') } : {});
      await addAgencies(database.db, agencyName);
      if (engine === 'pglite') await database.db.close();
      try {
        const bad = dir.write('bad.csv', csv([headers, row(parking), row({ ...violations, 不予共享理由: '' })]));
        const refused = runCli(['catalogue', 'import', bad, '--agency', agencyName], database.env);
        assert.equal(refused.status, 1, refused.stderr);
        assert.match(refused.stderr, /第 3 行 [A-Z] 列\(不予共享理由\):共享属性为“授权共享”的,应当说明不予共享理由/);
        const good = dir.write('good.xlsx', await xlsx([headers, row(parking), row(violations)]));
        const done = runCli(['catalogue', 'import', good, '--agency', agencyName], database.env);
        assert.equal(done.status, 0, done.stderr);
        assert.match(done.stdout, /共 2 行,新增 2 项/);
        const unknown = runCli(['catalogue', 'import', good, '--agency', '不存在的局'], database.env);
        assert.notEqual(unknown.status, 0);
        const out = join(dir.path, 'out.csv');
        assert.equal(runCli(['catalogue', 'export', out, '--agency', agencyName], database.env).status, 0);
      } finally {
        if (engine === 'postgres') await database.close();
        dir.remove();
      }
    });
  });
}
