import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { registerWebApp } from './web-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'concordat-web-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function server(webDir: string) {
  const app = Fastify();
  app.get('/api/health', async () => ({ ok: true }));
  const served = await registerWebApp(app, webDir);
  return { app, served };
}

describe('serving the web app', () => {
  it('serves index.html at / and at any app address, and hashed assets with a long cache', async () => {
    const { app, served } = await server(dir);
    expect(served).toBe(true);
    const home = await app.inject('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('id="root"');
    const deep = await app.inject('/arrangements/dudley?x=1');
    expect(deep.statusCode).toBe(200);
    expect(deep.headers['content-type']).toMatch(/text\/html/);
    expect(deep.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('leaves /api to the API: known routes answer, unknown ones are 404', async () => {
    const { app } = await server(dir);
    expect((await app.inject('/api/health')).json()).toEqual({ ok: true });
    expect((await app.inject('/api/nothing-here')).statusCode).toBe(404);
  });

  it('does nothing when the web app has not been built', async () => {
    const { app, served } = await server(join(dir, 'missing'));
    expect(served).toBe(false);
    expect((await app.inject('/')).statusCode).toBe(404);
  });
});
