// Colours the exports share (PDF and PowerPoint), matching the board's custom properties in
// app.css (--d0..--d3, --lens-*) so a domain looks the same on screen, on paper and on a slide.
import type { LensId } from '../framework/schema';

export const exportColours = {
  nhsBlue: '005EB8',
  nhsDark: '003087',
  ink: '1D2A38',
  muted: '5F6F80',
  line: 'D6DEE7',
  ok: '007F3B',
  danger: 'B3261E',
  /** text on a coloured table header (tests/unit/export-contrast.test.ts checks every header fill against it) */
  tableHeadText: 'FFFFFF',
  /** in framework domain order */
  domains: ['0072C6', '7C3F98', '00796B', 'C0501A'],
  domainTints: ['EEF5FC', 'F6F0F9', 'EBF6F4', 'FCF2EC'],
  lenses: { people: '0B5CAD', priority: 'B01C5D', place: '1D7A46', purpose: '8A4B00' } satisfies Record<LensId, string>,
} as const;

export type Rgb = [number, number, number];

export function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A domain's colour by its position in the framework; a neutral blue past the fourth. */
export function domainHex(index: number): string {
  return exportColours.domains[index] ?? exportColours.nhsBlue;
}
