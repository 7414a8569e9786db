import { execFile } from 'node:child_process';
import { NginxRtmpError } from './errors.js';

/** Runs `nginx -t` on the rendered config; nginx reports success and failure on stderr. */
export function testConfig(nginxPath: string, workDir: string, confPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(nginxPath, ['-t', '-q', '-p', `${workDir}/`, '-c', confPath], { timeout: 10_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      reject(new NginxRtmpError('NGINX_CONFIG_INVALID', `nginx -t rejected ${confPath}`, stderr.trim()));
    });
  });
}
