import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, type Browser } from '@lait/testkit/browser';
import { channel, nodeOf, rotateKey, signUp, startTestCluster, type Streamer, type TestCluster } from '../../helpers/cluster.js';
import { waitFor } from '@lait/testkit/ports';
import { exitWithin, publish, type Publisher } from '@lait/testkit/publisher';
import { ResumingChat } from '../../helpers/resuming-chat.js';

/** `npm run cluster`'s topology: 2 API processes and 2 ingest nodes behind one entry, 2 edges, MySQL, Redis. */
describe('the cluster (npm run cluster topology, real processes)', () => {
  let c: TestCluster;
  let browser: Browser;
  const publishers: Publisher[] = [];
  const chats: ResumingChat[] = [];
  let a: Streamer;
  let b: Streamer;

  beforeAll(async () => {
    c = await startTestCluster();
    browser = await launchBrowser();
    a = await signUp(c.urls.site, 'sa');
    b = await signUp(c.urls.site, 'sb');
  }, 120_000);
  afterAll(async () => {
    chats.forEach((x) => x.close());
    await Promise.all(publishers.map((p) => p.stop()));
    await browser?.close();
    await c?.teardown();
  }, 60_000);

  const start = (key: string) => {
    const p = publish(c.urls.rtmp, key, { durationSec: 120 });
    publishers.push(p);
    return p;
  };
  const liveOn = (slug: string) => waitFor(`${slug} live`, async () => {
    const ch = await channel(c.urls.site, slug);
    return ch.live ? ch : null;
  }, 20_000);
  /** The channel page through the entry plays the stream (hls.js, through the edge in hlsUrl). */
  const plays = async (page: Page, slug: string) => {
    const seen: string[] = [];
    page.on('console', (m) => seen.push(m.text()));
    page.on('requestfailed', (r) => seen.push(`failed ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => r.status() >= 400 && seen.push(`${r.status()} ${r.url()}`));
    await page.goto(`${c.urls.site}/c/${slug}`);
    await waitFor(`${slug} to play`, async () => (await page.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.currentTime).catch(() => 0)) > 1, 30_000, 250)
      .catch((err: Error) => {
        throw new Error(`${err.message}\n${seen.slice(-15).join('\n')}`);
      });
  };

  it('spreads two streams over both ingest nodes, and both play in Chromium through an edge', async () => {
    start(await rotateKey(c.urls.apis[0]!, a));
    const chA = await liveOn(a.slug);
    start(await rotateKey(c.urls.apis[1]!, b));
    const chB = await liveOn(b.slug);
    expect(new Set([nodeOf(chA.hlsUrl), nodeOf(chB.hlsUrl)])).toEqual(new Set(['ingest-0', 'ingest-1']));
    expect(chA.hlsUrl.startsWith(`${c.urls.edges[0]}/hls/`)).toBe(true);
    const pages = await Promise.all([browser.context.newPage(), browser.context.newPage()]);
    await Promise.all([plays(pages[0]!, a.slug), plays(pages[1]!, b.slug)]);
    // Any edge serves any stream: the second edge too, from its cache after the first request.
    const second = chB.hlsUrl.replace(c.urls.edges[0]!, c.urls.edges[1]!);
    const playlist = await waitFor('the playlist on the second edge', async () => {
      const res = await fetch(second);
      return res.ok ? res.text() : null;
    }, 10_000);
    // hlsUrl is the master playlist: its first variant is the source's media playlist.
    const variant = new URL(playlist.split('\n').find((l) => l.endsWith('.m3u8'))!, second).href;
    const media = await (await fetch(variant)).text();
    const segment = media.split('\n').find((l) => l.endsWith('.ts'))!;
    const segUrl = new URL(segment, variant).href;
    expect((await fetch(segUrl)).status).toBe(200);
    expect((await fetch(segUrl)).headers.get('x-cache-status')).toBe('HIT');
    await Promise.all(pages.map((p) => p.close()));
  });

  it('crosses chat between the API processes, and a key rotation on either drops the stream on the node that holds it', async () => {
    const fan = await signUp(c.urls.site, 'fan');
    const onA = new ResumingChat(c.urls.apis[0]!, a.slug, fan.token);
    const onB = new ResumingChat(c.urls.apis[1]!, a.slug);
    chats.push(onA, onB);
    await Promise.all([onA.ready(), onB.ready()]);
    const id = await onA.send('안녕하세요 클러스터');
    await waitFor('the message on the other process', async () => onB.byId.has(id), 5000, 20);

    const [pubA, pubB] = publishers as [Publisher, Publisher];
    const nodes = [nodeOf((await channel(c.urls.site, a.slug)).hlsUrl), nodeOf((await channel(c.urls.site, b.slug)).hlsUrl)];
    // Each process rotates the key of the stream it did not start, on whichever node holds it.
    await rotateKey(c.urls.apis[1]!, a);
    await rotateKey(c.urls.apis[0]!, b);
    expect(await exitWithin(pubA, 10_000), `publisher on ${nodes[0]} dropped`).not.toBeNull();
    expect(await exitWithin(pubB, 10_000), `publisher on ${nodes[1]} dropped`).not.toBeNull();
    expect((await channel(c.urls.site, a.slug)).live).toBe(false);
    expect((await channel(c.urls.site, b.slug)).live).toBe(false);
  });

  /** A chat burst through the entry while API process `victim` dies (SIGKILL) or drains (SIGTERM). */
  async function burstThrough(victim: number, signal: NodeJS.Signals) {
    const senders = await Promise.all(Array.from({ length: 4 }, (_, i) => signUp(c.urls.site, `s${i}`)));
    const clients = senders.map((s) => new ResumingChat(c.urls.site, a.slug, s.token));
    const readers = Array.from({ length: 4 }, () => new ResumingChat(c.urls.site, a.slug));
    const all = [...clients, ...readers];
    chats.push(...all);
    await Promise.all(all.map((x) => x.ready()));
    const acked: string[] = [];
    const burst = Promise.all(clients.map(async (cl, i) => {
      for (let n = 0; n < 8; n++) {
        acked.push(await cl.send(`${signal} ${i}-${n}`));
        await new Promise((r) => setTimeout(r, 150));
      }
    }));
    await waitFor('the burst to be under way', async () => acked.length >= 6, 10_000, 20);
    await c.signalApi(victim, signal);
    try {
      await burst;
    } catch (err) {
      await c.restartApi(victim);
      throw new Error(`${(err as Error).message}\n${c.logTail()}`);
    }
    await c.restartApi(victim);
    expect(all.reduce((n, x) => n + x.disconnects, 0), 'some clients were on the stopped process').toBeGreaterThan(0);
    expect(new Set(acked).size, 'every message acknowledged once').toBe(32);
    for (const x of all) {
      await waitFor('every acknowledged message at every client', async () => acked.every((id) => x.byId.has(id)), 10_000, 50).catch(() => {
        throw new Error(`missing ${acked.filter((id) => !x.byId.has(id)).join(',')} at a client with ${x.disconnects} disconnects; acked ${acked.join(',')}`);
      });
    }
    const texts = [...readers[0]!.byId.values()].filter((m) => m.text.startsWith(signal)).map((m) => m.text);
    expect(texts.length, 'no message stored twice').toBe(new Set(texts).size);
    all.forEach((x) => x.close());
  }

  it('loses no acknowledged chat message and stores none twice when an API process is killed mid-burst', async () => {
    await burstThrough(0, 'SIGKILL');
  });

  it('does the same when an API process drains on SIGTERM', async () => {
    await burstThrough(1, 'SIGTERM');
  });

  it('takes a killed ingest node\'s stream offline within 10 s; the republish lands on the other node and plays', async () => {
    const key = await rotateKey(c.urls.site, a);
    const first = start(key);
    const before = nodeOf((await liveOn(a.slug)).hlsUrl)!;
    c.killIngest(Number(before.slice('ingest-'.length)));
    const killedAt = Date.now();
    await waitFor('the channel offline', async () => !(await channel(c.urls.site, a.slug)).live, 10_000, 100);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    await first.stop();
    start(key);
    const after = await liveOn(a.slug);
    expect(nodeOf(after.hlsUrl)).not.toBe(before);
    const page = await browser.context.newPage();
    await plays(page, a.slug);
    await page.close();

    // /metrics after a publish and chat bursts: the series exist with plausible values.
    let text = '';
    const value = (series: string) => Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    // nginx reports a stream's bitrate once it has measured a few seconds of it.
    await waitFor('the ingest bitrate in /metrics', async () => {
      text = await (await fetch(`${c.urls.apis[0]}/metrics`, { headers: { authorization: `Bearer ${c.metricsToken}` } })).text();
      return value('lait_ingest_bitrate_bits_per_second') > 0;
    }, 20_000, 500);
    expect(value('lait_live_channels')).toBe(1);
    expect(value('lait_ingest_streams')).toBe(1);
    expect(value('lait_ingest_bitrate_bits_per_second')).toBeGreaterThan(10_000);
    expect(text).toMatch(/^lait_chat_messages_received_total\{result="accepted"\} [1-9]/m);
    expect(text).toMatch(/^lait_chat_ack_seconds_count\{[^}]*\} [1-9]/m);
    expect(text).toMatch(/^lait_socket_connections \d+/m);
    expect(text).toMatch(/^lait_http_request_duration_seconds_count\{[^}]*route="\/api\/channels\/:slug"[^}]*\} [1-9]/m);
    expect(text).not.toContain(key);
  });
});
