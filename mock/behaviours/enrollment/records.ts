import type { MfaFactor } from '../../../spec/types';
import type { RecordTypes } from '../../state/records';
import type { Store } from '../../state/store';
import type { Email } from './outbox';
import type { Ticket } from './tickets';
import type { User } from './users';

/**
 * The records the enrollment keeps: the store is typed with them (`Store<EnrollmentRecords>`), and
 * knows of them only what `RecordTypes` says (state/ imports nothing of the enrollment).
 */
export interface EnrollmentRecords extends RecordTypes {
  readonly factor: MfaFactor;
  readonly user: User;
  readonly ticket: Ticket;
  readonly email: Email;
}

/** The store the mock serves the enrollment from: the engine's state and the enrollment's records. */
export type EnrollmentStore = Store<EnrollmentRecords>;
