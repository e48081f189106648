import request from 'supertest';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../app';
import { basic, ENROLLMENT_PATH } from '../../test-support/http';
import {
  consoleReady,
  launchChromium,
  openPage,
  serve,
  type ConsolePage,
  type TestServer,
} from './test-support/browser';

// A browser on a shared two-core machine: generous, and nothing here waits for time, only for the page.
jest.setTimeout(90_000);

let browser: Browser;
let server: TestServer;
const pages: ConsolePage[] = [];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
});
beforeEach(async () => {
  server = await serve(createApp({ seed: 'console' }));
});
afterEach(async () => {
  for (const opened of pages.splice(0)) {
    // Any uncaught exception or console error fails the test that caused it.
    expect(opened.errors).toEqual([]);
    await opened.close();
  }
  await server.close();
});

async function openConsole(query = '', hash = ''): Promise<ConsolePage> {
  const opened = await openPage(browser, `${server.url}/__admin/console${query}${hash}`);
  pages.push(opened);
  await consoleReady(opened.page);
  return opened;
}

async function enroll(user: string, query = 'isInteractive=true', session?: string) {
  const res = await request(server.url)
    .post(`${ENROLLMENT_PATH}?${query}`)
    .set(basic(user))
    .set(session ? { 'X-Mock-Session': session } : {});
  return res;
}

const ticketOf = async (user: string, query?: string, session?: string): Promise<string> =>
  ((await enroll(user, query, session)).body as { ticketId: string }).ticketId;

const view = async (page: Page, name: string): Promise<void> => {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: new RegExp(`^${name}`) })
    .click();
  await page.waitForSelector(`#view-${name.toLowerCase()}:not([hidden])`);
};

const rowsOf = (page: Page, table: string) => page.locator(`#${table} tbody tr`);

/** Waits until the table shows `count` rows. */
const rowCount = async (page: Page, table: string, count: number): Promise<void> => {
  await rowsOf(page, table).nth(count).waitFor({ state: 'detached' });
  if (count > 0)
    await rowsOf(page, table)
      .nth(count - 1)
      .waitFor();
};

