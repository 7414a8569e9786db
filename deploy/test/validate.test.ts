import { describe, expect, it } from 'vitest';
import { validateObject } from './validate.js';

const deployment = (containerPort: unknown) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'probe' },
  spec: {
    selector: { matchLabels: { a: 'b' } },
    template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort }] }] } },
  },
});

describe('the offline schema validator', () => {
  it('accepts a well-formed object and rejects a wrongly typed field, naming it', async () => {
    await validateObject(deployment(3000));
    await expect(validateObject(deployment('3000'))).rejects.toThrow(/Deployment probe: .*containerPort/);
  });

  it('rejects a missing required field and a kind it has no schema for', async () => {
    const broken = deployment(3000);
    delete (broken.spec as { selector?: unknown }).selector;
    await expect(validateObject(broken)).rejects.toThrow(/selector/);
    await expect(validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).rejects.toThrow(/no schema bundled/);
  });
});
