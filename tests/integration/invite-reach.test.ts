// The links answer tells whoever may invite where the host can be reached (see shared/invite-address.ts).
import { describe, it, expect, afterEach } from 'vitest';
import { startHarness, removeDir, type Harness } from '../support/relay-harness';

let h: Harness | undefined;
afterEach(async () => {
  if (!h) return;
  await h.stop();
  removeDir(h.dataDir);
  h = undefined;
});

async function linksOf(harness: Harness, token: (t: { facilitator: string; participant: string; viewer: string }) => string) {
  const { id, tokens } = harness.relay.store.create({ title: 'Reach', footprint: '', academyId: '', date: '' });
  const res = await fetch(`${harness.relay.url}/api/workshops/${id}/links`, { headers: { authorization: `Bearer ${token(tokens)}` } });
  return { status: res.status, body: (await res.json()) as { reach?: unknown } };
}

describe('where the host can be reached', () => {
  it('a loopback host says only this computer can reach it', async () => {
    h = await startHarness();
    const { status, body } = await linksOf(h, (t) => t.participant);
    expect(status).toBe(200);
    expect(body.reach).toEqual({ network: false, publicUrl: null, urls: [] });
  });

  it('carries the public URL the host was started with', async () => {
    h = await startHarness({ publicUrl: 'https://canvas.example.org/' });
    expect((await linksOf(h, (t) => t.facilitator)).body.reach).toEqual({ network: false, publicUrl: 'https://canvas.example.org/', urls: [] });
  });

  it('is told only to people who may invite (it names the machine’s addresses)', async () => {
    h = await startHarness();
    const { status, body } = await linksOf(h, (t) => t.viewer);
    expect(status).toBe(403);
    expect(body.reach).toBeUndefined();
  });
});
