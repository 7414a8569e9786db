import { describe, expect, it } from 'vitest';
import { notify } from '../../test/notify.js';
import { TEST_NOTIFY_SECRET, useTestApp } from '../../test/test-app.js';

/** Several ingest nodes behind one RTMP address: every notify names its node (`&node=`). */
describe('publish on a cluster of ingest nodes', () => {
  const t = useTestApp('sqlite');
  let n = 0;
  const newChannel = async () => (await t.app.channels.service.create({ slug: `node-${++n}` })).credentials;
  const publish = (key: string, clientid: string, node: string) => notify(t.app, 'publish', key, clientid, TEST_NOTIFY_SECRET, node);
  const channel = async (slug: string) => (await t.app.inject({ url: `/api/channels/${slug}` })).json();

  it('plays through the edge path of the node that holds the stream, and records the node on the session', async () => {
    t.ingest.clusterNodes.add('ingest-0').add('ingest-1');
    const c = await newChannel();
    expect((await publish(c.streamKey, '7', 'ingest-1')).statusCode).toBe(302);
    expect((await channel(c.slug)).hlsUrl).toMatch(new RegExp(`/hls/ingest-1/${c.playbackId}/master\\.m3u8$`));
    const id = (await t.app.channels.service.getBySlug(c.slug)).id;
    expect((await t.app.streams.repository.listForChannel(id))[0]?.ingestNode).toBe('ingest-1');
  });

  it('refuses a node the server has no control URL for', async () => {
    const c = await newChannel();
    expect((await publish(c.streamKey, '1', 'ingest-9')).statusCode).toBe(403);
    expect((await channel(c.slug)).live).toBe(false);
  });

  it('asks the node that holds the stream about a second publisher, and drops it there on rotation', async () => {
    t.ingest.clusterNodes.add('ingest-0').add('ingest-1');
    const c = await newChannel();
    expect((await publish(c.streamKey, '5', 'ingest-0')).statusCode).toBe(302);
    t.ingest.publishing.add(c.playbackId);
    t.ingest.asked.length = 0;
    expect((await publish(c.streamKey, '5', 'ingest-1')).statusCode).toBe(403);
    expect(t.ingest.asked).toEqual(['ingest-0']);
    await t.app.streams.service.rotateKey(c.slug);
    expect(t.ingest.asked).toEqual(['ingest-0', 'ingest-0']);
    expect(t.ingest.dropped).toContain(c.playbackId);
  });

  it('tells apart publishers with the same client id on two nodes', async () => {
    t.ingest.clusterNodes.add('ingest-0').add('ingest-1');
    const c = await newChannel();
    expect((await publish(c.streamKey, '3', 'ingest-0')).statusCode).toBe(302);
    // Client 3 of the other node ends: not this channel's publisher.
    await notify(t.app, 'publish-done', c.streamKey, '3', TEST_NOTIFY_SECRET, 'ingest-1');
    expect((await channel(c.slug)).live).toBe(true);
    await notify(t.app, 'publish-done', c.streamKey, '3', TEST_NOTIFY_SECRET, 'ingest-0');
    expect((await channel(c.slug)).live).toBe(false);
  });

  it('takes a stream offline at once when its cluster node stops answering, and accepts the republish on another node', async () => {
    t.ingest.clusterNodes.add('ingest-0').add('ingest-1');
    const c = await newChannel();
    expect((await publish(c.streamKey, '11', 'ingest-0')).statusCode).toBe(302);
    t.ingest.down = true;
    try {
      // No grace: the node is gone, not slow to list a fresh stream.
      expect(await t.app.streams.service.reconcile()).toBeGreaterThanOrEqual(1);
    } finally {
      t.ingest.down = false;
    }
    expect((await channel(c.slug)).live).toBe(false);
    expect((await publish(c.streamKey, '1', 'ingest-1')).statusCode).toBe(302);
    expect((await channel(c.slug)).hlsUrl).toContain(`/ingest-1/${c.playbackId}/`);
  });
});

describe('be right back on a cluster of ingest nodes', () => {
  const t = useTestApp('sqlite', { LIVE_GRACE_SEC: '30' });
  let n = 0;
  const newChannel = async () => (await t.app.channels.service.create({ slug: `brb-node-${++n}` })).credentials;
  const publish = (key: string, clientid: string, node: string) => notify(t.app, 'publish', key, clientid, TEST_NOTIFY_SECRET, node);
  const channel = async (slug: string) => (await t.app.inject({ url: `/api/channels/${slug}` })).json();

  it('resumes the same session on the node the republish arrives at, and plays and controls it there', async () => {
    t.ingest.clusterNodes.add('ingest-0').add('ingest-1');
    const c = await newChannel();
    expect((await publish(c.streamKey, '4', 'ingest-0')).statusCode).toBe(302);
    const session = (await t.app.channels.service.getBySlug(c.slug)).currentSessionId;
    await notify(t.app, 'publish-done', c.streamKey, '4', TEST_NOTIFY_SECRET, 'ingest-0');
    expect(await channel(c.slug)).toMatchObject({ live: true, status: 'reconnecting' });

    expect((await publish(c.streamKey, '4', 'ingest-1')).statusCode).toBe(302);
    expect(await channel(c.slug)).toMatchObject({ live: true, status: 'live' });
    expect((await channel(c.slug)).hlsUrl).toContain(`/ingest-1/${c.playbackId}/`);
    expect((await t.app.channels.service.getBySlug(c.slug)).currentSessionId).toBe(session);
    t.ingest.asked.length = 0;
    await t.app.streams.service.rotateKey(c.slug);
    expect(t.ingest.asked).toEqual(['ingest-1']);
  });

  it('still ends at once the channels of a node that stops answering, without a grace', async () => {
    t.ingest.clusterNodes.add('ingest-0').add('ingest-1');
    const c = await newChannel();
    expect((await publish(c.streamKey, '12', 'ingest-0')).statusCode).toBe(302);
    t.ingest.down = true;
    try {
      expect(await t.app.streams.service.reconcile()).toBeGreaterThanOrEqual(1);
    } finally {
      t.ingest.down = false;
    }
    expect(await channel(c.slug)).toMatchObject({ live: false });
  });
});
