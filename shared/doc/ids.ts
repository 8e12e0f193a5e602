// Random ids for workshops and entries. Workshop ids double as room and file names, so they
// use only [a-z0-9]; entry ids only need to be unique within one doc.
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(length = 20): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  // 252 is the largest multiple of 36 below 256: rejecting above it keeps every character equally likely.
  for (let i = 0; i < length; i++) {
    let b = bytes[i]!;
    while (b >= 252) b = globalThis.crypto.getRandomValues(new Uint8Array(1))[0]!;
    out += alphabet[b % 36];
  }
  return out;
}

export const newWorkshopId = (): string => randomId(20);
export const newEntryId = (): string => randomId(12);
