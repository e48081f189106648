/**
 * The baseline of the example-served operation: a bare Express 5 app with the one route, answering
 * the JSON the mock serves for it (the fixture's example, read once at start-up), and nothing else.
 */
import express from 'express';
import { PETS_ROUTE, petExample } from './pets';

const body = petExample();
const app = express();
app.get(PETS_ROUTE.replace('{petId}', ':petId'), (req, res) => {
  if (req.headers.authorization === undefined) {
    res.status(401).type('application/problem+json').send('{"status":401,"title":"Unauthorized"}');
    return;
  }
  res.json(body);
});
app.listen(Number(process.argv[2]), '127.0.0.1');
