// The desktop shell's API, present only inside the Electron window (the preload exposes it).
import type { DesktopApi } from '../../../shared/ipc-contract';

declare global {
  interface Window {
    desktop?: DesktopApi;
  }
}

export function desktopApi(): DesktopApi | null {
  return typeof window !== 'undefined' && window.desktop ? window.desktop : null;
}
