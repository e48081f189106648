import { MemoryStore } from './memory-store';
import { rejectedRequest, ticket } from './test-support/records';

const draw = (store: MemoryStore, session: string, counter: string, times: number): Promise<number[]> =>
  Promise.all(Array.from({ length: times }, () => store.nextSequence(session, counter)));

describe('MemoryStore.nextSequence', () => {
  it('counts 1, 2, 3 for each session and counter on its own', async () => {
    const store = new MemoryStore();
    expect(await draw(store, 'a', 'body', 3)).toEqual([1, 2, 3]);
    expect(await draw(store, 'b', 'body', 2)).toEqual([1, 2]);
    expect(await draw(store, 'a', 'latency', 1)).toEqual([1]);
    expect(await draw(store, 'a', 'body', 1)).toEqual([4]);
  });

  it('gives concurrent draws different numbers', async () => {
    const store = new MemoryStore();
    const numbers = await draw(store, 's', 'body', 100);
    expect(new Set(numbers).size).toBe(100);
  });

  it.each([
    ['reset', (store: MemoryStore) => store.reset('a')],
    ['eviction', (store: MemoryStore) => store.recordRequest('newcomer', rejectedRequest('newcomer'))],
  ])('starts again at 1 once the session is forgotten by %s', async (_, forget) => {
    const store = new MemoryStore({ maxSessions: 2 });
    await draw(store, 'a', 'body', 2);
    await draw(store, 'b', 'body', 2);
    await forget(store);
    expect(await draw(store, 'b', 'body', 1)).toEqual([3]);
    expect(await draw(store, 'a', 'body', 1)).toEqual([1]);
  });

  it('forgets a session that only holds sequences before one that holds tickets', async () => {
    const store = new MemoryStore({ maxSessions: 2 });
    await store.issueTicket('qa', () => ticket('tq', 'u', 0, 'qa'), 0);
    for (const noise of ['n1', 'n2', 'n3']) await store.nextSequence(noise, 'latency');
    expect(await store.getTicket('qa', 'tq')).toBeDefined();
  });
});
