import { Queue } from './queue';

const filled = (items: number[]): Queue<number> => {
  const queue = new Queue<number>();
  for (const item of items) queue.push(item);
  return queue;
};

describe('Queue', () => {
  it('gives items back in the order they were added', () => {
    const queue = filled([1, 2, 3]);
    expect([queue.shift(), queue.shift()]).toEqual([1, 2]);
    queue.push(4);
    expect([...queue]).toEqual([3, 4]);
    expect(queue.size).toBe(2);
  });

  it('keeps its order across many adds and takes', () => {
    const queue = new Queue<number>();
    const taken: number[] = [];
    for (let i = 0; i < 1000; i++) {
      queue.push(i);
      if (i % 3 !== 0) taken.push(queue.shift() ?? -1);
    }
    expect(taken).toEqual(Array.from({ length: taken.length }, (_, i) => i));
    expect([...queue]).toEqual(Array.from({ length: queue.size }, (_, i) => taken.length + i));
  });

  it('shows its front item without taking it', () => {
    const queue = filled([7, 8]);
    expect(queue.peek()).toBe(7);
    expect(queue.size).toBe(2);
  });

  it('answers undefined when empty', () => {
    const queue = filled([1]);
    queue.shift();
    expect([queue.peek(), queue.shift(), queue.size]).toEqual([undefined, undefined, 0]);
  });
});
