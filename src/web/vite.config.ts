import { fileURLToPath } from 'node:url';
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
 * Builds the web app into dist/web (git-ignored), which the API server serves at /.
 * `npx vite -c src/web/vite.config.ts` runs a development server that sends /api to the
 * API on :8080.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), noFontsFromOtherHosts()],
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
