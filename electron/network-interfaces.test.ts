import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { lanInterfaces } from './network-interfaces';

const info = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null }) as NetworkInterfaceInfo;

describe('lanInterfaces', () => {
  it('lists each non-internal IPv4 address with its interface name', () => {
    expect(
      lanInterfaces({
        lo: [info('127.0.0.1', 'IPv4', true), info('::1', 'IPv6', true)],
        en0: [info('fe80::1', 'IPv6'), info('192.168.1.20', 'IPv4')],
        'Wi-Fi': [info('10.0.0.5', 'IPv4'), info('10.0.0.6', 'IPv4')],
        empty: undefined,
      }),
    ).toEqual([
      { name: 'en0', address: '192.168.1.20' },
      { name: 'Wi-Fi', address: '10.0.0.5' },
      { name: 'Wi-Fi', address: '10.0.0.6' },
    ]);
  });

  it('accepts the numeric family older Node versions report, and lists an address once', () => {
    const old = { ...info('172.16.0.2', 'IPv4'), family: 4 } as unknown as NetworkInterfaceInfo;
    expect(lanInterfaces({ eth0: [old], eth1: [info('172.16.0.2', 'IPv4')] })).toEqual([{ name: 'eth0', address: '172.16.0.2' }]);
  });

  it('is empty with no network', () => {
    expect(lanInterfaces({ lo: [info('127.0.0.1', 'IPv4', true)] })).toEqual([]);
  });
});
