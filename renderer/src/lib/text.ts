/** Some framework texts run on from a heading in the source document and start in lower case. */
export function sentenceCase(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// Shared with the exports, which are built outside React.
export { plural } from '../../../shared/wording';
