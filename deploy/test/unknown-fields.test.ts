import { describe, expect, it } from 'vitest';
import { OVERLAYS, render } from './repo.js';
import { createFieldChecker } from './unknown-fields.js';

describe('fields the Kubernetes types do not declare', () => {
  const checker = createFieldChecker();

  it('finds a misspelt field at any depth, and leaves maps (labels, data) alone', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x', labels: { anything: 'goes' }, lables: { a: 'b' } },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i', readinessprobe: { httpGet: { path: '/', port: 80 } }, ports: [{ containerPort: 1, hostname: 'x' }] }] } },
      },
    };
    expect(checker.unknownFields(deployment)).toEqual(['Deployment.metadata.lables', 'Deployment.spec.template.spec.containers[0].readinessprobe', 'Deployment.spec.template.spec.containers[0].ports[0].hostname']);
    expect(checker.unknownFields({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { ANY_KEY: 'v' } } as never)).toEqual([]);
  });

  it.each(OVERLAYS)('finds none in overlay %s', (overlay) => {
    const unknown = render(overlay).flatMap((o) => checker.unknownFields(o));
    expect(unknown).toEqual([]);
  });
});
