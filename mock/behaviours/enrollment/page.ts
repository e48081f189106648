import express, { Router, type Request, type Response } from 'express';
import type { MfaFactor } from '../../../spec/types';
import type { Clock } from '../../clock';
import { contextOf } from '../../http/context';
import type { Enrollments } from './enrollments';
import { ticketNotFound } from '../../http/problems';
import { methodNotAllowed } from '../../http/responses';
import type { EnrollmentStore } from './records';
import { iso, statusAt, ticketPagePath, whyNotPending, type Ticket } from './tickets';
import type { User } from './users';

const PAGE_PATH = '/enrollment/:ticketId';

export interface EnrollmentPageOptions {
  readonly store: EnrollmentStore;
  readonly enrollments: Enrollments;
  readonly clock: Clock;
  readonly factors: readonly MfaFactor[];
}

/**
 * The page a `ticketUrl` leads to: who the ticket is for, its factor and status, and a button that
 * completes the enrollment, or why it can no longer be completed.
 */
export function enrollmentPage(options: EnrollmentPageOptions): Router {
  const router = Router({ caseSensitive: true, strict: true });

  router
    .route(PAGE_PATH)
    .get(async (req: Request<{ ticketId: string }>, res: Response) => {
      const { session } = contextOf(res);
      const ticket = await options.store.getTicket(session, req.params.ticketId);
      if (!ticket) throw ticketNotFound(req.params.ticketId, session);
      const user = await options.store.getUser(session, ticket.userId);
      res
        .status(200)
        .set({
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          'Content-Security-Policy':
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        })
        .send(
          renderPage(
            ticket,
            user,
            options.factors,
            options.clock.now(),
            ticketPagePath(session, ticket.ticketId),
          ),
        );
    })
    .post(
      express.urlencoded({ extended: false, limit: '1kb' }),
      async (req: Request<{ ticketId: string }>, res: Response) => {
        const { session } = contextOf(res);
        const chosen = (req.body as Record<string, unknown> | undefined)?.factor;
        const factor = options.factors.find((f) => f === chosen);
        const outcome = await options.enrollments.complete(session, req.params.ticketId, factor);
        if (outcome.outcome === 'not-found') throw ticketNotFound(req.params.ticketId, session);
        // Completed or not: the page shows the ticket's state, including why it could not be completed.
        res.redirect(303, ticketPagePath(session, req.params.ticketId));
      },
    )
    .all(methodNotAllowed('GET', 'POST'));

  return router;
}

function renderPage(
  ticket: Ticket,
  user: User | undefined,
  factors: readonly MfaFactor[],
  now: number,
  action: string,
): string {
  const status = statusAt(ticket, now);
  const who = user
    ? `${escape(user.name)} &lt;${escape(user.email)}&gt;`
    : `${escape(ticket.userId)} (deleted)`;
  const factorChoice = ticket.factor
    ? `<input type="hidden" name="factor" value="${escape(ticket.factor)}">`
    : `<label>Factor <select name="factor">${factors.map((f) => `<option>${escape(f)}</option>`).join('')}</select></label>`;
  const action_ =
    status === 'pending'
      ? `<form method="post" action="${escape(action)}">${factorChoice} <button type="submit">Complete enrollment</button></form>`
      : `<p class="why">${escape(whyNotPending(ticket, now))}</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MFA enrollment · Nexus mock</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dt { color: #59636e; } dd { margin: 0; }
.status { font-weight: 600; } .why { padding: .75rem; background: #fff8c5; border-radius: 6px; }
button { font: inherit; padding: .5rem 1rem; }
</style>
</head>
<body>
<h1>Set up multi-factor authentication</h1>
<dl>
<dt>User</dt><dd>${who}</dd>
<dt>Factor</dt><dd>${escape(ticket.factor ?? 'any (choose below)')}</dd>
<dt>Status</dt><dd class="status" data-status="${status}">${status}</dd>
<dt>Expires</dt><dd>${iso(ticket.expiresAt)}</dd>
${ticket.enrolledFactor ? `<dt>Enrolled</dt><dd>${escape(ticket.enrolledFactor)}</dd>` : ''}
</dl>
${action_}
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
