import { splitArgs } from './contract-run';

describe('splitArgs', () => {
  it.each([
    { argv: ['--profile', 'structural'], env: { NEXUS_CONTRACT_PROFILE: 'structural' }, jestArgs: [] },
    { argv: ['--profile=structural'], env: { NEXUS_CONTRACT_PROFILE: 'structural' }, jestArgs: [] },
    {
      argv: ['--base-url', 'https://s.example', '--verbose'],
      env: { NEXUS_BASE_URL: 'https://s.example' },
      jestArgs: ['--verbose'],
    },
    { argv: ['-t', 'auth'], env: {}, jestArgs: ['-t', 'auth'] },
    { argv: ['--spec', '/specs/pets.yaml'], env: { NEXUS_SPEC: '/specs/pets.yaml' }, jestArgs: [] },
  ])('reads $argv', ({ argv, env, jestArgs }) => {
    expect(splitArgs(argv)).toEqual({ env, jestArgs });
  });
});
