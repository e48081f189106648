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

/**
 * Makes the user a user id names, the first time the mock sees it. The faker is seeded from the
 * user id, so a user looks the same in every session and every run with the same seed. (The faker
 * instance is the library's shared one; it is reseeded right before each synchronous use.)
 */
export function createUserFactory(random: RandomSource): (userId: string) => User {
  return (userId) => {
    faker.seed(random.int(`user:${userId}`));
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    return {
      userId,
      name: `${firstName} ${lastName}`,
      email: faker.internet.exampleEmail({ firstName, lastName }).toLowerCase(),
      enrolledFactors: [],
    };
  };
}
