import { TicketNumbers } from './ticket-numbers';

describe('TicketNumbers', () => {
  it('hands out 1, 2, 3 for each session on its own', () => {
    const numbers = new TicketNumbers();
    expect([numbers.take('a').n, numbers.take('a').n, numbers.take('b').n, numbers.take('a').n]).toEqual([
      1, 2, 1, 3,
    ]);
  });

  it('corrects once for all the guesses in flight when another replica moved on', () => {
    const numbers = new TicketNumbers();
    const inFlight = [numbers.take('s'), numbers.take('s'), numbers.take('s')];
    // Redis answers each, in order: the session's last number is 10.
    const retried = inFlight.map((r) => numbers.correct('s', r, 10).n);
    expect(retried).toEqual([11, 12, 13]);
    expect(numbers.take('s').n).toBe(14);
  });

  it('corrects again for a guess made after the last correction', () => {
    const numbers = new TicketNumbers();
    const first = numbers.take('s');
    numbers.correct('s', first, 10);
    const later = numbers.take('s');
    expect(numbers.correct('s', later, 0).n).toBe(1);
  });

  it('starts again at 1 for a forgotten session', () => {
    const numbers = new TicketNumbers();
    numbers.take('s');
    numbers.forget('s');
    expect(numbers.take('s').n).toBe(1);
  });
});
