// Compiles the CLI, and the server it starts, into dist/cli/ (git-ignored) with esbuild: one
// entry and a chunk per lazily loaded command module, so `concordat check` loads the rulebook
// code and not the database, the web server or the analytics engines.
//
// Small pure-JavaScript libraries (zod, yaml, commander, the Temporal polyfill) are bundled in:
// reading one file costs far less than resolving hundreds of modules. The rest stay in
// node_modules, notably native addons (DuckDB, argon2, chDB) and packages that load their own
// files (PGlite, pdfmake's fonts). zod's translations are left out: Concordat writes its own
// messages.
//
// `node scripts/build-node.mjs` builds; `buildCliIfStale()` builds only when a source is newer.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = join(root, 'dist/cli/main.js');
const bundled = new Set(['zod', 'yaml', 'commander', 'temporal-polyfill']);

const englishOnlyZod = {
  name: 'english-only-zod',
  setup(build) {
    build.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      loader: 'js',
    }));
  },
};

export async function buildCli() {
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  rmSync(join(root, 'dist/cli'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    // `concordat synth` with several ICBs runs each in a worker thread: a file of its own.
    entryPoints: { main: 'src/cli/main.ts', 'synth-worker': 'src/population/synth-worker.ts' },
    outdir: 'dist/cli',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    sourcemap: 'linked',
    external: Object.keys(pkg.dependencies).filter((name) => !bundled.has(name)),
    banner: {
      // The entry is the package's `bin`; bundled CommonJS (yaml) calls require().
      js: "#!/usr/bin/env node\nimport { createRequire as __concordatRequire } from 'node:module'; const require = __concordatRequire(import.meta.url);",
    },
    plugins: [englishOnlyZod],
    logLevel: 'warning',
  });
}

/** The newest modification time of the Node code (src/ less the web app and tests) and the lockfile. */
function newestSource(dir = join(root, 'src')) {
  let latest = statSync(join(root, 'package-lock.json')).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (path !== join(root, 'src/web')) latest = Math.max(latest, newestSource(path));
    } else if (!e.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds dist/cli when it is missing or older than its sources; says so on stderr. */
export async function buildCliIfStale() {
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestSource()) return false;
  console.error('Concordat: compiling the CLI and server (first run or their sources changed)…');
  await buildCli();
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