describe('the console', () => {
  it('shows tickets and emails created through the API without a reload', async () => {
    const { page, failures } = await openConsole();
    // A mark on this document: a reload would lose it.
    await page.evaluate('window.sameDocument = true');
    const interactive = await ticketOf('alice', 'isInteractive=true&factor=otp');
    const emailed = await ticketOf('bob', 'factor=phone');

    await page.getByRole('button', { name: `Complete ${interactive}` }).waitFor();
    await page.getByRole('button', { name: `Complete ${emailed}` }).waitFor();
    const aliceRow = page.locator('#tickets-table tbody tr', { hasText: interactive });
    expect(await aliceRow.locator('td').allInnerTexts()).toEqual([
      interactive,
      'pending',
      'alice',
      'otp',
      expect.stringMatching(/^\d\d:\d\d:\d\d$/),
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      // The hidden part of each name tells the rows' links and buttons apart for screen readers.
      expect.stringMatching(new RegExp(`^Enrollment page\\s+of ticket ${interactive}$`)),
      expect.stringMatching(new RegExp(`^Complete\\s+${interactive}$`)),
    ]);
    expect(
      await aliceRow
        .getByRole('link', { name: `Enrollment page of ticket ${interactive}` })
        .getAttribute('href'),
    ).toBe(`${server.url}/enrollment/${interactive}`);

    await view(page, 'Outbox');
    const [email] = (
      (await request(server.url).get('/__admin/outbox')).body as {
        emails: { to: string; ticketUrl: string; subject: string }[];
      }
    ).emails;
    if (!email) throw new Error('no email in the outbox');
    await page.getByRole('link', { name: email.ticketUrl }).waitFor();
    const emailRow = page.locator('#outbox-table tbody tr', { hasText: email.to });
    expect(await emailRow.innerText()).toContain(email.subject);

    expect(await page.evaluate('window.sameDocument')).toBe(true);
    expect(await page.locator('#live').innerText()).toBe('Live');
    expect(await page.locator('[data-count="tickets"]').innerText()).toBe('2');
    expect(failures).toEqual([]);
  });

  it('enables a catalogue scenario by its button, and the next enrollment answers accordingly', async () => {
    const { page, failures } = await openConsole('', '#scenarios');
    await page.getByRole('button', { name: 'Enable user-not-found' }).click();
    const active = page.locator('#scenarios-table tbody tr', { hasText: 'scn_1' });
    await active.waitFor();
    expect(await active.innerText()).toContain('answers 404');

    const answer = await enroll('carol');
    expect(answer.status).toBe(404);
    expect(answer.headers['x-mock-decision']).toBe('scenario:scn_1');
    // The count of firings arrives through the event stream.
    await active.locator('td:nth-child(4)', { hasText: '1' }).waitFor();

    await page.getByRole('button', { name: 'Remove scn_1' }).click();
    await active.waitFor({ state: 'detached' });
    expect((await enroll('carol')).status).toBe(200);
    expect(failures).toEqual([]);
  });

  it('completes a ticket by its button, from the keyboard', async () => {
    const { page, failures } = await openConsole();
    const ticketId = await ticketOf('dora', 'isInteractive=true&factor=otp');
    const complete = page.getByRole('button', { name: `Complete ${ticketId}` });
    await complete.focus();
    await page.keyboard.press('Enter');
    const row = page.locator('#tickets-table tbody tr', { hasText: ticketId });
    await row.locator('.pill', { hasText: 'completed' }).waitFor();
    expect(await complete.count()).toBe(0);
    const stored = (await request(server.url).get(`/__admin/tickets/${ticketId}`)).body as { status: string };
    expect(stored.status).toBe('completed');
    // The button is gone; the keyboard stays in the view.
    expect(await page.evaluate('document.activeElement.id')).toBe('tickets-title');
    expect(failures).toEqual([]);
  });

  it('opens another session by its URL and shows only its state', async () => {
    const mine = await ticketOf('erin', 'isInteractive=true', 'qa-b');
    const theirs = await ticketOf('fred');
    const { page, failures } = await openConsole('?session=qa-b');
    await page.getByRole('button', { name: `Complete ${mine}` }).waitFor();
    expect(await page.getByRole('button', { name: `Complete ${theirs}` }).count()).toBe(0);
    expect(await page.title()).toContain('qa-b');
    expect(await page.locator('#session-select').inputValue()).toBe('qa-b');
    expect(await page.locator('#session-select option').allInnerTexts()).toEqual(['default', 'qa-b']);

    // Live too: the default session's next ticket stays out, this session's next one comes in.
    const later = await ticketOf('fred', 'isInteractive=true&factor=phone');
    const next = await ticketOf('erin', 'isInteractive=true&factor=phone', 'qa-b');
    await page.getByRole('button', { name: `Complete ${next}` }).waitFor();
    expect(await page.getByRole('button', { name: `Complete ${later}` }).count()).toBe(0);
    expect(await rowsOf(page, 'tickets-table').count()).toBe(2);
    expect(failures).toEqual([]);
  });

  it('opens the session chosen in the picker', async () => {
    const other = await ticketOf('gail', 'isInteractive=true', 'qa-c');
    const { page, failures } = await openConsole();
    await page.locator('#session-select').focus();
    await page.locator('#session-select option[value="qa-c"]').waitFor({ state: 'attached' });
    await page.getByLabel('Session').selectOption('qa-c');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(/\?session=qa-c/);
    await consoleReady(page);
    await page.getByRole('button', { name: `Complete ${other}` }).waitFor();
    expect(failures).toEqual([]);
  });

  it('shows the journal, filters it by status, user and operation, and charts it by status class', async () => {
    await enroll('hank');
    await enroll('hank', 'isInteractive=maybe');
    await request(server.url).post(ENROLLMENT_PATH).set(basic('ivan')).set('Prefer', 'code=404');
    await request(server.url).get('/nowhere');
    const { page, failures } = await openConsole('', '#journal');
    const journal = page.getByRole('region', { name: 'Journal' });
    await page.locator('#journal-table tbody tr').nth(3).waitFor();
    expect(await rowsOf(page, 'journal-table').count()).toBe(4);
    const newest = await rowsOf(page, 'journal-table').first().locator('td').allInnerTexts();
    expect(newest).toEqual([
      expect.stringMatching(/^\d\d:\d\d:\d\d$/),
      'GET',
      '/nowhere',
      '404',
      '—',
      '—',
      expect.stringMatching(/^\d+\.\d ms$/),
    ]);

    await journal.getByLabel('Status').selectOption('class:4xx');
    await rowCount(page, 'journal-table', 3);
    await journal.getByLabel('User').selectOption('hank');
    await rowCount(page, 'journal-table', 1);
    expect(await rowsOf(page, 'journal-table').first().innerText()).toContain('validation');
    await journal.getByLabel('Status').selectOption('');
    await journal.getByLabel('User').selectOption('');
    await journal.getByLabel('Operation').selectOption('CreateMfaEnrollment');
    await rowCount(page, 'journal-table', 3);

    // A new request arrives live, in the table and in the chart.
    await journal.getByLabel('Operation').selectOption('');
    await enroll('ivan');
    await rowCount(page, 'journal-table', 5);
    const chart = page.getByRole('img', { name: /^Requests per second over the last 5 minutes/ });
    await chart.and(page.getByRole('img', { name: /5 requests/ })).waitFor();
    expect(await chart.getAttribute('aria-label')).toMatch(
      /5 requests \(2 2xx, 3 4xx\).*Errors began at \d\d:\d\d:\d\d\./,
    );
    expect(await page.locator('#journal-chart-caption').innerText()).toMatch(/Errors began at/);
    expect(await page.locator('#journal-chart rect.bar-4xx').count()).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it("creates a custom scenario, and shows the mock's validation errors at their fields", async () => {
    const { page, failures } = await openConsole('', '#scenarios');
    const form = page.getByRole('region', { name: 'Custom scenario' });
    const status = form.getByLabel('Status', { exact: true });
    const times = form.getByLabel('Times');
    const parameters = form.getByLabel('Parameters (JSON)');
    const create = form.getByRole('button', { name: 'Create scenario' });
    await status.fill('404');
    await times.fill('0');
    await parameters.fill('{"factor": "sms"}');
    await create.click();
    await page.locator('#scenario-times-error').waitFor();
    expect(await times.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#scenario-times-error').innerText()).toBe('must be >= 1');
    expect(await page.locator('#scenario-parameters-error').innerText()).toMatch(
      /^factor must be one of: otp/,
    );
    expect(await parameters.getAttribute('aria-describedby')).toBe(
      'scenario-parameters-hint scenario-parameters-error',
    );
    expect(await page.getByRole('alert').filter({ hasText: 'The mock refused the scenario' }).count()).toBe(
      1,
    );
    expect(await page.evaluate('document.activeElement.id')).toBe('scenario-times');

    // Parameters that are not JSON never reach the mock.
    await times.fill('');
    await parameters.fill('not json');
    await create.click();
    await page.locator('#scenario-parameters-error', { hasText: 'must be a JSON object' }).waitFor();
    expect(await page.locator('#scenario-times-error').count()).toBe(0);

    await parameters.fill('');
    await status.fill('299');
    await create.click();
    await page.locator('#scenario-status-error', { hasText: '299 has no documented response' }).waitFor();
    expect(await status.getAttribute('aria-invalid')).toBe('true');

    await status.fill('503');
    await times.fill('2');
    await form.getByLabel('User', { exact: true }).fill('judy');
    await parameters.fill('{"isInteractive": true}');
    await create.click();
    const row = page.locator('#scenarios-table tbody tr', { hasText: 'scn_1' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      /answers 503[\s\S]*userId=judy[\s\S]*isInteractive=true[\s\S]*0\s+2/,
    );
    expect(await page.locator('.field-error').count()).toBe(0);
    expect(await status.inputValue()).toBe('');

    expect((await enroll('judy', 'isInteractive=true')).status).toBe(503);
    expect((await enroll('judy', 'factor=otp')).status).toBe(200);
    await row.locator('td:nth-child(5)', { hasText: '1' }).waitFor();
    // Two attempts were refused (400) and shown at their fields; nothing else failed.
    expect(failures).toEqual(['400 POST /__admin/scenarios', '400 POST /__admin/scenarios']);
  });

  it('deletes a user, whose next enrollment gets the documented 404', async () => {
    await ticketOf('kate', 'isInteractive=true&factor=otp');
    const { page, failures } = await openConsole('', '#users');
    const row = page.locator('#users-table tbody tr', { hasText: 'kate' });
    await row.waitFor();
    const { name, email } = (await request(server.url).get('/__admin/users/kate')).body as {
      name: string;
      email: string;
    };
    expect(await row.innerText()).toContain(name);
    expect(await row.innerText()).toContain(email);
    await page.getByRole('button', { name: 'Delete kate' }).click();
    await row.locator('.pill', { hasText: 'deleted' }).waitFor();
    const next = await enroll('kate');
    expect(next.status).toBe(404);
    expect(next.headers['x-mock-decision']).toBe('user:not-found');
    expect(failures).toEqual([]);
  });

  it('shows the factors a completed ticket enrolled', async () => {
    const ticketId = await ticketOf('leo', 'isInteractive=true&factor=phone');
    const { page } = await openConsole('', '#users');
    await request(server.url).post(`/__admin/tickets/${ticketId}/complete`).expect(200);
    await page
      .locator('#users-table tbody tr', { hasText: 'leo' })
      .locator('.factor', { hasText: 'phone' })
      .waitFor();
  });

  it('resets the session after asking', async () => {
    const ticketId = await ticketOf('mia');
    const { page, failures } = await openConsole();
    await page.getByRole('button', { name: `Complete ${ticketId}` }).waitFor();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Reset session' }).click();
    await rowCount(page, 'tickets-table', 0);
    expect(
      ((await request(server.url).get('/__admin/tickets')).body as { tickets: unknown[] }).tickets,
    ).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('reconnects when its event stream drops, and catches up', async () => {
    const opened = await openConsole();
    const { page, failures } = opened;
    server.dropConnections();
    const missed = await ticketOf('nina');
    await page.getByRole('button', { name: `Complete ${missed}` }).waitFor();
    await page.waitForSelector('#live[data-state="live"]');
    const after = await ticketOf('nina', 'isInteractive=true&factor=phone');
    await page.getByRole('button', { name: `Complete ${after}` }).waitFor();
    expect(failures).toEqual([]);
    // Chromium says so when a stream is cut; that one line is what this test provoked.
    expect(opened.errors.splice(0)).toEqual([
      'console error: Failed to load resource: net::ERR_INCOMPLETE_CHUNKED_ENCODING',
    ]);
  });
});
