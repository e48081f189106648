import { EventEmitter } from 'node:events';
import { batchLines, type Drainable } from './line-batch';

/** A destination that takes `capacity` writes before it asks to wait for `drain`. */
class Destination extends EventEmitter implements Drainable {
  readonly writes: string[] = [];
  constructor(private capacity: number) {
    super();
  }
  write(text: string): boolean {
    this.writes.push(text);
    return --this.capacity > 0;
  }
  drain(capacity: number): void {
    this.capacity = capacity;
    this.emit('drain');
  }
}

describe('batchLines', () => {
  it('hands lines on joined, once they reach the minimum length', () => {
    const destination = new Destination(10);
    const batch = batchLines(destination, 6);
    batch.write('ab\n');
    expect(destination.writes).toEqual([]);
    batch.write('cd\n');
    batch.write('e\n');
    expect(destination.writes).toEqual(['ab\ncd\n']);
  });

  it('holds lines while the destination asks to wait, then hands them on in one write', () => {
    const destination = new Destination(1);
    const batch = batchLines(destination, 2);
    batch.write('a\n');
    batch.write('b\n');
    batch.write('c\n');
    expect(destination.writes).toEqual(['a\n']);
    destination.drain(1);
    expect(destination.writes).toEqual(['a\n', 'b\nc\n']);
  });

  it('hands on whatever it holds when flushed, waiting or not', () => {
    const destination = new Destination(1);
    const batch = batchLines(destination, 100);
    batch.write('a\n');
    batch.flush();
    batch.write('b\n');
    batch.flush();
    expect(destination.writes).toEqual(['a\n', 'b\n']);
  });
});
