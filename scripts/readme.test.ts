import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeWithShortcuts } from './readme-shortcuts';

const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8');

describe('README', () => {
  it('lists the keyboard shortcuts exactly as the command catalog defines them', () => {
    expect(readme).toBe(readmeWithShortcuts(readme));
  });

  it('names the two commands for a fresh machine, and each exists in package.json', () => {
    const scripts = JSON.parse(readFileSync(resolve(__dirname, '..', 'package.json'), 'utf8')).scripts;
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
    expect(scripts.start).toBeTruthy();
    expect(scripts.test).toBeTruthy();
  });
});
