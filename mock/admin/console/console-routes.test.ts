import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../app';
import { problemOf } from '../../test-support/http';
import { CONSOLE_ASSETS } from './console-routes';

const app = createApp({ seed: 'console-files' });

/** Every file the page and its modules load: `src`/`href` of the page, `from './x.js'` of the modules. */
function referencedFiles(): string[] {
  const page = readFileSync(path.join(CONSOLE_ASSETS, 'index.html'), 'utf8');
  const files = new Set([...page.matchAll(/(?:src|href)="console\/([^"]+)"/g)].map((m) => m[1] ?? ''));
  for (const name of readdirSync(CONSOLE_ASSETS).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(path.join(CONSOLE_ASSETS, name), 'utf8');
    for (const m of text.matchAll(/from '\.\/([^']+)'/g)) files.add(m[1] ?? '');
  }
  return [...files].sort();
}

describe('GET /__admin/console', () => {
  it('serves the page with a policy that allows nothing from elsewhere', async () => {
    const res = await request(app).get('/__admin/console');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    const policy = String(res.headers['content-security-policy']);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(res.text).toContain('<script type="module" src="console/app.js"></script>');
  });

  it('serves every file the page and its modules load, each with its media type', async () => {
    const files = referencedFiles();
    expect(files).toEqual(expect.arrayContaining(['app.js', 'console.css', 'icon.svg', 'sse.js', 'api.js']));
    const types: Record<string, string> = {
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.svg': 'image/svg+xml',
    };
    for (const file of files) {
      const res = await request(app).get(`/__admin/console/${file}`);
      expect([file, res.status, res.type]).toEqual([file, 200, types[path.extname(file)]]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refers to nothing outside the mock, so it works offline', () => {
    for (const name of readdirSync(CONSOLE_ASSETS)) {
      const text = readFileSync(path.join(CONSOLE_ASSETS, name), 'utf8');
      // The SVG namespace is a name, not an address anything is loaded from.
      const addresses = text
        .replaceAll('http://www.w3.org/2000/svg', '')
        .match(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi);
      expect([name, addresses]).toEqual([name, null]);
    }
  });

  it.each(['nope.js', '..%2Fconsole-routes.ts', 'tsconfig.json', '..%2F..%2F..%2Fpackage.json'])(
    'answers /__admin/console/%s with a 404 problem',
    async (file) => {
      const res = await request(app).get(`/__admin/console/${file}`);
      expect(res.status).toBe(404);
      expect(problemOf(res).code).toBe('route-not-found');
    },
  );

  it('answers another method with 405', async () => {
    const res = await request(app).post('/__admin/console');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
  });
});
