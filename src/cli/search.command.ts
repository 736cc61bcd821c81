import type { AppContext } from '../app.ts';
import { todayInChina } from '../modules/documents/index.ts';
import { readSearchParams } from '../modules/search/index.ts';
import type { Output } from './output.ts';

/** `gongkai search "QUERY" [--json] [--page N] [--on YYYY-MM-DD]`: the same search as the portal and the API. */
export async function searchCommand(query: string, options: { json: boolean; page?: string; on?: string }, context: AppContext, io: Output): Promise<number> {
  const params = readSearchParams({ q: query, page: options.page, on: options.on, pageSize: 10 }, todayInChina());
  const result = await context.search.search(params);
  if (options.json) {
    // {"total", "items": [{"id", "title", "docNumber", "issuer", "date", "validity", "snippet"}]}: a fixed contract.
    io.json({
      total: result.total,
      items: result.items.map(({ id, title, docNumber, issuer, date, validity, snippet }) => ({ id, title, docNumber, issuer, date, validity, snippet })),
    });
    return 0;
  }
  io.out(`${result.totalExact ? '共' : '超过'} ${result.total} 篇(第 ${result.page} 页)`);
  result.items.forEach((item, index) => {
    io.out(`${String((result.page - 1) * result.pageSize + index + 1).padStart(3)}. ${item.title}`);
    io.out(`     ${[item.docNumber, item.issuer, item.date, item.validity].filter(Boolean).join(' | ')}`);
    io.out(`     ${item.snippet}`);
  });
  return 0;
}
