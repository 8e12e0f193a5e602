// The addresses other computers on the local network can reach this one at: the non-internal
// IPv4 address of each network interface. Pure: os.networkInterfaces() is passed in.
import type { NetworkInterfaceInfo } from 'node:os';

export interface LanInterface {
  /** the operating system's name for it, e.g. "en0" or "Wi-Fi" */
  name: string;
  address: string;
}

export function lanInterfaces(all: NodeJS.Dict<NetworkInterfaceInfo[]>): LanInterface[] {
  const found: LanInterface[] = [];
  for (const [name, infos] of Object.entries(all)) {
    for (const info of infos ?? []) {
      // Node before 18.4 reported the family as the number 4.
      const ipv4 = info.family === 'IPv4' || (info.family as unknown) === 4;
      if (!ipv4 || info.internal) continue;
      if (!found.some((f) => f.address === info.address)) found.push({ name, address: info.address });
    }
  }
  return found;
}
