// The package as someone installing it meets it: `npm pack`, install the tarball into an empty
// folder, and run the compiled `concordat` from there. Optional dependencies (the native
// binaries of the analytics engines, which `check` never loads) are left out to keep the
// install small; --prefer-offline takes packages from npm's cache, which `npm test` filled.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const work = mkdtempSync(join(tmpdir(), 'concordat-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the npm package', () => {
  it('installs into an empty folder, where `npx concordat check` works', () => {
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBeDefined();
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "uses-concordat", "private": true }\n');
    execFileSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--omit=optional',
        join(work, tarball ?? ''),
      ],
      { cwd: app, stdio: 'pipe' },
    );
    copyFileSync('examples/unlawful-icp-takes-commissioner-decisions.yaml', join(app, 'arrangement.yaml'));

    const check = spawnSync('npx', ['concordat', 'check', 'arrangement.yaml', '--on', '2019-06-01'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/ERROR/);

    const help = spawnSync('npx', ['concordat', '--help'], { cwd: app, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: concordat/);
  }, 300_000);
});
