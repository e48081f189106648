// The English-only entry point: importing the package root loads every locale (~130 ms at start-up).
import { faker } from '@faker-js/faker/locale/en';
import type { MfaFactor } from '../../../spec/types';
import type { RandomSource } from '../../random';

export interface User {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  /** Factors enrolled by completed tickets, oldest first, each once. */
  readonly enrolledFactors: readonly MfaFactor[];
}

/** How many users' generated names are remembered, so a user met again in a new session costs nothing. */
const REMEMBERED = 1024;

/**
 * Makes the user a user id names, the first time the mock sees it. The faker is seeded from the
 * user id, so a user looks the same in every session and every run with the same seed. (The faker
 * instance is the library's shared one; it is reseeded right before each synchronous use.) Seeding
 * and drawing cost ~30 µs; the same user in a stream of new sessions (CI jobs, each with its own
 * session) is drawn once.
 */
export function createUserFactory(random: RandomSource): (userId: string) => User {
  const drawn = new Map<string, Pick<User, 'name' | 'email'>>();
  return (userId) => {
    let identity = drawn.get(userId);
    if (!identity) {
      faker.seed(random.int(`user:${userId}`));
      const firstName = faker.person.firstName();
      const lastName = faker.person.lastName();
      identity = {
        name: `${firstName} ${lastName}`,
        email: faker.internet.exampleEmail({ firstName, lastName }).toLowerCase(),
      };
      if (drawn.size >= REMEMBERED) drawn.delete(drawn.keys().next().value ?? '');
      drawn.set(userId, identity);
    }
    return { userId, ...identity, enrolledFactors: [] };
  };
}
