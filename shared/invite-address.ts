// Which address the Invite dialog puts in its links and QR code. A link is only worth handing on
// if another device can open it: a page opened at http://127.0.0.1 on a host that listens on
// loopback alone gives links (and a QR code) no phone in the room can follow.

/** What the host tells the page about where it can be reached (GET /api/workshops/<id>/links). */
export interface HostReach {
  /** false: the host listens on loopback only, so nothing but this computer can open it */
  network: boolean;
  /** --public-url / SLC_PUBLIC_URL: the address people open (a proxy's, a published port's) */
  publicUrl: string | null;
  /** a host on the network: this machine's own addresses as URLs another machine may open, best first */
  urls: string[];
}

export type InviteAddress =
  | { reachable: true; origin: string }
  /** `this-computer`: the host listens on loopback; `no-network`: it listens on the network but this machine has no address on one */
  | { reachable: false; origin: string; why: 'this-computer' | 'no-network' };

export interface PageLocation {
  protocol: string;
  host: string;
  hostname: string;
  pathname: string;
}

/** localhost, 127.0.0.0/8 and ::1: names only this computer answers to. */
export function isLoopbackName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/**
 * The origin (with path, ending in "/") for join links, and whether people elsewhere can open it.
 * `desktopHosting`: the desktop app's own relay opened to the network on one interface.
 */
export function inviteAddress(page: PageLocation, reach: HostReach | null, desktopHosting?: { address: string; port: number } | null): InviteAddress {
  const own = `${page.protocol}//${page.host}${page.pathname}`;
  if (desktopHosting) return { reachable: true, origin: `http://${hostPart(desktopHosting.address)}:${desktopHosting.port}/` };
  // The address the host was told people use wins over any it can see for itself.
  if (reach?.publicUrl) return { reachable: true, origin: withSlash(reach.publicUrl) };
  // This page came over the network (or through a proxy in front of a loopback host): others can come the same way.
  if (!isLoopbackName(page.hostname)) return { reachable: true, origin: own };
  // A host too old to say: the page's own address is all there is.
  if (!reach) return { reachable: false, origin: own, why: 'this-computer' };
  if (!reach.network) return { reachable: false, origin: own, why: 'this-computer' };
  const url = reach.urls[0];
  return url ? { reachable: true, origin: withSlash(url) } : { reachable: false, origin: own, why: 'no-network' };
}

const hostPart = (address: string) => (address.includes(':') ? `[${address}]` : address);
