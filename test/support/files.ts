import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temporary directory that removes itself; files are written by name. */
export function tempDir(): { path: string; write(name: string, content: string | Uint8Array): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** A complete official document that 003 extends (沪府办发〔2012〕20号), to test late resolution. */
export const extendedPolicy = `上海市人民政府办公厅关于转发市农委制订的《上海市农村社区经济合作社证明书管理办法》的通知
(2012年4月20日)
沪府办发〔2012〕20号
各区县人民政府,市政府各委、办、局:
市农委制订的《上海市农村社区经济合作社证明书管理办法》已经市政府同意,现转发给你们,请认真按照执行。
上海市农村社区经济合作社证明书管理办法
第一条 (目的) 为规范农村社区经济合作社证明书的管理,制定本办法。
第二条 (施行日期) 本办法自2012年5月1日起施行,有效期至2017年4月30日。
`;
