// How each Start Anywhere lens looks: one colour and one icon per lens, used on cards,
// toolbar buttons and the outline so the four lenses are told apart at a glance.
import type { LensId } from '../../../shared/framework/schema';

export const lensColour: Record<LensId, string> = {
  people: 'var(--lens-people)',
  priority: 'var(--lens-priority)',
  place: 'var(--lens-place)',
  purpose: 'var(--lens-purpose)',
};

export function LensIcon({ lens, size = 16 }: { lens: LensId; size?: number }) {
  const common = {
    width: size,
    height: size,
    viewBox: '0 0 24 24',
    'aria-hidden': true,
    fill: 'none',
    stroke: 'currentColor',
    strokeWidth: 2,
    strokeLinecap: 'round' as const,
    strokeLinejoin: 'round' as const,
  };
  switch (lens) {
    case 'people':
      return (
        <svg {...common}>
          <circle cx="9" cy="8" r="3.5" />
          <path d="M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6" />
          <circle cx="17" cy="9" r="2.5" />
          <path d="M16 14.2c3 .2 5.5 2.3 5.5 5.3" />
        </svg>
      );
    case 'priority':
      return (
        <svg {...common}>
          <path d="M5 21V4" />
          <path d="M5 4h11l-2 4 2 4H5" />
        </svg>
      );
    case 'place':
      return (
        <svg {...common}>
          <path d="M12 21s-7-6.2-7-11.5a7 7 0 0 1 14 0C19 14.8 12 21 12 21z" />
          <circle cx="12" cy="9.5" r="2.5" />
        </svg>
      );
    case 'purpose':
      return (
        <svg {...common}>
          <circle cx="12" cy="12" r="9" />
          <circle cx="12" cy="12" r="5" />
          <circle cx="12" cy="12" r="1.2" fill="currentColor" />
        </svg>
      );
  }
}
