/** Four quadrants for the four domains, joined at the centre. */
export function Logo({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" className="logo">
      <rect x="2" y="2" width="17" height="17" rx="4" fill="var(--d0)" />
      <rect x="21" y="2" width="17" height="17" rx="4" fill="var(--d1)" />
      <rect x="2" y="21" width="17" height="17" rx="4" fill="var(--d2)" />
      <rect x="21" y="21" width="17" height="17" rx="4" fill="var(--d3)" />
      <circle cx="20" cy="20" r="5" fill="#fff" stroke="var(--ink)" strokeWidth="2" />
    </svg>
  );
}
