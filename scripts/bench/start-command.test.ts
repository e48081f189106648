import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../spec/document';
import { startNodeFlags } from './start-command';

describe('how the mock is started', () => {
  it('gives the nexus-mock bin the same Node.js flags as npm start', () => {
    const shebang =
      readFileSync(path.join(PACKAGE_ROOT, 'mock', 'server', 'cli.ts'), 'utf8').split('\n')[0] ?? '';
    expect(shebang).toBe(`#!/usr/bin/env -S node ${startNodeFlags().join(' ')}`);
    expect(startNodeFlags()).toContain('--optimize-for-size');
  });
});
