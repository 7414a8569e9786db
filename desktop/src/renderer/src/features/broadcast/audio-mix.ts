/**
 * A WebAudio mix with one always-present output track: silent without a microphone, so the
 * stream always carries audio and players never see the audio track come and go.
 */
export function createAudioMix() {
  const ctx = new AudioContext({ sampleRate: 48000 });
  const dest = ctx.createMediaStreamDestination();
  let source: MediaStreamAudioSourceNode | null = null;
  const gain = ctx.createGain();
  gain.connect(dest);
  return {
    track: (): MediaStreamTrack | undefined => dest.stream.getAudioTracks()[0],
    setMic(stream: MediaStream | null) {
      source?.disconnect();
      source = stream && stream.getAudioTracks().length > 0 ? ctx.createMediaStreamSource(stream) : null;
      source?.connect(gain);
    },
    setVolume: (v: number) => void (gain.gain.value = v),
    resume: () => ctx.resume(),
    close: () => ctx.close(),
  };
}
