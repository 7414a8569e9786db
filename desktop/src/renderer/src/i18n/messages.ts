const ko = {
  'app.title': '라잇 방송',
  'sources.title': '소스',
  'sources.screen': '화면 / 창',
  'sources.camera': '카메라',
  'sources.mic': '마이크',
  'sources.none': '없음',
  'sources.refresh': '새로고침',
  'scene.title': '장면',
  'scene.screen': '화면만',
  'scene.camera': '카메라만',
  'scene.pip': '화면 + 카메라',
  'scene.corner': '카메라 위치',
  'scene.size': '카메라 크기',
  'corner.tl': '왼쪽 위',
  'corner.tr': '오른쪽 위',
  'corner.bl': '왼쪽 아래',
  'corner.br': '오른쪽 아래',
  'output.title': '출력',
  'output.resolution': '해상도',
  'output.fps': '프레임',
  'output.bitrate': '비트레이트 (kbps)',
  'output.keyframe': '키프레임 간격 (초)',
  'output.server': '서버 주소',
  'output.key': '스트림 키',
  'preview.title': '미리보기 (송출 화면)',
  'live.go': '방송 시작',
  'live.stop': '방송 종료',
  'live.retry': '지금 다시 연결',
  'state.idle': '대기 중',
  'state.connecting': '연결 중…',
  'state.live': '방송 중',
  'state.reconnecting': '다시 연결 중…',
  'state.stopping': '종료 중…',
  'health.line': '{fps} fps · {kbps} kbps · 속도 {speed}x · 드롭 {drop}',
  'error.BROADCAST_KEY_REFUSED': '스트림 키가 거부되었습니다. 키를 확인해 주세요.',
  'error.BROADCAST_FFMPEG_MISSING': 'ffmpeg를 찾을 수 없습니다.',
  'error.BROADCAST_CONNECT_FAILED': '서버에 연결할 수 없습니다.',
  'error.BROADCAST_ALREADY_LIVE': '이미 방송 중입니다.',
  'error.VALIDATION_FAILED': '설정 값이 올바르지 않습니다.',
  'error.generic': '오류가 발생했습니다: {message}',
  'locale.switch': 'English',
} as const;

/** A message key; Korean is the source of truth, English must cover every key. */
export type MessageKey = keyof typeof ko;

const en: Record<MessageKey, string> = {
  'app.title': 'Lait Broadcaster',
  'sources.title': 'Sources',
  'sources.screen': 'Screen / window',
  'sources.camera': 'Camera',
  'sources.mic': 'Microphone',
  'sources.none': 'None',
  'sources.refresh': 'Refresh',
  'scene.title': 'Scene',
  'scene.screen': 'Screen only',
  'scene.camera': 'Camera only',
  'scene.pip': 'Screen + camera',
  'scene.corner': 'Camera corner',
  'scene.size': 'Camera size',
  'corner.tl': 'Top left',
  'corner.tr': 'Top right',
  'corner.bl': 'Bottom left',
  'corner.br': 'Bottom right',
  'output.title': 'Output',
  'output.resolution': 'Resolution',
  'output.fps': 'Frame rate',
  'output.bitrate': 'Bitrate (kbps)',
  'output.keyframe': 'Keyframe interval (s)',
  'output.server': 'Server URL',
  'output.key': 'Stream key',
  'preview.title': 'Preview (what viewers get)',
  'live.go': 'Go live',
  'live.stop': 'Stop',
  'live.retry': 'Reconnect now',
  'state.idle': 'Idle',
  'state.connecting': 'Connecting…',
  'state.live': 'Live',
  'state.reconnecting': 'Reconnecting…',
  'state.stopping': 'Stopping…',
  'health.line': '{fps} fps · {kbps} kbps · speed {speed}x · dropped {drop}',
  'error.BROADCAST_KEY_REFUSED': 'The stream key was refused. Check your key.',
  'error.BROADCAST_FFMPEG_MISSING': 'ffmpeg was not found.',
  'error.BROADCAST_CONNECT_FAILED': 'Cannot reach the server.',
  'error.BROADCAST_ALREADY_LIVE': 'Already live.',
  'error.VALIDATION_FAILED': 'Some settings are invalid.',
  'error.generic': 'Something went wrong: {message}',
  'locale.switch': '한국어',
};

/** Supported locales. */
export type Locale = 'ko' | 'en';

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { ko, en };

/** Look up and interpolate `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Whether `key` names a message (for error codes coming from main). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ko, key);
}
