import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * nhsuk-frontend's CSS loads the Frutiger typeface from assets.nhs.uk, and the package does
 * not ship the font files (they are licensed to NHS services). The app makes no request to
 * another host (it must work offline and inside NHS networks that block it), so those
 * @font-face rules are dropped and text is set in the design system's fallback, Arial.
 */
function noFontsFromOtherHosts(): Plugin {
  return {
    name: 'concordat-no-fonts-from-other-hosts',
    transform(code, id) {
      if (!id.includes('nhsuk-frontend') || !id.endsWith('.css')) return null;
      return { code: code.replace(/@font-face\s*\{[^}]*url\(https?:[^}]*\}/g, ''), map: null };
    },
  };
}

/**
 * Writes a brotli (best quality) and a gzip copy beside each text file of the build, which
 * the server sends as they are (@fastify/static preCompressed): smaller than compressing
 * on every request at a fast setting, and no work per request.
 */
function precompressed(): Plugin {
  return {
    name: 'concordat-precompressed',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir as string;
      for (const name of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const file = join(dir, name);
        const body = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

/**
 * Builds the web app into dist/web (git-ignored), which the API server serves at /.
 * `npx vite -c src/web/vite.config.ts` runs a development server that sends /api to the
 * API on :8080.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), noFontsFromOtherHosts(), precompressed()],
  // nhsuk-frontend's CSS points at its icons as /assets/images/…; take them from the package.
  resolve: {
    alias: [
      {
        find: /^\/assets\/images\//,
        replacement: fileURLToPath(
          new URL('../../node_modules/nhsuk-frontend/dist/nhsuk/assets/images/', import.meta.url),
        ),
      },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    // nhsuk-frontend ships minified CSS with an old-IE hack (`@media screen\0`) that
    // lightningcss refuses; our own CSS is a few lines, so leave CSS as written.
    cssMinify: false,
    // The gzipped size of each chunk is printed by the build: the initial JavaScript target is 300 kB.
    reportCompressedSize: true,
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
