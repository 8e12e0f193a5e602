// Brings a domain's cards into view on the phone, unless the person is typing (a jump would
// take the text box they are writing in off screen).
export function domainSectionId(index: number): string {
  return `phone-domain-${index}`;
}

export function scrollToDomain(index: number): void {
  const active = document.activeElement;
  if (active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement) return;
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  document.getElementById(domainSectionId(index))?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
}
