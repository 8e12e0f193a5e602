// Entry point of the desktop app (bundled to dist/electron/main.cjs). Everything it does is in
// app.ts, which the unit tests drive with a stubbed electron module.
import { runDesktopApp } from './app';

void runDesktopApp({ bundleDir: __dirname });
