// The start-up log says where the host listens and, where it can know it, the address people
// open; inside a container it never sends them to 127.0.0.1.
import { describe, it, expect } from 'vitest';
import { parsePublicUrl, startupLines, type StartupFacts } from './startup-log';

const base: StartupFacts = {
  product: 'Systems Leadership Canvas',
  host: '127.0.0.1',
  port: 8080,
  tls: false,
  relayUrl: 'http://127.0.0.1:8080',
  inContainer: false,
  networkAddresses: ['192.168.1.20'],
  fields: { hostKey: true },
};
const text = (f: StartupFacts) => startupLines(f).map(([m]) => m);

describe('the start-up log', () => {
  it('on loopback, names the address to open on this machine, as before', () => {
    const [first] = startupLines(base);
    expect(first).toEqual(['Systems Leadership Canvas is running at http://127.0.0.1:8080/', { url: 'http://127.0.0.1:8080/', hostKey: true }]);
    expect(startupLines(base)).toHaveLength(1);
  });

  it('in a container, says it listens on every interface and does not send people to 127.0.0.1', () => {
    const lines = text({ ...base, host: '0.0.0.0', inContainer: true });
    expect(lines[0]).toBe('Systems Leadership Canvas is listening on 0.0.0.0:8080 (every network interface)');
    expect(lines.join('\n')).not.toContain('127.0.0.1');
    expect(lines.join('\n')).toContain('SLC_PUBLIC_URL');
  });

  it('with a public URL, says that is where people open it', () => {
    const lines = startupLines({ ...base, host: '0.0.0.0', inContainer: true, publicUrl: 'https://canvas.example.org/' });
    expect(lines[0]![1]).toMatchObject({ listen: '0.0.0.0:8080', url: 'https://canvas.example.org/' });
    expect(lines[1]![0]).toMatch(/^People open it at https:\/\/canvas\.example\.org\/;/);
  });

  it('on a network outside a container, offers this machine’s address', () => {
    expect(text({ ...base, host: '0.0.0.0' })[1]).toMatch(/open it at http:\/\/192\.168\.1\.20:8080\//);
    expect(text({ ...base, host: '0.0.0.0', networkAddresses: [], tls: true })[1]).toContain("https://<this machine's address>:8080/");
  });

  it('takes only http(s) public URLs', () => {
    expect(parsePublicUrl('https://canvas.example.org')).toEqual({ url: 'https://canvas.example.org/' });
    expect(parsePublicUrl('canvas.example.org')).toHaveProperty('error');
    expect(parsePublicUrl('ftp://x')).toHaveProperty('error');
  });
});
