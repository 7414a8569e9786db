/* global document, AudioContext, MediaStream, MediaRecorder, VideoEncoder, VideoFrame */
// Measures the renderer → ffmpeg paths for the desktop broadcaster on this machine.
// Usage: node bench/measure-capture.mjs [width] [height] [fps] [seconds]
// Runs headless Chromium (fake camera) composing a canvas like the app does, then:
//  - idle:   compose only (baseline)
//  - mr:     + MediaRecorder webm/H.264 (videoKeyFrameIntervalDuration requested)
//  - wc:     + WebCodecs VideoEncoder H.264 (realtime, keyFrame every fps*1 frames)
// and ffmpeg reading the MediaRecorder output in real time with -c:v copy vs libx264 veryfast.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { chromium } from 'playwright-core';

const [W = 1280, H = 720, FPS = 30, SECS = 15] = process.argv.slice(2).map(Number);
const dir = mkdtempSync(join(tmpdir(), 'lait-capture-'));
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

function treeCpuSeconds(rootPid) {
  const all = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).trim().split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const pids = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of all) if (pids.has(ppid) && !pids.has(pid)) { pids.add(pid); grew = true; }
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch { /* exited */ }
  }
  return ticks / TICK;
}

// eslint-disable-next-line no-async-promise-executor -- runs inside the page via page.evaluate; try/catch forwards failures to reject
const pageScript = ({ W, H, FPS, SECS, mode }) => new Promise(async (resolve, reject) => { try {
  const cam = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
  const video = document.createElement('video');
  video.muted = true; video.srcObject = cam; await video.play();
  const canvas = document.createElement('canvas'); canvas.width = W; canvas.height = H;
  const ctx = canvas.getContext('2d');
  let n = 0;
  const draw = () => {
    n++;
    ctx.fillStyle = '#203040'; ctx.fillRect(0, 0, W, H);
    for (let i = 0; i < 40; i++) { ctx.fillStyle = `hsl(${(i * 9 + n) % 360},60%,50%)`; ctx.fillRect((i * 97 + n * 3) % W, (i * 53) % H, 120, 18); }
    ctx.font = '28px sans-serif'; ctx.fillStyle = '#fff'; ctx.fillText(`frame ${n} 라잇 테스트 화면`, 40, 60);
    ctx.drawImage(video, W - W / 4 - 20, H - H / 4 - 20, W / 4, H / 4);
  };
  const timer = setInterval(draw, 1000 / FPS);
  const ac = new AudioContext(); const dest = ac.createMediaStreamDestination();
  ac.createMediaStreamSource(cam).connect(dest);
  const stream = new MediaStream([...canvas.captureStream(FPS).getVideoTracks(), ...dest.stream.getAudioTracks()]);
  const out = { mode, bytes: 0, chunks: [], encoded: 0, keyframes: 0 };
  let stopEnc = () => {};
  if (mode === 'mr') {
    const rec = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=h264,opus', videoBitsPerSecond: 2_500_000, audioBitsPerSecond: 128_000, videoKeyFrameIntervalDuration: 1000 });
    rec.ondataavailable = async (e) => { const b = new Uint8Array(await e.data.arrayBuffer()); out.bytes += b.length; out.chunks.push(Array.from(b)); };
    rec.start(500);
    stopEnc = () => new Promise((r) => { rec.onstop = () => setTimeout(r, 100); rec.stop(); });
  } else if (mode === 'wc') {
    const enc = new VideoEncoder({ output: (c) => { out.encoded++; out.bytes += c.byteLength; if (c.type === 'key') out.keyframes++; }, error: (e) => { out.error = String(e); } });
    enc.configure({ codec: 'avc1.42001f', width: W, height: H, bitrate: 2_500_000, framerate: FPS, latencyMode: 'realtime', avc: { format: 'annexb' } });
    let i = 0;
    const t = setInterval(() => { const f = new VideoFrame(canvas, { timestamp: i * 1e6 / FPS }); enc.encode(f, { keyFrame: i % FPS === 0 }); f.close(); i++; }, 1000 / FPS);
    stopEnc = async () => { clearInterval(t); await enc.flush(); out.submitted = i; };
  }
  setTimeout(async () => { await stopEnc(); clearInterval(timer); resolve(out); }, SECS * 1000);
} catch (e) { reject(e); } });

// getUserMedia needs a secure context: localhost is one, about:blank is not.
const server = createServer((_q, r) => r.end('<!doctype html><title>bench</title>')).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const pageUrl = `http://127.0.0.1:${server.address().port}/`;
const results = {};
for (const mode of ['idle', 'mr', 'wc']) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'] });
  const page = await browser.newPage();
  await page.goto(pageUrl);
  // Chromium runs as children of this process; subtract our own CPU from the tree.
  const before = treeCpuSeconds(process.pid);
  const self0 = process.cpuUsage();
  const out = await page.evaluate(pageScript, { W, H, FPS, SECS, mode });
  const selfD = process.cpuUsage(self0);
  const cpu = treeCpuSeconds(process.pid) - before - (selfD.user + selfD.system) / 1e6;
  await browser.close();
  if (out.chunks?.length) writeFileSync(join(dir, 'mr.webm'), Buffer.from(out.chunks.flat()));
  delete out.chunks;
  results[mode] = { ...out, cpuSecPerSec: +(cpu / SECS).toFixed(3) };
}

const file = join(dir, 'mr.webm');
const keys = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file], { encoding: 'utf8' })
  .trim().split('\n').filter((l) => l.includes('K')).map((l) => Number(l.split(',')[0]));
results.mr.keyframeTimes = keys.slice(0, 12).map((k) => k.toFixed(2));

function ffmpegCpu(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %e', 'ffmpeg', '-hide_banner', '-loglevel', 'error', '-re', '-i', file, ...args, '-f', 'flv', '-y', '/dev/null'], { encoding: 'utf8' });
  const [u, s, e] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { cpuSecPerSec: +((u + s) / e).toFixed(3), wall: e };
}
results.ffmpegCopy = ffmpegCpu(['-c:v', 'copy', '-c:a', 'aac', '-b:a', '128k']);
results.ffmpegX264 = ffmpegCpu(['-vf', `fps=${FPS}`, '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-b:v', '2500k', '-g', String(FPS), '-keyint_min', String(FPS), '-sc_threshold', '0', '-c:a', 'aac', '-b:a', '128k']);
console.log(JSON.stringify({ W, H, FPS, SECS, results }, null, 2));
server.close();
