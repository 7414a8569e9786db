import { describe, expect, it } from 'vitest';
import { OVERLAYS, readRepoFile, render, serverEnvVariables, type K8sObject } from './repo.js';
import { validateObject } from './validate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Pod = any;

const workloads = (objects: K8sObject[]) => objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind));
const named = (objects: K8sObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe.each(OVERLAYS)('kustomize overlay %s', (overlay) => {
  const objects = render(overlay);

  it('renders and every object validates against the Kubernetes schema of its kind', async () => {
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) await validateObject(o);
  });

  it('has the topology: api Deployment with an HPA, ingest StatefulSet behind a headless Service, edge Deployment, RTMP LoadBalancer, Ingress', () => {
    expect(named(objects, 'Deployment', 'api')).toBeDefined();
    expect(named(objects, 'HorizontalPodAutoscaler', 'api')?.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'api' });
    const ingest = named(objects, 'StatefulSet', 'ingest');
    expect(named(objects, 'Service', ingest?.spec.serviceName)?.spec.clusterIP).toBe('None');
    expect(named(objects, 'Deployment', 'edge')).toBeDefined();
    const rtmp = objects.find((o) => o.kind === 'Service' && o.spec.type === 'LoadBalancer');
    expect(rtmp?.spec.ports).toEqual([expect.objectContaining({ port: 1935 })]);
    expect(matches(rtmp?.spec.selector, ingest?.spec.template.metadata.labels)).toBe(true);
    expect(objects.filter((o) => o.kind === 'Ingress')).toHaveLength(1);
  });

  it('gives every container resource requests and every workload probes, non-root pods and a disruption budget', () => {
    const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget');
    for (const w of workloads(objects)) {
      const pod: Pod = w.spec.template.spec;
      expect(pod.securityContext?.runAsNonRoot, `${w.metadata.name} runs as non-root`).toBe(true);
      const portNames = new Set(pod.containers.flatMap((c: Pod) => (c.ports ?? []).map((p: Pod) => p.name)));
      for (const c of pod.containers) {
        expect(c.resources?.requests?.cpu, `${w.metadata.name}/${c.name} cpu request`).toBeTruthy();
        expect(c.resources?.requests?.memory, `${w.metadata.name}/${c.name} memory request`).toBeTruthy();
        for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe].filter(Boolean)) {
          const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
          if (typeof port === 'string') expect(portNames.has(port), `${w.metadata.name}/${c.name} probe port ${port}`).toBe(true);
        }
      }
      expect(pod.containers.some((c: Pod) => c.readinessProbe), `${w.metadata.name} has a readiness probe`).toBe(true);
      expect(pod.containers.every((c: Pod) => c.livenessProbe), `${w.metadata.name} has liveness probes`).toBe(true);
      if (['api', 'ingest', 'edge'].includes(w.metadata.name)) {
        expect(budgets.some((b) => matches(b.spec.selector.matchLabels, w.spec.template.metadata.labels)), `${w.metadata.name} has a PDB`).toBe(true);
      }
    }
  });

  it('gives the API a control URL for every ingest replica, and every ingest pod its node id', () => {
    const ingest = named(objects, 'StatefulSet', 'ingest')!;
    const urls = String(named(objects, 'ConfigMap', 'lait-config')?.data?.INGEST_CONTROL_URLS).split(',');
    const nodes = Array.from({ length: ingest.spec.replicas }, (_, i) => `ingest-${i}`);
    expect(urls.map((u) => u.split('=')[0])).toEqual(nodes);
    for (const u of urls) expect(u).toMatch(/^ingest-\d+=http:\/\/ingest-\d+\.ingest:8082$/);
    const env = ingest.spec.template.spec.containers.find((c: Pod) => c.name === 'nginx-rtmp').env;
    expect(env.find((e: Pod) => e.name === 'LAIT_NODE_ID')?.valueFrom.fieldRef.fieldPath).toBe('metadata.name');
  });

  it('probes the API on its real health routes', () => {
    const api = named(objects, 'Deployment', 'api')!.spec.template.spec.containers[0];
    expect(api.readinessProbe.httpGet.path).toBe('/api/health');
    expect(api.livenessProbe.httpGet.path).toBe('/api/health/live');
    const routes = readRepoFile('server/src/modules/health/health.routes.ts');
    expect(routes).toContain("app.get('/health'");
    expect(routes).toContain("app.get('/health/live'");
    // Edge and control sidecar answer /healthz from their nginx templates.
    expect(readRepoFile('deploy/edge/edge-templates/edge.conf.template')).toContain('location = /healthz');
    expect(readRepoFile('deploy/edge/control-templates/control.conf.template')).toContain('location = /healthz');
  });

  it('routes every Service, Ingress backend and selector to something that exists', () => {
    const podLabels = workloads(objects).map((w) => w.spec.template.metadata.labels as Record<string, string>);
    for (const svc of objects.filter((o) => o.kind === 'Service')) {
      expect(podLabels.some((l) => matches(svc.spec.selector, l)), `Service ${svc.metadata.name} selects pods`).toBe(true);
    }
    const ingress = objects.find((o) => o.kind === 'Ingress')!;
    for (const rule of ingress.spec.rules) {
      for (const p of rule.http.paths) {
        const svc = named(objects, 'Service', p.backend.service.name);
        expect(svc, `Ingress backend ${p.backend.service.name}`).toBeDefined();
        expect(svc!.spec.ports.map((x: Pod) => x.name)).toContain(p.backend.service.port.name);
      }
    }
  });

  it('sets every variable server/src/config.ts reads in the ConfigMap or the Secret the API loads', () => {
    const variables = serverEnvVariables();
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'METRICS_TOKEN', 'SENTRY_DSN']));
    const api = named(objects, 'Deployment', 'api')!.spec.template.spec.containers[0];
    const sources = api.envFrom.map((e: Pod) => e.configMapRef?.name ?? e.secretRef?.name);
    const configMap = named(objects, 'ConfigMap', 'lait-config')!;
    const secret = named(objects, 'Secret', 'lait-secrets')!;
    expect(sources).toEqual(expect.arrayContaining([configMap.metadata.name, secret.metadata.name]));
    const set = new Set([...Object.keys(configMap.data ?? {}), ...Object.keys(secret.stringData ?? {}), ...Object.keys(secret.data ?? {})]);
    expect(variables.filter((v) => !set.has(v))).toEqual([]);
  });

  it('gives the edge and control templates every ${VAR} they use', () => {
    const used = (file: string) => [...readRepoFile(file).matchAll(/\$\{([A-Z_]+)\}/g)].map((m) => m[1]!);
    const edgeConfig = Object.keys(named(objects, 'ConfigMap', 'lait-edge-config')!.data ?? {});
    expect(used('deploy/edge/edge-templates/edge.conf.template').filter((v) => !edgeConfig.includes(v))).toEqual([]);
    const control = named(objects, 'StatefulSet', 'ingest')!.spec.template.spec.containers.find((c: Pod) => c.name === 'control');
    const controlEnv = control.env.map((e: Pod) => e.name);
    expect(used('deploy/edge/control-templates/control.conf.template').filter((v) => !controlEnv.includes(v))).toEqual([]);
    // The image's own defaults cover them too, and its envsubst filter lets them through.
    const dockerfile = readRepoFile('deploy/docker/edge.Dockerfile');
    const filter = new RegExp(/NGINX_ENVSUBST_FILTER=(\S+)/.exec(dockerfile)![1]!);
    for (const v of [...used('deploy/edge/edge-templates/edge.conf.template'), ...used('deploy/edge/control-templates/control.conf.template')]) {
      expect(dockerfile, v).toMatch(new RegExp(`\\b${v}=`));
      expect(filter.test(v), `${v} passes NGINX_ENVSUBST_FILTER`).toBe(true);
    }
  });

  it('keeps secrets out of the ConfigMap', () => {
    const configMap = named(objects, 'ConfigMap', 'lait-config')!;
    for (const key of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'RTMP_NOTIFY_SECRET', 'METRICS_TOKEN', 'KAKAO_CLIENT_SECRET', 'SENTRY_DSN']) {
      expect(configMap.data, key).not.toHaveProperty(key);
    }
  });
});

