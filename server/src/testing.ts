/**
 * What other workspaces' tests may use of the server (`@lait/server/testing`): the app built in
 * process, its config, the test databases and stand-ins, and the chat test clients. Anything
 * else under `server/src` is internal.
 */
export { buildApp } from './app.js';
export { loadConfig } from './config.js';
export { createTestDatabase, DATABASE_KINDS, type DatabaseKind, type TestDatabase } from './test/databases.js';
export { FakeIngest } from './test/fake-ingest.js';
export { S3Standin } from './test/s3-standin.js';
export { startKakaoStandin, type KakaoStandin, type KakaoUser } from './test/kakao-standin.js';
export { startTcpProxy, type TcpProxy } from './test/tcp-proxy.js';
export * from './modules/chat/test/chat-clients.js';
