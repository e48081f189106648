import request from 'supertest';
import type { Browser } from 'playwright-core';
import { createApp } from '../../app';
import { basic, ENROLLMENT_PATH } from '../../test-support/http';
import {
  consoleReady,
  launchChromium,
  openPage,
  seriousViolations,
  serve,
  type ConsolePage,
  type TestServer,
} from './test-support/browser';

jest.setTimeout(90_000);

let browser: Browser;
let server: TestServer | undefined;
const pages: ConsolePage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
afterEach(async () => {
  for (const opened of pages.splice(0)) {
    expect(opened.errors).toEqual([]);
    await opened.close();
  }
  await server?.close();
});

async function open(url: string, bypassCSP = false): Promise<ConsolePage> {
  const opened = await openPage(browser, url, { bypassCSP });
  pages.push(opened);
  return opened;
}

const enroll = (url: string, user: string, query: string) =>
  request(url).post(`${ENROLLMENT_PATH}?${query}`).set(basic(user));

describe('the console, for everyone', () => {
  it('has no serious or critical axe violation in any view, nor with errors on the form', async () => {
    server = await serve(createApp({ seed: 'axe' }));
    const { url } = server;
    const ticket = (await enroll(url, 'alice', 'isInteractive=true&factor=otp')).body as { ticketId: string };
    await enroll(url, 'bob', 'factor=phone');
    await request(url).post(`/__admin/tickets/${ticket.ticketId}/complete`).expect(200);
    await request(url).post('/__admin/scenarios/catalog/rate-limited').expect(201);
    await enroll(url, 'carol', 'isInteractive=true');
    await request(url).delete('/__admin/users/bob').expect(204);
    await enroll(url, 'bob', 'isInteractive=true');

    const { page, failures } = await open(`${url}/__admin/console`, true);
    await consoleReady(page);
    for (const view of ['tickets', 'outbox', 'journal', 'scenarios', 'users']) {
      await page.getByRole('link', { name: new RegExp(`^${view}`, 'i') }).click();
      await page.waitForSelector(`#view-${view}:not([hidden])`);
      expect([view, await seriousViolations(page)]).toEqual([view, []]);
    }
    await page.getByRole('link', { name: /^Scenarios/ }).click();
    await page.getByRole('region', { name: 'Custom scenario' }).getByLabel('Times').fill('0');
    await page.getByRole('button', { name: 'Create scenario' }).click();
    await page.locator('#scenario-times-error').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(failures).toEqual(['400 POST /__admin/scenarios']);

    // The check can fail: a field without its label is a critical violation.
    await page.evaluate("document.querySelector('label[for=scenario-name]').remove()");
    expect((await seriousViolations(page)).map((v) => v.id)).toEqual(['label']);
  });

  it('moves between views from the keyboard, focusing each view', async () => {
    server = await serve(createApp({ seed: 'keys' }));
    const { page } = await open(`${server.url}/__admin/console`);
    await consoleReady(page);
    await page.getByRole('link', { name: /^Journal/ }).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view-journal:not([hidden])');
    expect(await page.evaluate('document.activeElement.id')).toBe('journal-title');
    expect(await page.getByRole('link', { name: /^Journal/ }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('#view-tickets').isHidden()).toBe(true);
  });

  it('parses event streams split anywhere, with LF or CRLF lines, comments and multi-line data', async () => {
    server = await serve(createApp({ seed: 'sse' }));
    const { page } = await open(`${server.url}/__admin/console`);
    await consoleReady(page);
    const parsed = await page.evaluate(`import('./console/sse.js').then(({ createSseParser }) => {
      const events = [];
      const retries = [];
      const feed = createSseParser((e) => events.push(e), (ms) => retries.push(ms));
      const text = 'retry: 500\\r\\n: a comment\\r\\nid: 7\\r\\nevent: ticket\\r\\ndata: {"a":\\r\\ndata: 1}\\r\\n\\r\\n' +
        'data:no space\\n\\nevent: empty\\n\\n' + 'data: last\\r';
      for (const chunk of text.split(/(?<=\\r)|(?=\\n)/)) feed(chunk);
      feed('\\n\\r\\n');
      return { events, retries };
    })`);
    expect(parsed).toEqual({
      events: [
        { type: 'ticket', data: '{"a":\n1}', id: '7' },
        { type: 'message', data: 'no space', id: '7' },
        { type: 'message', data: 'last', id: '7' },
      ],
      retries: [500],
    });
  });
});

describe('the console, with the admin token', () => {
  const TOKEN = 's3cret-admin-token';

  it('asks for the token, keeps it for the tab and sends it on every admin call', async () => {
    server = await serve(createApp({ seed: 'token', adminToken: TOKEN }));
    const opened = await open(`${server.url}/__admin/console`, true);
    const { page, failures } = opened;
    const dialog = page.getByRole('dialog', { name: 'Admin token' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel('Token').fill('wrong');
    await dialog.getByRole('button', { name: 'Use token' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The mock refused that token.' }).waitFor();

    const adminCalls: { path: string; authorization: string | undefined }[] = [];
    page.on('request', (sent) => {
      const { pathname } = new URL(sent.url());
      if (pathname.startsWith('/__admin/') && !pathname.startsWith('/__admin/console'))
        void sent
          .allHeaders()
          .then((headers) => adminCalls.push({ path: pathname, authorization: headers.authorization }));
    });
    await dialog.getByLabel('Token').fill(TOKEN);
    await page.keyboard.press('Enter');
    await consoleReady(page);
    expect(await dialog.isHidden()).toBe(true);

    const ticket = (
      await request(server.url).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('olga'))
    ).body as { ticketId: string };
    await page.getByRole('button', { name: `Complete ${ticket.ticketId}` }).click();
    await page.locator('#tickets-table .pill', { hasText: 'completed' }).waitFor();

    expect(await page.evaluate("sessionStorage.getItem('nexus-mock.admin-token')")).toBe(TOKEN);
    expect(adminCalls.map((c) => c.path)).toEqual(
      expect.arrayContaining([
        '/__admin/events',
        '/__admin/tickets',
        `/__admin/tickets/${ticket.ticketId}/complete`,
      ]),
    );
    expect(adminCalls.filter((c) => c.authorization !== `Bearer ${TOKEN}`)).toEqual([]);
    expect(failures).toEqual(['401 GET /__admin/session', '401 GET /__admin/session']);

    // A reload keeps the tab's token: no question this time.
    await page.reload();
    await consoleReady(page);
    expect(await dialog.isHidden()).toBe(true);
  });

  it('stops asking once the user cancels, and says it is offline', async () => {
    server = await serve(createApp({ seed: 'token', adminToken: TOKEN }));
    const { page, failures } = await open(`${server.url}/__admin/console`);
    const dialog = page.getByRole('dialog', { name: 'Admin token' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await page.waitForSelector('#live[data-state="offline"]');
    await page.getByRole('alert').filter({ hasText: 'The admin API needs its token' }).waitFor();
    expect(await dialog.isHidden()).toBe(true);
    expect(failures.every((f) => f.startsWith('401 GET /__admin/'))).toBe(true);
    expect(failures).toContain('401 GET /__admin/events');
  });
});
