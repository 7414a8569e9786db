import type { K8sObject } from './repo.js';

/** A kubernetes-models class: validates against the Kubernetes OpenAPI schema of its kind, offline. */
interface ModelClass {
  new (data: never): { validate(): void };
}

/** The kinds these manifests use, each with the kubernetes-models class of its apiVersion. */
const MODELS: Record<string, () => Promise<ModelClass>> = {
  'v1/ConfigMap': async () => (await import('kubernetes-models/v1/ConfigMap')).ConfigMap,
  'v1/Secret': async () => (await import('kubernetes-models/v1/Secret')).Secret,
  'v1/Service': async () => (await import('kubernetes-models/v1/Service')).Service,
  'apps/v1/Deployment': async () => (await import('kubernetes-models/apps/v1/Deployment')).Deployment,
  'apps/v1/StatefulSet': async () => (await import('kubernetes-models/apps/v1/StatefulSet')).StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': async () => (await import('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler')).HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': async () => (await import('kubernetes-models/policy/v1/PodDisruptionBudget')).PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': async () => (await import('kubernetes-models/networking.k8s.io/v1/Ingress')).Ingress,
  'networking.k8s.io/v1/NetworkPolicy': async () => (await import('kubernetes-models/networking.k8s.io/v1/NetworkPolicy')).NetworkPolicy,
};

/** Throws with the object's kind, name and the schema's complaint when it does not validate. */
export async function validateObject(o: K8sObject): Promise<void> {
  const key = `${o.apiVersion}/${o.kind}`;
  const load = MODELS[key];
  if (!load) throw new Error(`${key} ${o.metadata?.name}: no schema bundled for this kind (add it to deploy/test/validate.ts)`);
  const Model = await load();
  try {
    new Model(o as never).validate();
  } catch (err) {
    throw new Error(`${key} ${o.metadata.name}: ${(err as Error).message}`, { cause: err });
  }
}
