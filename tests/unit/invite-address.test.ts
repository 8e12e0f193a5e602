// The address Invite people puts in its links, for every kind of host. No traffic: these are the
// choices alone (an end-to-end test must never reach a LAN address from the sandbox).
import { describe, it, expect } from 'vitest';
import { inviteAddress, isLoopbackName, type HostReach, type PageLocation } from '../../shared/invite-address';
import { hostReach } from '../../server/host-reach';

const page = (url: string): PageLocation => {
  const u = new URL(url);
  return { protocol: u.protocol, host: u.host, hostname: u.hostname, pathname: u.pathname };
};
const loopbackPage = page('http://127.0.0.1:8080/');
const loopbackOnly: HostReach = { network: false, publicUrl: null, urls: [] };

describe('hostReach (what the host tells the page)', () => {
  it('a host on loopback says so and names no address', () => {
    expect(hostReach({ host: '127.0.0.1', port: 8080, tls: false }, () => ['192.168.1.20'])).toEqual(loopbackOnly);
    expect(hostReach({ host: '::1', port: 8080, tls: false }, () => ['192.168.1.20']).network).toBe(false);
  });

  it('a host on every interface names each of this machine’s addresses, asked for at the time', () => {
    let addresses = ['192.168.1.20'];
    const facts = { host: '0.0.0.0', port: 8080, tls: false };
    expect(hostReach(facts, () => addresses)).toEqual({ network: true, publicUrl: null, urls: ['http://192.168.1.20:8080/'] });
    addresses = ['10.0.0.5', '192.168.1.20'];
    expect(hostReach(facts, () => addresses).urls).toEqual(['http://10.0.0.5:8080/', 'http://192.168.1.20:8080/']);
  });

  it('a host on one address names that address, with https under TLS and brackets for IPv6', () => {
    expect(hostReach({ host: '192.168.1.20', port: 443, tls: true }, () => []).urls).toEqual(['https://192.168.1.20:443/']);
    expect(hostReach({ host: 'fd00::5', port: 8080, tls: false }, () => []).urls).toEqual(['http://[fd00::5]:8080/']);
  });

  it('passes the public URL on, even for a loopback host behind a proxy', () => {
    expect(hostReach({ host: '127.0.0.1', port: 8080, tls: false, publicUrl: 'https://canvas.example.org/' }, () => [])).toEqual({
      network: false,
      publicUrl: 'https://canvas.example.org/',
      urls: [],
    });
  });
});

describe('inviteAddress (what the links name)', () => {
  it('a page on a loopback-only host: its own address, marked as reachable from this computer alone', () => {
    expect(inviteAddress(loopbackPage, loopbackOnly)).toEqual({ reachable: false, origin: 'http://127.0.0.1:8080/', why: 'this-computer' });
    expect(inviteAddress(page('http://localhost:8080/'), loopbackOnly).reachable).toBe(false);
    expect(inviteAddress(page('http://[::1]:8080/'), loopbackOnly).reachable).toBe(false);
  });

  it('a page opened on the host machine of a host on the network: the network address, not 127.0.0.1', () => {
    const reach: HostReach = { network: true, publicUrl: null, urls: ['http://192.168.1.20:8080/', 'http://10.0.0.5:8080/'] };
    expect(inviteAddress(loopbackPage, reach)).toEqual({ reachable: true, origin: 'http://192.168.1.20:8080/' });
  });

  it('a page opened over the network keeps the address it came by (the one another device has already used)', () => {
    const reach: HostReach = { network: true, publicUrl: null, urls: ['http://192.168.1.20:8080/'] };
    expect(inviteAddress(page('http://10.0.0.5:8080/'), reach)).toEqual({ reachable: true, origin: 'http://10.0.0.5:8080/' });
  });

  it('the public URL wins wherever the page was opened, and gains a trailing slash', () => {
    const reach: HostReach = { network: true, publicUrl: 'https://canvas.example.org/slc', urls: ['http://192.168.1.20:8080/'] };
    expect(inviteAddress(loopbackPage, reach)).toEqual({ reachable: true, origin: 'https://canvas.example.org/slc/' });
    expect(inviteAddress(page('http://10.0.0.5:8080/'), reach).origin).toBe('https://canvas.example.org/slc/');
  });

  it('a loopback host reached through a proxy by name is reachable at that name', () => {
    expect(inviteAddress(page('https://canvas.example.org/'), loopbackOnly)).toEqual({ reachable: true, origin: 'https://canvas.example.org/' });
  });

  it('a host on the network with no network address yet says so', () => {
    expect(inviteAddress(loopbackPage, { network: true, publicUrl: null, urls: [] })).toEqual({
      reachable: false,
      origin: 'http://127.0.0.1:8080/',
      why: 'no-network',
    });
  });

  it('the desktop app hosting on an interface names that interface', () => {
    expect(inviteAddress(loopbackPage, loopbackOnly, { address: '192.168.1.20', port: 51000 })).toEqual({
      reachable: true,
      origin: 'http://192.168.1.20:51000/',
    });
  });

  it('a host too old to say anything: loopback pages are taken as this computer only', () => {
    expect(inviteAddress(loopbackPage, null).reachable).toBe(false);
    expect(inviteAddress(page('http://10.0.0.5:8080/'), null).reachable).toBe(true);
  });

  it('knows loopback names from others', () => {
    for (const n of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) expect(isLoopbackName(n), n).toBe(true);
    for (const n of ['192.168.1.20', '10.0.0.5', 'canvas.example.org', '127.0.0.1.nip.io', '[fd00::1]']) expect(isLoopbackName(n), n).toBe(false);
  });
});
