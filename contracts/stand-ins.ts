import type { BasicCredentials, BearerCredentials } from './config';

/**
 * Credentials for targets that take any well-formed ones (the kit's mock, Prism), and the stand-ins
 * rejection cases send when a deployment's own credentials are not given.
 */
export const STAND_IN_BEARER: BearerCredentials = {
  token: 'contract-suite-user',
  applicationToken: 'contract-suite-app',
};
export const STAND_IN_BASIC: BasicCredentials = {
  username: 'contract-suite-user',
  password: 'contract-suite-password',
};

/** The same, as the environment a contract run reads. */
export const STAND_IN_ENV: Readonly<Record<string, string>> = {
  NEXUS_BEARER_TOKEN: STAND_IN_BEARER.token,
  NEXUS_APPLICATION_TOKEN: STAND_IN_BEARER.applicationToken,
  NEXUS_BASIC_USERNAME: STAND_IN_BASIC.username,
  NEXUS_BASIC_PASSWORD: STAND_IN_BASIC.password,
};
