/**
 * The Express shell: what `createApp` answers when a request is not an operation of the document
 * (the admin API, its event stream and console, the enrollment page, unknown routes). A module of its
 * own so that `createApp` loads it, and Express with it, on the first such request: a mock started
 * for its operations answers the first one without waiting for them (`npx nexus-mock`'s start-up).
 */
import express from 'express';
import { adminRoutes, type AdminOptions } from './admin/routes';
import { journalRoutes } from './admin/journal';
import { scenarioRoutes, type ScenarioRoutesOptions } from './admin/scenarios';
import { sessionRoutes } from './admin/sessions';
import { usersRoutes } from './admin/users';
import { consoleRoutes } from './admin/console/console-routes';
import { eventRoutes, type EventStreamOptions } from './admin/events/event-stream';
import { enrollmentPage, type EnrollmentPageOptions } from './behaviours/enrollment/page';
import { contextOf } from './http/context';
import { errorHandler, routeNotFound } from './http/responses';
import type { EnrollmentStore } from './behaviours/enrollment/records';

export interface ShellOptions {
  readonly store: EnrollmentStore;
  readonly admin: AdminOptions;
  readonly scenarios: ScenarioRoutesOptions;
  readonly events: EventStreamOptions;
  readonly page: EnrollmentPageOptions;
  readonly onUnexpected: (error: unknown, reqId: string | undefined) => void;
}

export function createShell(options: ShellOptions): express.Express {
  const shell = express();
  shell.disable('x-powered-by');
  shell.set('etag', false);
  shell.set('case sensitive routing', true);
  shell.set('strict routing', true);
  shell.use(
    '/__admin',
    adminRoutes(options.admin),
    scenarioRoutes(options.scenarios),
    journalRoutes(options.store),
    sessionRoutes(options.store),
    usersRoutes(options.store),
    eventRoutes(options.events),
    consoleRoutes(),
  );
  shell.use(enrollmentPage(options.page));
  shell.use(routeNotFound);
  shell.use(
    errorHandler((error, res) => {
      options.onUnexpected(error, contextOf(res).id);
    }),
  );
  return shell;
}
