import type { BasicCredentials, BearerCredentials } from './config';

/**
 * Credentials for targets that take any well-formed ones (the kit's mock, Prism), and the stand-ins
 * rejection cases send when a deployment's own credentials are not given.
 */
export const STAND_IN_BEARER: BearerCredentials = {
  // Distinctive, so redaction (which also matches any 8-character piece of a credential) never
  // touches ordinary text such as the run's session name.
  token: 'standin-token-7f3a9c1e5b',
  applicationToken: 'standin-app-2d8b6e4f0a',
};
export const STAND_IN_BASIC: BasicCredentials = {
  username: 'standin-user',
  password: 'standin-pw-9c4e1a7f3d',
};

/** The same, as the environment a contract run reads. */
export const STAND_IN_ENV: Readonly<Record<string, string>> = {
  NEXUS_BEARER_TOKEN: STAND_IN_BEARER.token,
  NEXUS_APPLICATION_TOKEN: STAND_IN_BEARER.applicationToken,
  NEXUS_BASIC_USERNAME: STAND_IN_BASIC.username,
  NEXUS_BASIC_PASSWORD: STAND_IN_BASIC.password,
};
