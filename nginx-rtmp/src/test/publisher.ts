import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface PublisherExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Publisher {
  child: ChildProcess;
  exited: Promise<PublisherExit>;
  stop(): Promise<void>;
}

// Cheap on two shared cores: 320x240 at 15 fps, one keyframe per second so fragments are 1 s.
const ARGS = [
  '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
  '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15',
  '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
  '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
  '-g', '15', '-keyint_min', '15', '-sc_threshold', '0',
  '-c:a', 'aac', '-b:a', '64k',
  '-f', 'flv',
];

/** Publishes a test pattern with Debian's ffmpeg until stopped or dropped. */
export function startPublisher(url: string, seconds = 60): Publisher {
  const child = spawn('/usr/bin/ffmpeg', [...ARGS.slice(0, 5), '-t', String(seconds), ...ARGS.slice(5), url], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.resume();
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }) as PublisherExit);
  return {
    child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A broadcaster that reconnects one second after every disconnect, like the desktop app. */
export function startReconnectingPublisher(url: string): { stop(): Promise<void>; connects(): number } {
  let current = startPublisher(url);
  let count = 1;
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      await current.exited;
      if (stopped) return;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (stopped) return;
      current = startPublisher(url);
      count += 1;
    }
  };
  void loop();
  return {
    connects: () => count,
    async stop() {
      stopped = true;
      await current.stop();
    },
  };
}