describe('configuration files outside Kubernetes', () => {
  it('.env.example and docs/operations.md name every variable server/src/config.ts reads', () => {
    const example = readRepoFile('.env.example');
    const operations = readRepoFile('docs/operations.md');
    for (const v of serverEnvVariables()) {
      expect(new RegExp(`^#? ?${v}=`, 'm').test(example), `.env.example: ${v}`).toBe(true);
      expect(operations, `docs/operations.md: ${v}`).toContain(v);
    }
  });
});

describe('dev and prod differ where they must', () => {
  it('runs MySQL and Redis in the cluster in dev only; prod points at managed services with pinned images', () => {
    const dev = render('dev');
    const prod = render('prod');
    expect(named(dev, 'StatefulSet', 'mysql')).toBeDefined();
    expect(named(dev, 'Deployment', 'redis')).toBeDefined();
    expect(workloads(prod).map((w) => w.metadata.name).sort()).toEqual(['api', 'edge', 'ingest']);
    const secret = named(prod, 'Secret', 'lait-secrets')!.stringData!;
    expect(new URL(secret['DATABASE_URL']!).hostname).not.toBe('mysql');
    expect(new URL(secret['REDIS_URL']!).hostname).not.toBe('redis');
    for (const w of workloads(prod)) for (const c of w.spec.template.spec.containers) expect(c.image, c.name).toMatch(/:\d+\.\d+\.\d+$/);
    const edgeDomain = (objects: K8sObject[]) => named(objects, 'ConfigMap', 'lait-edge-config')!.data!['EDGE_INGEST_DOMAIN'];
    expect(edgeDomain(dev)).toBe('ingest.lait-dev.svc.cluster.local');
    expect(edgeDomain(prod)).toBe('ingest.lait.svc.cluster.local');
    expect(named(prod, 'StatefulSet', 'ingest')!.metadata.namespace).toBe('lait');
  });
});
