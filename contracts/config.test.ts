import { readSuiteConfig } from './config';

describe('readSuiteConfig', () => {
  it('targets the in-process mock with the full profile and safe limits by default', () => {
    expect(readSuiteConfig({})).toMatchObject({
      baseUrl: undefined,
      profile: 'full',
      allowEmail: false,
      checkWrongCredentials: false,
      timeoutMs: 10_000,
      runTimeoutMs: 600_000,
      maxBodyBytes: 10 * 1024 * 1024,
      maxRetries: 2,
      maxRequests: 1000,
      decisions: 'fail',
      allowUnsafeMethods: false,
      minCoverage: undefined,
    });
    expect(readSuiteConfig({}).spec).toMatch(/spec[/\\]nexus\.openapi\.yaml$/);
  });

  it('reads the request deadline under its new name and its old one, the run deadline and the body cap', () => {
    expect(readSuiteConfig({ NEXUS_TIMEOUT_MS: '300' }).timeoutMs).toBe(300);
    expect(readSuiteConfig({ NEXUS_TIMEOUT_MS: '300', NEXUS_REQUEST_TIMEOUT_MS: '200' }).timeoutMs).toBe(200);
    expect(readSuiteConfig({ NEXUS_RUN_TIMEOUT_MS: '5000' }).runTimeoutMs).toBe(5000);
    expect(readSuiteConfig({ NEXUS_MAX_BODY_BYTES: '1024' }).maxBodyBytes).toBe(1024);
    expect(() => readSuiteConfig({ NEXUS_REQUEST_TIMEOUT_MS: '0' })).toThrow(
      "NEXUS_REQUEST_TIMEOUT_MS must be above 0, got '0'",
    );
  });

  it('draws a seed when NEXUS_CONTRACT_SEED is not given, and keeps the one given', () => {
    expect(Number.isInteger(readSuiteConfig({}).seed)).toBe(true);
    expect(readSuiteConfig({ NEXUS_CONTRACT_SEED: '42' }).seed).toBe(42);
  });

  it('reads the document, the decisions mode, unsafe methods, the coverage floor and API keys', () => {
    const config = readSuiteConfig({
      NEXUS_SPEC: 'other.yaml',
      NEXUS_DECISIONS: 'warn',
      NEXUS_ALLOW_UNSAFE_METHODS: 'true',
      NEXUS_MIN_COVERAGE: '80',
      NEXUS_API_KEY_QUERYKEY: 'k-1',
    });
    expect(config).toMatchObject({
      spec: 'other.yaml',
      decisions: 'warn',
      allowUnsafeMethods: true,
      minCoverage: 80,
      apiKeys: { NEXUS_API_KEY_QUERYKEY: 'k-1' },
    });
  });

  it('reads credentials in pairs, and says which half is missing', () => {
    const config = readSuiteConfig({
      NEXUS_BEARER_TOKEN: 't',
      NEXUS_BASIC_USERNAME: 'u',
      NEXUS_BASIC_PASSWORD: 'p',
    });
    expect(config.bearer).toBeUndefined();
    expect(config.missing.bearer).toBe('NEXUS_APPLICATION_TOKEN is not set (NEXUS_BEARER_TOKEN is)');
    expect(config.basic).toEqual({ username: 'u', password: 'p' });
  });

  it('takes the application token header name from NEXUS_APPLICATION_TOKEN_HEADER', () => {
    expect(readSuiteConfig({ NEXUS_APPLICATION_TOKEN_HEADER: 'X-App-Key' }).applicationTokenHeader).toBe(
      'X-App-Key',
    );
  });

  it('drops a trailing slash from NEXUS_BASE_URL', () => {
    expect(readSuiteConfig({ NEXUS_BASE_URL: 'https://staging.example.com/' }).baseUrl).toBe(
      'https://staging.example.com',
    );
  });

  it.each([
    [
      { NEXUS_BASE_URL: 'staging.example.com' },
      "NEXUS_BASE_URL must be an http(s) URL, got 'staging.example.com'",
    ],
    [
      { NEXUS_CONTRACT_PROFILE: 'quick' },
      "NEXUS_CONTRACT_PROFILE must be full, structural or proxied, got 'quick'",
    ],
    [{ NEXUS_TIMEOUT_MS: '10s' }, "NEXUS_TIMEOUT_MS must be a whole number, got '10s'"],
    [{ NEXUS_DECISIONS: 'ignore' }, "NEXUS_DECISIONS must be fail or warn, got 'ignore'"],
    [{ NEXUS_MIN_COVERAGE: '120' }, "NEXUS_MIN_COVERAGE must be a percentage from 0 to 100, got '120'"],
    [{ NEXUS_CONTRACT_SEED: 'abc' }, "NEXUS_CONTRACT_SEED must be a whole number, got 'abc'"],
  ])('refuses %p', (env, message) => {
    expect(() => readSuiteConfig(env)).toThrow(message);
  });
});
