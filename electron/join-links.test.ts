import { describe, expect, it, vi } from 'vitest';
import { join } from 'node:path';
import { LaunchQueue, desktopJoinLink, launchTargets, parseJoinLink } from './join-links';

const id = 'abcdefghij0123456789';

describe('parseJoinLink', () => {
  it('reads an http(s) join link as the Invite people dialog gives it', () => {
    expect(parseJoinLink(`http://192.168.1.20:4000/#/w/${id}?t=Zx_9-a`)).toEqual({
      url: `http://192.168.1.20:4000/#/w/${id}?t=Zx_9-a`,
      origin: 'http://192.168.1.20:4000',
      workshopId: id,
      token: 'Zx_9-a',
    });
    expect(parseJoinLink(`  https://canvas.example.nhs.uk/app/?x=1#/w/${id}?t=abc  `)).toMatchObject({
      url: `https://canvas.example.nhs.uk/app/#/w/${id}?t=abc`,
      origin: 'https://canvas.example.nhs.uk',
    });
  });

  it('reads both slcanvas:// forms', () => {
    expect(parseJoinLink(`slcanvas://192.168.1.20:4000/#/w/${id}?t=abc`)).toMatchObject({
      url: `http://192.168.1.20:4000/#/w/${id}?t=abc`,
      origin: 'http://192.168.1.20:4000',
    });
    expect(parseJoinLink(`SLCANVAS://venue-laptop/#/w/${id}?t=abc`)).toMatchObject({ origin: 'http://venue-laptop' });
    const https = `https://canvas.example.nhs.uk/#/w/${id}?t=abc`;
    expect(parseJoinLink(`slcanvas://join?link=${encodeURIComponent(https)}`)).toMatchObject({ url: https });
    expect(parseJoinLink(desktopJoinLink(parseJoinLink(https)!))).toEqual(parseJoinLink(https));
  });

  it('refuses anything that is not a join link', () => {
    const bad = [
      '',
      'hello',
      'https://example.org/',
      `https://example.org/#/w/${id}`,
      `https://example.org/#/w/${id}?t=`,
      `https://example.org/#/w/not-an-id?t=abc`,
      `https://example.org/#/w/${id}?t=<script>`,
      `https://user:pass@example.org/#/w/${id}?t=abc`,
      `file:///etc/passwd#/w/${id}?t=abc`,
      `javascript:alert(1)//#/w/${id}?t=abc`,
      `ftp://example.org/#/w/${id}?t=abc`,
      'slcanvas://join',
      `slcanvas://join?link=${encodeURIComponent(`file:///x#/w/${id}?t=abc`)}`,
      `slcanvas://join?link=${encodeURIComponent(`slcanvas://a/#/w/${id}?t=abc`)}`,
      `slcanvas:///#/w/${id}?t=abc`,
      `slcanvas://u:p@host/#/w/${id}?t=abc`,
      `https://example.org/#/w/${id}?t=${'a'.repeat(5000)}`,
    ];
    for (const text of bad) expect(parseJoinLink(text), text).toBeNull();
  });
});

describe('launchTargets', () => {
  it('picks .slcanvas files (relative to the start folder) and slcanvas:// links out of a command line', () => {
    const cwd = join('/', 'home', 'hannah');
    expect(
      launchTargets(
        ['.', '--inspect', 'plans/winter.slcanvas', `slcanvas://host/#/w/${id}?t=a`, '/abs/Board.SLCANVAS', 'notes.txt', '', '--flag=x.slcanvas'],
        cwd,
      ),
    ).toEqual([
      { kind: 'file', path: join(cwd, 'plans', 'winter.slcanvas') },
      { kind: 'link', link: `slcanvas://host/#/w/${id}?t=a` },
      { kind: 'file', path: '/abs/Board.SLCANVAS' },
    ]);
    expect(launchTargets([], cwd)).toEqual([]);
  });
});

describe('LaunchQueue', () => {
  it('holds targets until the app is ready, then passes them straight on', () => {
    const q = new LaunchQueue();
    q.push({ kind: 'file', path: '/a.slcanvas' });
    q.push({ kind: 'link', link: 'slcanvas://x' });
    const handler = vi.fn();
    q.drain(handler);
    expect(handler.mock.calls.map((c) => c[0])).toEqual([
      { kind: 'file', path: '/a.slcanvas' },
      { kind: 'link', link: 'slcanvas://x' },
    ]);
    q.push({ kind: 'file', path: '/b.slcanvas' });
    expect(handler).toHaveBeenCalledTimes(3);
  });
});
