import react from '@vitejs/plugin-react';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Brotli and gzip copies of the console's files, made once at build time, so
 * the server sends a fraction of the bytes without compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'gongkai-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      for (const file of Object.keys(bundle).filter((name) => /\.(js|css|svg)$/.test(name))) {
        const path = join(options.dir!, file);
        const content = await readFile(path);
        await writeFile(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
        await writeFile(`${path}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

/**
 * The staff console (src/web) is built into dist/console and served by the
 * same Fastify server under /console: one origin, so the session cookie and
 * the CSRF header work as they do for the server-rendered screens.
 */
export default defineConfig({
  root: 'src/web',
  base: '/console/',
  plugins: [react(), precompress()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2048,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/staff': 'http://127.0.0.1:3000' } },
});
