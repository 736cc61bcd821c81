import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { linksOfListPage, parseSitemap, parseUrlList } from '../../src/modules/harvest/discovery.rules.ts';
import { retryAfterMs } from '../../src/modules/harvest/polite.fetcher.ts';
import { parseRobots } from '../../src/modules/harvest/robots.rules.ts';

describe('robots.txt', () => {
  const text = `
User-agent: *
Disallow: /private/
Allow: /private/open.htm
Disallow: /*.php$
Crawl-delay: 5

User-agent: Gongkai
User-agent: OtherBot
Disallow: /gov/
Allow: /gov/public/

User-agent: Gongkai
Crawl-delay: 2
`;
  it('takes the group naming our token (merged), not *', () => {
    const rules = parseRobots(text, 'gongkai');
    assert.equal(rules.isAllowed('/private/a.htm'), true);
    assert.equal(rules.isAllowed('/gov/a.htm'), false);
    assert.equal(rules.isAllowed('/gov/public/a.htm'), true);
    assert.equal(rules.crawlDelay, 2);
  });
  it('falls back to *: longest match wins, Allow wins a tie, * and $ patterns', () => {
    const rules = parseRobots(text, 'somebot');
    assert.equal(rules.isAllowed('/private/a.htm'), false);
    assert.equal(rules.isAllowed('/private/open.htm'), true);
    assert.equal(rules.isAllowed('/list.php'), false);
    assert.equal(rules.isAllowed('/list.php?page=2'), true);
    assert.equal(rules.isAllowed('/robots.txt'), true);
    assert.equal(rules.crawlDelay, 5);
    assert.equal(parseRobots('User-agent: *\nDisallow: /a\nAllow: /a', 'x').isAllowed('/a'), true);
  });
  it('an empty Disallow, no group for us, or an empty file allow everything', () => {
    assert.equal(parseRobots('User-agent: *\nDisallow:', 'gongkai').isAllowed('/x'), true);
    assert.equal(parseRobots('User-agent: badbot\nDisallow: /', 'gongkai').isAllowed('/x'), true);
    assert.equal(parseRobots('', 'gongkai').isAllowed('/x'), true);
  });
  it('compares percent-encodings alike', () => {
    const rules = parseRobots('User-agent: *\nDisallow: /%7Euser/', 'gongkai');
    assert.equal(rules.isAllowed('/~user/a.htm'), false);
  });
});

describe('sitemaps', () => {
  it('reads a urlset with lastmod, resolving relative addresses and dropping duplicates and non-http ones', () => {
    const sitemap = parseSitemap(
      `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc> https://gov.example/a.htm </loc><lastmod>2024-05-01</lastmod></url>
        <url><loc>/b.htm#top</loc></url><url><loc>https://gov.example/a.htm</loc></url><url><loc>ftp://x/y</loc></url></urlset>`,
      'https://gov.example/sitemap.xml',
    );
    assert.deepEqual(sitemap, {
      kind: 'urlset',
      entries: [
        { url: 'https://gov.example/a.htm', lastmod: '2024-05-01' },
        { url: 'https://gov.example/b.htm', lastmod: null },
      ],
    });
  });
  it('reads a sitemap index', () => {
    assert.deepEqual(parseSitemap('<sitemapindex><sitemap><loc>https://gov.example/s1.xml</loc></sitemap></sitemapindex>', 'https://gov.example/'), {
      kind: 'index',
      sitemaps: ['https://gov.example/s1.xml'],
    });
  });
  it('refuses XML that is neither, naming the address', () => {
    assert.throws(() => parseSitemap('<rss></rss>', 'https://gov.example/feed.xml'), /feed\.xml: 不是网站地图/);
  });
});

describe('list pages', () => {
  const page = `<html><head><base href="https://gov.example/zwgk/"></head><body>
    <div id="top-menu"><a href="/index.html">首页</a></div>
    <ul class="news-list">
      <li><a href="art/2024/1.html">一</a></li>
      <li><a href="https://gov.example/files/2.pdf">二</a></li>
      <li><a href="https://other.example/3.html">别处</a></li>
      <li><a href="/search.jsp?q=1">检索</a></li>
      <li><a href="javascript:void(0)">无</a></li>
    </ul>
    <div class="page"><a href="list_1.html">上一页</a> <a href="list_3.html">下 一 页</a></div>
    <footer><a href="/sitemap.html">网站地图</a></footer></body></html>`;
  it('keeps same-host document links of the body and finds 下一页', () => {
    assert.deepEqual(linksOfListPage(page, 'https://gov.example/zwgk/list_2.html'), {
      documents: ['https://gov.example/zwgk/art/2024/1.html', 'https://gov.example/files/2.pdf'],
      next: 'https://gov.example/zwgk/list_3.html',
    });
  });
  it('a pattern chooses the links instead of the extensions', () => {
    assert.deepEqual(linksOfListPage(page, 'https://gov.example/zwgk/list_2.html', /\/art\//).documents, ['https://gov.example/zwgk/art/2024/1.html']);
  });
});

describe('files of addresses', () => {
  it('skips blanks and comments and refuses a bad line by number', () => {
    assert.deepEqual(parseUrlList('# list\n\nhttps://gov.example/a.htm\r\nhttps://gov.example/a.htm\n', 'urls.txt'), ['https://gov.example/a.htm']);
    assert.throws(() => parseUrlList('https://gov.example/a.htm\nwww.gov.example/b.htm\n', 'urls.txt'), /urls\.txt: 第 2 行「www\.gov\.example\/b\.htm」不是 http 或 https 网址/);
    assert.throws(() => parseUrlList('# nothing\n', 'urls.txt'), /urls\.txt: 没有网址/);
  });
});

describe('Retry-After', () => {
  it('reads seconds or an HTTP date', () => {
    assert.equal(retryAfterMs('120'), 120_000);
    assert.equal(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10_000);
    assert.equal(retryAfterMs('soon'), null);
    assert.equal(retryAfterMs(null), null);
  });
});
