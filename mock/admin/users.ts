import { Router } from 'express';
import type { User } from '../behaviours/enrollment/users';
import { contextOf } from '../http/context';
import { methodNotAllowed, sendJson } from '../http/responses';
import type { EnrollmentStore } from '../behaviours/enrollment/records';

/**
 * `GET /__admin/users`: the users the session's records name (its tickets, emails and journal), by
 * id: `users` holds those the store keeps, `absent` the ids it does not (deleted, or never enrolled:
 * a request refused before its user was created). One call instead of one `GET /users/{id}` each.
 */
export function usersRoutes(store: EnrollmentStore): Router {
  const router = Router({ caseSensitive: true, strict: true });
  router
    .route('/users')
    .get(async (_req, res) => {
      const { session } = contextOf(res);
      const [tickets, emails, requests] = await Promise.all([
        store.listTickets(session),
        store.listEmails(session),
        store.listRequests(session),
      ]);
      const ids = new Set<string>();
      for (const ticket of tickets) ids.add(ticket.userId);
      for (const email of emails) ids.add(email.userId);
      for (const entry of requests) if (entry.userId !== null) ids.add(entry.userId);
      const users: User[] = [];
      const absent: string[] = [];
      for (const userId of [...ids].sort((a, b) => a.localeCompare(b))) {
        const user = await store.getUser(session, userId);
        if (user) users.push(user);
        else absent.push(userId);
      }
      sendJson(res, 200, { users, absent });
    })
    .all(methodNotAllowed('GET'));
  return router;
}
