// What the desktop app remembers about itself between runs. The built-in relay's port matters:
// the window's origin (http://127.0.0.1:<port>) is where the renderer keeps the person's name,
// recent links and offline copies, so a new port every run would hide them.
import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile, writeJsonFile } from './json-file';

export const SETTINGS_NAME = 'desktop-settings.json';

const settingsSchema = z.object({ relayPort: z.number().int().min(1024).max(65535).optional() });
export type DesktopSettings = z.infer<typeof settingsSchema>;

export function readSettings(userDataDir: string): DesktopSettings {
  return readJsonFile(join(userDataDir, SETTINGS_NAME), settingsSchema, {});
}

export function writeSettings(userDataDir: string, settings: DesktopSettings): void {
  writeJsonFile(join(userDataDir, SETTINGS_NAME), settings);
}
