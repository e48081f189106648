/**
 * The bench's baseline: a bare Express 5 app with one route equivalent to the mock's (the credentials
 * checked for presence, the query read, a ticket answered as JSON), and nothing else.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';

const app = express();
app.post('/v1/me/mfa-enrollment', (req, res) => {
  if (req.headers.authorization === undefined) {
    res.status(401).type('application/problem+json').send('{"status":401,"title":"Unauthorized"}');
    return;
  }
  const interactive = (req.query as Record<string, unknown>).isInteractive === 'true';
  const ticketId = randomUUID();
  res.json({
    ticketId,
    emailSent: !interactive,
    ticketUrl: interactive ? `http://127.0.0.1/enrollment/${ticketId}` : null,
  });
});
app.listen(Number(process.argv[2]), '127.0.0.1');
