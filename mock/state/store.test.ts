import { startRedis, type RedisServer } from '../../support/redis-server';
import { MemoryStore } from './memory-store';
import { RedisStore } from './redis/redis-store';
import type { TestRecords } from './test-support/records';
import { describeStoreBehaviour } from './test-support/store-behaviour';

describeStoreBehaviour('MemoryStore', (limits) => Promise.resolve(new MemoryStore<TestRecords>(limits)));

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.kill();
});

let stores = 0;
// Each store gets keys of its own on the one redis-server: every test starts from an empty store.
describeStoreBehaviour('RedisStore', (limits) =>
  RedisStore.connect<TestRecords>({ url: redis.url, limits, prefix: `t${++stores}:` }),
);
