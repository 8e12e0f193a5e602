// What the host knows about where people can reach it, for the Invite dialog's links (see
// shared/invite-address.ts for how the page chooses among these).
import { networkInterfaces } from 'node:os';
import type { HostReach } from '../shared/invite-address';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
export const WILDCARD = new Set(['0.0.0.0', '::', '']);

export const isLoopbackHost = (host: string) => LOOPBACK.has(host);

export interface ReachFacts {
  /** the --host it listens on */
  host: string;
  /** the port it actually listens on */
  port: number;
  tls: boolean;
  publicUrl?: string;
}

/** This machine's IPv4 addresses that other machines may reach (not loopback). */
export function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

export function urlFor(address: string, port: number, tls: boolean): string {
  return `${tls ? 'https' : 'http'}://${address.includes(':') ? `[${address}]` : address}:${port}/`;
}

/**
 * `addresses` is asked for on every call: a laptop joins the venue's Wi-Fi after the host started,
 * and its address is the one the room needs.
 */
export function hostReach(f: ReachFacts, addresses: () => readonly string[] = externalAddresses): HostReach {
  const publicUrl = f.publicUrl ?? null;
  if (isLoopbackHost(f.host)) return { network: false, publicUrl, urls: [] };
  const listed = WILDCARD.has(f.host) ? addresses() : [f.host];
  return { network: true, publicUrl, urls: listed.map((a) => urlFor(a, f.port, f.tls)) };
}
