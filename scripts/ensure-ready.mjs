// Makes a fresh clone runnable: installs dependencies when they are missing or
// older than the lockfile, and builds the web app when its sources are newer than the
// build. Plain Node, so it works before anything is installed.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const installedMarker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(installedMarker) || statSync('package-lock.json').mtimeMs > statSync(installedMarker).mtimeMs;

if (stale) {
  console.error('Concordat: installing dependencies (first run or lockfile changed)…');
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' });
}

/** The newest modification time of any file under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// The API's OpenAPI document and the client types generated from it (git-ignored), which the
// web app and the API tests compile against: regenerated when the server's code changes.
const apiTypes = 'src/web/openapi.generated.ts';
const apiSources = ['src/api', 'src/law', 'src/contracts', 'src/finance', 'src/store', 'examples'];
if (!existsSync(apiTypes) || Math.max(...apiSources.map(newest)) > statSync(apiTypes).mtimeMs) {
  console.error('Concordat: generating the API client types from the OpenAPI document…');
  execSync('npx tsx scripts/write-openapi.ts', { stdio: 'inherit' });
}

// The web app's build (dist/web, git-ignored) is what the API server serves at /.
const webBuilt = 'dist/web/index.html';
// The event form is built from the published event schema, so a regenerated schema rebuilds it too.
const webSources = ['src/web', 'src/law', 'docs/contract-event.schema.json', 'package-lock.json'];
const webStale =
  !existsSync(webBuilt) ||
  Math.max(...webSources.map((p) => (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs))) >
    statSync(webBuilt).mtimeMs;

if (webStale) {
  console.error('Concordat: building the web app (first run or its sources changed)…');
  execSync('npx vite build -c src/web/vite.config.ts --logLevel warn', { stdio: 'inherit' });
}
