// Plain JS on purpose: it is injected into the page as source text (bundlers would add helpers).
/**
 * Runs in the page: on every presented frame (requestVideoFrameCallback) draws the frame onto a
 * small canvas, reads the timestamp blocks and records display time minus capture time.
 */
window.__installProbe = function installProbe(cfg) {
  const w = window;
  w.__probe = { lat: [], bad: 0, stalls: 0, stallMs: 0, stallStart: 0 };
  const attach = (video) => {
    const canvas = document.createElement('canvas');
    canvas.width = cfg.W / cfg.SCALE;
    canvas.height = cfg.H / cfg.SCALE;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    let playing = false;
    video.addEventListener('playing', () => {
      playing = true;
      if (w.__probe.stallStart) w.__probe.stallMs += performance.now() - w.__probe.stallStart;
      w.__probe.stallStart = 0;
    });
    video.addEventListener('waiting', () => {
      if (!playing) return;
      w.__probe.stalls++;
      w.__probe.stallStart = performance.now();
    });
    const onFrame = (_now, meta) => {
      ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
      const img = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const bytes = [0, 0, 0, 0, 0, 0];
      for (let i = 0; i < cfg.COLS * cfg.ROWS; i++) {
        const x = Math.floor((cfg.OX + (i % cfg.COLS) * cfg.BLOCK + cfg.BLOCK / 2) / cfg.SCALE);
        const y = Math.floor((cfg.OY + Math.floor(i / cfg.COLS) * cfg.BLOCK + cfg.BLOCK / 2) / cfg.SCALE);
        if (img[(y * canvas.width + x) * 4] > 128) bytes[i >> 3] |= 1 << (i & 7);
      }
      const sum = (bytes[0] + bytes[1] + bytes[2] + bytes[3] + bytes[4]) & 0xff;
      if (sum === bytes[5]) {
        const captured = bytes[0] + bytes[1] * 2 ** 8 + bytes[2] * 2 ** 16 + bytes[3] * 2 ** 24 + bytes[4] * 2 ** 32;
        const shown = performance.timeOrigin + meta.expectedDisplayTime;
        // The picture carries the epoch modulo 2^40 ms: subtract modulo 2^40 too.
        const lat = (((Math.floor(shown) - captured) % 2 ** 40) + 2 ** 40) % 2 ** 40;
        w.__probe.lat.push(lat);
      } else {
        w.__probe.bad++;
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const find = () => {
    const v = document.querySelector(cfg.selector);
    if (v) attach(v);
    else setTimeout(find, 100);
  };
  find();
};
