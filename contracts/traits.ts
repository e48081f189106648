import type { CredentialKit } from './credentials';

/**
 * What a target offers the cases, known before any case runs. Its own file, so the cases (which
 * read it) and the plan (which reads the cases) do not import each other.
 */
export interface TargetTraits {
  readonly description: string;
  /** The credentials the run has, by security scheme. */
  readonly credentials: CredentialKit;
  readonly allowEmail: boolean;
  /** Undocumented PUT, PATCH, DELETE and POST may be sent (always to the in-process mock). */
  readonly allowUnsafeMethods: boolean;
  /** The target exposes the mock's control plane (`GET /__admin/health` answers like the mock). */
  readonly isMock: boolean;
  /** Wrong credentials are refused there (a real deployment; the mock and Prism take any). */
  readonly verifiesCredentials: boolean;
}
