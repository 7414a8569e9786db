import path from 'node:path';
import ts from 'typescript';
import { DEPLOY } from './repo.js';

/*
 * The JSON schemas kubernetes-models validates with allow unknown fields, so a misspelt field
 * (`readinessprobe`) would pass them and be dropped silently by the API server. Its TypeScript
 * declarations list every field of every kind, so this walks each object against them with the
 * compiler's type checker: any key the type does not declare is reported with its path.
 */

/** The model interface of each kind, as `kubernetes-models/<module>` exports it. */
const INTERFACES: Record<string, [module: string, name: string]> = {
  'v1/ConfigMap': ['v1/ConfigMap', 'IConfigMap'],
  'v1/Secret': ['v1/Secret', 'ISecret'],
  'v1/Service': ['v1/Service', 'IService'],
  'apps/v1/Deployment': ['apps/v1/Deployment', 'IDeployment'],
  'apps/v1/StatefulSet': ['apps/v1/StatefulSet', 'IStatefulSet'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['autoscaling/v2/HorizontalPodAutoscaler', 'IHorizontalPodAutoscaler'],
  'policy/v1/PodDisruptionBudget': ['policy/v1/PodDisruptionBudget', 'IPodDisruptionBudget'],
  'networking.k8s.io/v1/Ingress': ['networking.k8s.io/v1/Ingress', 'IIngress'],
  'networking.k8s.io/v1/NetworkPolicy': ['networking.k8s.io/v1/NetworkPolicy', 'INetworkPolicy'],
};

export interface FieldChecker {
  /** Paths of fields the kind's type does not declare (empty when every field is known). */
  unknownFields(object: { apiVersion: string; kind: string }): string[];
}

/** Builds one TypeScript program over the kinds' declarations (a second or two), then checks objects against it. */
export function createFieldChecker(): FieldChecker {
  const entries = Object.entries(INTERFACES);
  const source = entries.map(([, [mod, name]], i) => `import type { ${name} as T${i} } from 'kubernetes-models/${mod}';\nexport declare const v${i}: T${i};`).join('\n');
  const file = path.join(DEPLOY, 'test', '__kinds__.ts');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, skipLibCheck: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: [] };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (f) => (f === file ? source : readFile(f));
  host.fileExists = (f) => f === file || fileExists(f);
  host.getSourceFile = ((original) => (f, lang, onError) => (f === file ? ts.createSourceFile(f, source, lang) : original.call(host, f, lang, onError)))(host.getSourceFile);
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const root = program.getSourceFile(file)!;
  const types = new Map<string, ts.Type>();
  root.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    const decl = node.declarationList.declarations[0]!;
    const index = Number((decl.name as ts.Identifier).text.slice(1));
    types.set(entries[index]![0], checker.getTypeAtLocation(decl));
  });

  function walk(value: unknown, type: ts.Type, at: string, out: string[]): void {
    if (value === null || typeof value !== 'object') return;
    const t = checker.getNonNullableType(type);
    if (Array.isArray(value)) {
      const element = checker.isArrayType(t) ? checker.getTypeArguments(t as ts.TypeReference)[0] : undefined;
      if (element) value.forEach((v, i) => walk(v, element, `${at}[${i}]`, out));
      return;
    }
    // A map (labels, data, annotations) or a type we cannot narrow (a union, `any`): keys are free.
    if (t.isUnion() || checker.getIndexInfosOfType(t).length > 0 || t.flags & ts.TypeFlags.Any) return;
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const property = checker.getPropertyOfType(t, key);
      if (!property) {
        out.push(`${at}.${key}`);
        continue;
      }
      walk(v, checker.getTypeOfSymbol(property), `${at}.${key}`, out);
    }
  }

  return {
    unknownFields(object) {
      const key = `${object.apiVersion}/${object.kind}`;
      const type = types.get(key);
      if (!type) throw new Error(`${key}: no declarations bundled for this kind (add it to deploy/test/unknown-fields.ts)`);
      const out: string[] = [];
      walk(object, type, object.kind, out);
      return out;
    },
  };
}
