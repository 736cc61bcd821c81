import { deflateSync } from 'node:zlib';

/**
 * The site's icon: a red square with a white page, the portal's accent colour.
 * Browsers ask for /favicon.ico on every page whatever the markup says, so it
 * is served as a real ICO (one 32×32 PNG inside) next to the SVG the pages link.
 */
const accent = [0xa3, 0x00, 0x00] as const;

export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="5" fill="#a30000"/><path d="M9 6h10l5 5v15H9z" fill="#fff"/><path d="M12 14h9M12 18h9M12 22h6" stroke="#a30000" stroke-width="2"/></svg>`;

/** The same drawing, pixel by pixel: inside the page white, its three lines red. */
function pixel(x: number, y: number): readonly [number, number, number] {
  const inPage = x >= 9 && x < 24 && y >= 6 && y < 26 && !(x >= 19 && y < 11 && x - 19 > y - 6);
  const onLine = x >= 12 && ((y === 13 || y === 14 || y === 17 || y === 18) ? x < 21 : (y === 21 || y === 22) && x < 18);
  return inPage && !onLine ? [0xff, 0xff, 0xff] : accent;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

function ico(image: Buffer, size: number): Buffer {
  const head = Buffer.alloc(22);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(1, 4); // one image
  head.set([size, size, 0, 0], 6);
  head.writeUInt16LE(1, 10); // planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(image.length, 14);
  head.writeUInt32LE(22, 18);
  return Buffer.concat([head, image]);
}

export const faviconIco = ico(png(32), 32);

/** The icon never changes within a release; a day keeps it fresh enough across one. */
export const faviconCacheControl = 'public, max-age=86400';
