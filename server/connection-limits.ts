// Live connections counted per address, per link token and per workshop, so one link holder
// cannot exhaust the host by opening sockets. Checked at the upgrade, before any room state is
// sent; each refusal has its own documented close code.
import { CloseCode } from '../shared/protocol';

export interface ConnectionSlot {
  address: string;
  token: string;
  room: string;
}

export interface ConnectionCaps {
  perAddress: number;
  perToken: number;
  perRoom: number;
}

export class ConnectionCounter {
  private readonly byAddress = new Map<string, number>();
  private readonly byToken = new Map<string, number>();
  private readonly byRoom = new Map<string, number>();

  constructor(private readonly caps: ConnectionCaps) {}

  /** Why one more connection like this is refused, or null if it may open. */
  refusal(slot: ConnectionSlot): { code: number; reason: string } | null {
    if ((this.byRoom.get(slot.room) ?? 0) >= this.caps.perRoom) return { code: CloseCode.roomFull, reason: `workshop full (${this.caps.perRoom} connections)` };
    if ((this.byAddress.get(slot.address) ?? 0) >= this.caps.perAddress)
      return { code: CloseCode.tooManyConnections, reason: `more than ${this.caps.perAddress} connections from one address` };
    if ((this.byToken.get(slot.token) ?? 0) >= this.caps.perToken)
      return { code: CloseCode.tooManyConnections, reason: `more than ${this.caps.perToken} connections with one link` };
    return null;
  }

  add(slot: ConnectionSlot): void {
    bump(this.byAddress, slot.address, 1);
    bump(this.byToken, slot.token, 1);
    bump(this.byRoom, slot.room, 1);
  }

  remove(slot: ConnectionSlot): void {
    bump(this.byAddress, slot.address, -1);
    bump(this.byToken, slot.token, -1);
    bump(this.byRoom, slot.room, -1);
  }
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}
