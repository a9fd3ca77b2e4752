import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage } from 'class-validator';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Environment } from './environment.js';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const settings = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(Environment, '', true, false)
      .map((metadata) => metadata.propertyName),
  ),
];

describe('the settings', () => {
  it('are all read from the environment', () => {
    expect(settings).toContain('FLAGS_TO_HIDE');
    expect(settings.length).toBeGreaterThan(25);
  });

  it('each have a row in the README configuration table', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
    );
    expect(settings.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });

  it('each appear in .env.example', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    expect(settings.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))).toEqual([]);
  });
});
