/** The mixer's inputs: the chosen microphone and the computer's own sound (where the OS gives it). */
export const MIXER_INPUTS = ['mic', 'system'] as const;
export type MixerInput = (typeof MIXER_INPUTS)[number];

/** What the mixer panel shows for one input. */
export interface MixerChannelState {
  present: boolean;
  volume: number;
  muted: boolean;
}

interface Channel {
  gain: GainNode;
  analyser: AnalyserNode;
  source: MediaStreamAudioSourceNode | null;
  volume: number;
  muted: boolean;
  buffer: Float32Array<ArrayBuffer>;
}

/** Peak of the analyser's window, 0…1 (1 = full scale), after volume and mute. */
function peak(c: Channel): number {
  c.analyser.getFloatTimeDomainData(c.buffer);
  let max = 0;
  for (const v of c.buffer) max = Math.max(max, Math.abs(v));
  return Math.min(1, max);
}

/**
 * A WebAudio mix: per input a gain (volume × mute) and a post-fader meter, summed into one
 * output track. The output track always exists — silent without inputs — so the stream always
 * carries audio and players never see the audio track come and go.
 */
export function createAudioMixer() {
  const ctx = new AudioContext({ sampleRate: 48000 });
  const dest = ctx.createMediaStreamDestination();
  const channel = (): Channel => {
    const gain = ctx.createGain();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    gain.connect(analyser);
    gain.connect(dest);
    return { gain, analyser, source: null, volume: 1, muted: false, buffer: new Float32Array(analyser.fftSize) };
  };
  const channels: Record<MixerInput, Channel> = { mic: channel(), system: channel() };
  const apply = (c: Channel) => {
    // A short ramp: an instant jump clicks audibly.
    c.gain.gain.setTargetAtTime(c.muted ? 0 : c.volume, ctx.currentTime, 0.015);
  };

  return {
    track: (): MediaStreamTrack | null => dest.stream.getAudioTracks()[0] ?? null,
    /** Connects an input (its stream's first audio track), or disconnects it with null. */
    setInput(id: MixerInput, stream: MediaStream | null) {
      const c = channels[id];
      c.source?.disconnect();
      c.source = stream && stream.getAudioTracks().length > 0 ? ctx.createMediaStreamSource(stream) : null;
      c.source?.connect(c.gain);
    },
    setVolume(id: MixerInput, volume: number) {
      channels[id].volume = Math.max(0, Math.min(2, volume));
      apply(channels[id]);
    },
    setMuted(id: MixerInput, muted: boolean) {
      channels[id].muted = muted;
      apply(channels[id]);
    },
    state: (id: MixerInput): MixerChannelState => ({ present: channels[id].source !== null, volume: channels[id].volume, muted: channels[id].muted }),
    /** Current post-fader peak of an input, 0…1. */
    level: (id: MixerInput) => (channels[id].source ? peak(channels[id]) : 0),
    resume: () => ctx.resume(),
    close: () => ctx.close(),
  };
}

export type AudioMixer = ReturnType<typeof createAudioMixer>;

/** Meter position 0…1 for a peak: a dB scale from -60 dBFS, which is how levels are read by ear. */
export function meterFraction(level: number): number {
  if (level <= 0.001) return 0;
  const db = 20 * Math.log10(level);
  return Math.max(0, Math.min(1, (db + 60) / 60));
}
