/** What the test helpers take from the environment, read once: tool paths and the test databases. */
export const TEST_ENV = Object.freeze({
  path: process.env['PATH'] ?? '',
  home: process.env['HOME'],
  ffmpeg: process.env['LAIT_FFMPEG'] ?? '/usr/bin/ffmpeg',
  chromium: process.env['LAIT_CHROMIUM'] ?? '/usr/bin/chromium',
  mysqlUrl: process.env['LAIT_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306',
  redisUrl: process.env['LAIT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
});
