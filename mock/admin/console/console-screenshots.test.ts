import { mkdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Browser } from 'playwright-core';
import { createApp } from '../../app';
import { ManualClock } from '../../clock';
import { basic, ENROLLMENT_PATH } from '../../test-support/http';
import { reportsDir } from '../../../support/reports';
import { consoleReady, launchChromium, openPage, serve, type TestServer } from './test-support/browser';

jest.setTimeout(120_000);

let browser: Browser;
let server: TestServer;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await server.close();
});

/**
 * Four minutes of a QA session, on a clock that ends now: enrollments that succeed, tickets that
 * expire or are superseded or completed, then an email provider that goes down, and a user deleted.
 */
async function busySession(url: string, clock: ManualClock): Promise<void> {
  const post = (user: string, query: string) =>
    request(url).post(`${ENROLLMENT_PATH}?${query}`).set(basic(user));
  const users = ['alice', 'bob', 'carol', 'dave', 'erin'];
  for (let second = 0; second < 240; second += 4) {
    clock.advance(4000);
    const user = users[(second / 4) % users.length] ?? 'alice';
    if (second === 152) await request(url).post('/__admin/scenarios/catalog/email-provider-down').expect(201);
    if (second === 60)
      await request(url)
        .post('/__admin/scenarios')
        .send({ status: 401, times: 3, match: { userId: 'mallory' } });
    const answer = await post(
      (second / 4) % 3 === 2 ? 'mallory' : user,
      second % 12 === 0 ? 'factor=phone' : 'isInteractive=true&factor=otp',
    );
    if (second === 88 && answer.status === 200) {
      await request(url).post(`/__admin/tickets/${(answer.body as { ticketId: string }).ticketId}/complete`);
    }
    if (second % 40 === 0) await post(user, 'isInteractive=maybe');
  }
  await request(url).delete('/__admin/users/erin').expect(204);
  await post('erin', 'isInteractive=true');
}

it('keeps a screenshot of each view under reports/console/', async () => {
  const clock = new ManualClock(Date.now() - 250_000);
  server = await serve(createApp({ seed: 'screenshots', clock, ticketTtlMs: 120_000 }));
  await busySession(server.url, clock);
  const folder = path.join(reportsDir(), 'console');
  mkdirSync(folder, { recursive: true });
  const opened = await openPage(browser, `${server.url}/__admin/console`);
  const { page } = opened;
  await consoleReady(page);
  const shots: string[] = [];
  for (const view of ['tickets', 'outbox', 'journal', 'scenarios', 'users']) {
    await page.getByRole('link', { name: new RegExp(`^${view}`, 'i') }).click();
    await page.waitForSelector(`#view-${view}:not([hidden])`);
    await page.locator(`#view-${view} tbody tr, #view-${view} .catalog li`).first().waitFor();
    const file = path.join(folder, `${view}.png`);
    // What a tester sees in a window of 1400 × 900.
    await page.screenshot({ path: file });
    shots.push(path.basename(file));
  }
  expect(shots).toEqual(['tickets.png', 'outbox.png', 'journal.png', 'scenarios.png', 'users.png']);
  expect(opened.errors).toEqual([]);
  await opened.close();
});
