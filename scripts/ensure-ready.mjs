// Makes a fresh clone runnable: installs dependencies when they are missing or
// older than the lockfile. Plain Node, so it works before anything is installed.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installedMarker = 'node_modules/.package-lock.json';
const stale =
  !existsSync(installedMarker) || statSync('package-lock.json').mtimeMs > statSync(installedMarker).mtimeMs;

if (stale) {
  console.error('Concordat: installing dependencies (first run or lockfile changed)…');
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' });
}
