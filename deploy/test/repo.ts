import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const DEPLOY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(DEPLOY, '..');
export const OVERLAYS = ['dev', 'prod'] as const;

/** A rendered Kubernetes object, loosely typed: the tests walk it as plain data. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** `kubectl kustomize` of an overlay (offline: kustomize needs no cluster), parsed. */
export function render(overlay: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', path.join(DEPLOY, 'k8s', 'overlays', overlay)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new Error('kubectl is not on PATH: it renders the kustomize overlays (offline, no cluster needed)', { cause: err });
    throw new Error(`kubectl kustomize ${overlay} failed: ${e.stderr ?? String(err)}`, { cause: err });
  }
  return parseAllDocuments(out).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${overlay}: ${doc.errors[0]!.message}`);
    return doc.toJS() as K8sObject;
  });
}

export function readRepoFile(relative: string): string {
  return readFileSync(path.join(ROOT, relative), 'utf8');
}

/** Every variable server/src/config.ts reads: the keys of its EnvSchema object. */
export function serverEnvVariables(): string[] {
  const source = readRepoFile('server/src/config.ts');
  const start = source.indexOf('const EnvSchema = Type.Object({');
  const end = source.indexOf('\n});', start);
  if (start === -1 || end === -1) throw new Error('EnvSchema not found in server/src/config.ts');
  return [...source.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
}
