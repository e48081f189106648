import request from 'supertest';
import { createApp } from '../app';
import { basic, ENROLLMENT_PATH } from '../test-support/http';

describe('GET /__admin/users', () => {
  it("lists the users the session's records name, and the ids the store does not hold", async () => {
    const app = createApp({ seed: 'users' });
    await request(app).post(`${ENROLLMENT_PATH}?isInteractive=true`).set(basic('bob')).expect(200);
    await request(app).post(`${ENROLLMENT_PATH}?factor=phone`).set(basic('alice')).expect(200);
    await request(app).post(`${ENROLLMENT_PATH}?isInteractive=maybe`).set(basic('zed')).expect(400);
    await request(app)
      .post(`${ENROLLMENT_PATH}?isInteractive=true`)
      .set(basic('other'))
      .set('X-Mock-Session', 'x');
    await request(app).delete('/__admin/users/bob').expect(204);

    const res = await request(app).get('/__admin/users');
    expect(res.status).toBe(200);
    const alice = (await request(app).get('/__admin/users/alice')).body as unknown;
    expect(res.body).toEqual({ users: [alice], absent: ['bob', 'zed'] });
  });

  it('lists nothing for a new session', async () => {
    const res = await request(createApp({ seed: 'users' })).get('/__admin/users?session=new');
    expect(res.body).toEqual({ users: [], absent: [] });
  });
});
