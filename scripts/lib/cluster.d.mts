// Types of cluster.mjs for the e2e specs that start the same topology.
import type { ChildProcess } from 'node:child_process';

export interface ClusterPorts {
  entry: number;
  rtmp: number;
  edges: number[];
  apis: number[];
  ingestRtmp: number[];
  ingestHls: number;
  ingestControl: number[];
}

export interface ClusterOptions {
  ports?: Partial<ClusterPorts>;
  host?: string;
  publicHost?: string;
  dataDir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  jwtSecret?: string;
  notifySecret?: string;
  metricsToken?: string;
  apiEnv?: Record<string, string>;
  log?: (name: string, line: string) => void;
  onExit?: (name: string, code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface Cluster {
  urls: { site: string; rtmp: string; edges: string[]; apis: string[] };
  ports: ClusterPorts;
  nodes: Array<{ name: string; hlsHost: string; rtmp: string; controlUrl: string; workDir: string }>;
  metricsToken: string;
  env: Record<string, string>;
  children: Array<{ name: string; child: ChildProcess; kind: string }>;
  signalApi(i: number, signal: NodeJS.Signals): Promise<void>;
  restartApi(i: number): Promise<void>;
  killIngest(i: number): void;
  stop(): Promise<void>;
}

export const DEFAULT_PORTS: Readonly<ClusterPorts>;
export function startCluster(options?: ClusterOptions): Promise<Cluster>;
