// Every coloured table header in the PDF report is readable: its text against its fill meets the
// WCAG AA ratio for normal text (4.5:1). The fills are the NHS blue, the domains' colours and the
// "ok" green (renderer/src/export/pdf-report.ts); the text is exportColours.tableHeadText.
import { describe, it, expect } from 'vitest';
import { exportColours, hexToRgb } from '../../shared/export/palette';

const luminance = (hex: string) => {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe('PDF table headers', () => {
  const fills = { nhsBlue: exportColours.nhsBlue, ok: exportColours.ok, ...Object.fromEntries(exportColours.domains.map((d, i) => [`domain ${i + 1}`, d])) };
  for (const [name, fill] of Object.entries(fills))
    it(`${name} (#${fill}) carries its header text at 4.5:1 or more`, () => {
      expect(contrast(exportColours.tableHeadText, fill)).toBeGreaterThanOrEqual(4.5);
    });
  it('the dark ink the headers had is below 4.5:1 on NHS blue (why they changed)', () => {
    expect(contrast(exportColours.ink, exportColours.nhsBlue)).toBeLessThan(4.5);
  });
});
