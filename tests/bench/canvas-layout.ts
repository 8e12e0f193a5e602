// Where the benchmark's N cards go: spread over the four domain regions in a grid (they overlap
// once there are hundreds), the same positions for our board and for the bare React Flow page.
import { domainRegion, REGION_HEADER, CARD_WIDTH, CARD_HEIGHT } from '../../shared/doc/board-geometry';

export interface BenchCard {
  x: number;
  y: number;
  region: number;
  text: string;
}

const lenses = ['people', 'priority', 'place', 'purpose'] as const;
export const lensOf = (i: number) => lenses[i % lenses.length]!;

export function benchCards(n: number): BenchCard[] {
  const perRegion = Math.ceil(n / 4);
  const out: BenchCard[] = [];
  for (let region = 0; region < 4; region++) {
    const r = domainRegion(region);
    const pad = 28;
    const w = r.width - 2 * pad - CARD_WIDTH;
    const h = r.height - REGION_HEADER - pad - CARD_HEIGHT;
    const cols = Math.max(1, Math.ceil(Math.sqrt((perRegion * w) / Math.max(1, h))));
    const rows = Math.max(1, Math.ceil(perRegion / cols));
    for (let k = 0; k < perRegion && out.length < n; k++) {
      const col = k % cols;
      const row = Math.floor(k / cols);
      out.push({
        x: Math.round(r.x + pad + (cols > 1 ? (col * w) / (cols - 1) : 0)),
        y: Math.round(r.y + REGION_HEADER + (rows > 1 ? (row * h) / (rows - 1) : 0)),
        region,
        text: `Card ${out.length + 1}: discharge planning with partners`,
      });
    }
  }
  return out;
}
