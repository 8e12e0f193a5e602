// The packaged app's fuses, read from electron-builder.yml with the YAML parser electron-builder
// itself uses, so a typo in a key or a value that is not a boolean fails here, not in a release.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FuseOptionsV1 } from 'app-builder-lib';

const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(join(import.meta.dirname, '..', 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown> };

// Typed against electron-builder's own option names: a renamed option stops the typecheck.
const required: Required<
  Pick<
    FuseOptionsV1,
    | 'runAsNode'
    | 'enableNodeOptionsEnvironmentVariable'
    | 'enableNodeCliInspectArguments'
    | 'enableEmbeddedAsarIntegrityValidation'
    | 'onlyLoadAppFromAsar'
    | 'enableCookieEncryption'
    | 'grantFileProtocolExtraPrivileges'
  >
> = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml fuses', () => {
  it('has an electronFuses block', () => {
    expect(config.electronFuses).toBeTypeOf('object');
  });

  for (const [fuse, value] of Object.entries(required)) {
    it(`sets ${fuse} to ${value}`, () => {
      expect(config.electronFuses?.[fuse]).toBe(value);
    });
  }

  it('names no fuse electron-builder does not know', () => {
    const known = new Set([...Object.keys(required), 'loadBrowserProcessSpecificV8Snapshot', 'resetAdHocDarwinSignature']);
    expect(Object.keys(config.electronFuses ?? {}).filter((k) => !known.has(k))).toEqual([]);
  });

  it('keeps the app in an asar archive (the integrity check and asar-only loading need one)', () => {
    expect((config as { asar?: unknown }).asar ?? true).not.toBe(false);
  });
});
