import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEPLOY, ROOT, readRepoFile } from './repo.js';

const DOCKERFILES = readdirSync(path.join(DEPLOY, 'docker')).filter((f) => f.endsWith('.Dockerfile')).map((f) => `deploy/docker/${f}`);

interface Stage {
  name: string | undefined;
  instructions: Instruction[];
}

function stagesOf(file: string): Stage[] {
  const dockerfile = DockerfileParser.parse(readRepoFile(file));
  const stages: Stage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction.getKeyword() === 'FROM') {
      const args = instruction.getArguments().map((a) => a.getValue());
      stages.push({ name: args[1]?.toUpperCase() === 'AS' ? args[2] : undefined, instructions: [] });
    } else if (instruction.getKeyword() !== 'ARG' || stages.length > 0) {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return stages;
}

/** `--from=stage` of a COPY, or undefined for a copy from the build context. */
function fromFlag(instruction: Instruction): string | undefined {
  return /--from=(\S+)/.exec(instruction.getTextContent())?.[1];
}

/** .dockerignore patterns at the top level (what these files use): `name`, `**\/name`. */
function ignoredByContext(source: string): boolean {
  const patterns = readRepoFile('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const parts = source.replace(/^\.\//, '').split('/');
  return patterns.some((p) => (p.startsWith('**/') ? parts.includes(p.slice(3)) : parts[0] === p));
}

describe.each(DOCKERFILES)('%s', (file) => {
  const stages = stagesOf(file);

  it('parses into several stages (build tools stay out of the final image)', () => {
    expect(DockerfileParser.parse(readRepoFile(file)).getFROMs().length).toBeGreaterThanOrEqual(2);
    expect(stages.length).toBeGreaterThanOrEqual(2);
  });

  it('copies only paths that exist in the build context (the repository root) and are not dockerignored', () => {
    const names = new Set(stages.map((s) => s.name).filter(Boolean));
    let copies = 0;
    for (const stage of stages) {
      for (const i of stage.instructions.filter((x) => x.getKeyword() === 'COPY' || x.getKeyword() === 'ADD')) {
        const args = i.getArguments().map((a) => a.getValue());
        const sources = args.slice(0, -1);
        const from = fromFlag(i);
        if (from) {
          expect(names.has(from), `${file}: COPY --from=${from} names a stage`).toBe(true);
          continue;
        }
        for (const source of sources) {
          copies++;
          expect(existsSync(path.join(ROOT, source)), `${file}: COPY ${source} exists`).toBe(true);
          expect(ignoredByContext(source), `${file}: COPY ${source} is not excluded by .dockerignore`).toBe(false);
        }
      }
    }
    expect(copies).toBeGreaterThan(0);
  });

  it('gives npm ci every workspace manifest, so the lockfile matches', () => {
    const workspaces = (JSON.parse(readRepoFile('package.json')) as { workspaces: string[] }).workspaces;
    for (const stage of stages) {
      const ci = stage.instructions.findIndex((i) => i.getKeyword() === 'RUN' && /\bnpm ci\b/.test(i.getTextContent()));
      if (ci === -1) continue;
      const copied = stage.instructions.slice(0, ci).filter((i) => i.getKeyword() === 'COPY').flatMap((i) => i.getArguments().slice(0, -1).map((a) => a.getValue()));
      expect(workspaces.filter((w) => !copied.includes(`${w}/package.json`)), `${file}: manifests before npm ci`).toEqual([]);
      expect(copied).toContain('package-lock.json');
    }
  });

  it('runs the final image as a non-root user', () => {
    const final = stages.at(-1)!;
    const users = final.instructions.filter((i) => i.getKeyword() === 'USER').map((i) => i.getArguments()[0]?.getValue());
    expect(users.length, `${file}: final stage sets USER`).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users.at(-1));
  });
});

describe('deploy/compose.yaml', () => {
  const compose = parse(readRepoFile('deploy/compose.yaml')) as { services: Record<string, { build?: { context: string; dockerfile: string }; image?: string; ports?: string[]; depends_on?: Record<string, unknown> | string[]; network_mode?: string }> };

  it('builds every Lait image from a Dockerfile that exists, with the repository as context', () => {
    const builds = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(builds.map(([name]) => name).sort()).toEqual(['api', 'edge', 'ingest', 'ingest-control']);
    for (const [name, s] of builds) {
      const context = path.resolve(DEPLOY, s.build!.context);
      expect(context, name).toBe(ROOT);
      expect(existsSync(path.join(context, s.build!.dockerfile)), `${name}: ${s.build!.dockerfile}`).toBe(true);
    }
  });

  it('publishes the usual ports and depends only on services it defines', () => {
    const ports = Object.values(compose.services).flatMap((s) => s.ports ?? []);
    expect(ports).toEqual(expect.arrayContaining(['3000:3000', '1935:1935', '8080:8080']));
    for (const [name, s] of Object.entries(compose.services)) {
      const deps = Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {});
      for (const d of deps) expect(compose.services, `${name} depends on ${d}`).toHaveProperty(d);
      const shared = /^service:(.+)$/.exec(s.network_mode ?? '')?.[1];
      if (shared) expect(compose.services, `${name} shares ${shared}'s network`).toHaveProperty(shared);
    }
  });
});
