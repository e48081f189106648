/** Sessions whose numbering is remembered; a forgotten one costs a round trip to learn it again. */
const REMEMBERED_SESSIONS = 10_000;

interface Numbering {
  /** The last number handed out here. */
  last: number;
  /** How many numbers were handed out here: the order in which their scripts reach Redis. */
  sent: number;
  /** Numbers handed out before this one were guesses made before the last correction. */
  correctedAt: number;
}

export interface Reservation {
  readonly n: number;
  readonly order: number;
}

/**
 * A replica's guess of each session's next ticket number, so that issuing a ticket takes one round
 * trip: the script checks the guess and answers with the right last number when it is wrong (another
 * replica issued one, the session was reset). Numbers are taken in the order their scripts are sent,
 * and one connection delivers them in that order, so a replica alone on a session always guesses
 * right, even with many requests in flight.
 *
 * A correction invalidates every guess already in flight after it; those come back wrong too and
 * must not each correct the numbering again (that would hand out the same number to all of them, and
 * again on every retry): only a number taken after the last correction corrects it.
 */
export class TicketNumbers {
  private readonly sessions = new Map<string, Numbering>();

  /** The next number to try, for a script that is sent right away. */
  take(session: string): Reservation {
    let numbering = this.sessions.get(session);
    if (!numbering) {
      if (this.sessions.size >= REMEMBERED_SESSIONS) this.sessions.clear();
      numbering = { last: 0, sent: 0, correctedAt: 0 };
      this.sessions.set(session, numbering);
    }
    return { n: ++numbering.last, order: ++numbering.sent };
  }

  /** Redis says the session's last number is `last`, not `reservation.n - 1`: the next number to try. */
  correct(session: string, reservation: Reservation, last: number): Reservation {
    const numbering = this.sessions.get(session);
    if (numbering && reservation.order > numbering.correctedAt) {
      numbering.last = last;
      numbering.correctedAt = numbering.sent;
    }
    return this.take(session);
  }

  forget(session: string): void {
    this.sessions.delete(session);
  }
}
