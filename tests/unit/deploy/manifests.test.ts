/**
 * The deployment files agree with the code, without any engine running: every manifest of
 * deploy/ validates against the Kubernetes schemas (kubernetes-models), and ports, probes,
 * commands and environment variables are those of the code — the registry's ports, the
 * endpoints platform/http-server.ts serves, the package's start scripts, the variables the
 * code reads. Each service's configuration is read from its manifest's environment by the
 * service's own configuration function, so a variable the code would not see fails here.
 * Pure: reads files only.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { gatewayConfigFromEnv } from '../../../gateway/config';
import { LIVENESS_PATH, READINESS_PATH } from '../../../platform/http-server';
import { COUNCILS_SUBGRAPH, GATEWAY_DEFAULT_PORT, allRegions, allSubgraphs } from '../../../schema/contract/registry';
import { councilsConfigFromEnv } from '../../../services/councils/service';
import { regionalSubgraph } from '../../../services/regional/definition';
import { regionalConfigFromEnv } from '../../../services/regional/service';

const ROOT = join(__dirname, '..', '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

// ---------------------------------------------------------------------------------------
// The manifests

interface Manifest {
  file: string;
  kind: string;
  apiVersion: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
}

/** The schema classes by apiVersion and kind: a kind missing here is a manifest nothing validates. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const manifestFiles = readdirSync(DEPLOY).filter((f) => /\.ya?ml$/.test(f)).sort();

const manifests: Manifest[] = manifestFiles.flatMap((file) =>
  parseAllDocuments(readFileSync(join(DEPLOY, file), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`deploy/${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return { file, ...(doc.toJS() as Omit<Manifest, 'file'>) };
  }),
);

const named = (kind: string, name: string): Manifest => {
  const found = manifests.filter((m) => m.kind === kind && m.metadata.name === name);
  if (found.length !== 1) throw new Error(`deploy/ has ${found.length} ${kind} named "${name}", not one`);
  return found[0];
};

interface EnvEntry {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string; optional?: boolean }; secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: EnvEntry[];
  envFrom?: unknown[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  resources?: { requests?: Record<string, string> };
}
const containersOf = (m: Manifest): Container[] => m.spec?.template?.spec?.containers ?? [];
const workloads = manifests.filter((m) => m.kind === 'Deployment' || m.kind === 'Job');
const deployments = manifests.filter((m) => m.kind === 'Deployment');
const allContainers = workloads.flatMap((m) => containersOf(m).map((c) => ({ manifest: m, container: c })));

// ---------------------------------------------------------------------------------------
// The code: its environment variables, entry points and image

const SOURCE_DIRECTORIES = ['platform', 'schema', 'services', 'gateway', 'scripts', 'tools'];

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return entry === 'data' || entry === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|js)$/.test(entry) ? [path] : [];
  });
}

/**
 * Every variable name the code reads: `process.env.NAME`, a name given to one of
 * platform/config.ts's readers (`envString('NAME')`, `envFirst('A', 'B')`, …) or to the
 * regional service's `pick('NAME')` (own variable, else generic), and names made from a
 * service's prefix (`${prefix}_PORT`, `${name.toUpperCase()}_URL`), for every subgraph.
 * Read from the sources, so a variable read by code added later counts without a change here.
 */
function variablesReadByCode(): Set<string> {
  const names = new Set<string>();
  const prefixes = allSubgraphs().map((s) => s.name.toUpperCase());
  const NAME = `'([A-Z][A-Z0-9_]*)'`;
  for (const file of SOURCE_DIRECTORIES.flatMap((d) => sourceFiles(join(ROOT, d)))) {
    const text = readFileSync(file, 'utf8');
    for (const [, name] of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) names.add(name);
    for (const [, name] of text.matchAll(/process\.env\[\s*'([A-Z][A-Z0-9_]*)'\s*\]/g)) names.add(name);
    // Every quoted name in the arguments of a reader, e.g. envPort(envFirst('GATEWAY_PORT', 'PORT'), …).
    for (const [call] of text.matchAll(/\benv[A-Z]\w*\((?:[^()]|\([^()]*\))*\)/g)) for (const [, name] of call.matchAll(new RegExp(NAME, 'g'))) names.add(name);
    for (const [, name] of text.matchAll(new RegExp(`\\bpick\\(${NAME}\\)`, 'g'))) {
      names.add(name);
      for (const prefix of prefixes) names.add(`${prefix}_${name}`);
    }
    for (const [, suffix] of text.matchAll(/`\$\{[^}]+\}_([A-Z][A-Z0-9_]*)`/g)) for (const prefix of prefixes) names.add(`${prefix}_${suffix}`);
  }
  return names;
}
const READ_BY_CODE = variablesReadByCode();

/** `node -r ./tools/register.js gateway/main.ts` → its words. */
const words = (command: string) => command.trim().split(/\s+/);

const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [, instruction, rest] = /^(\S+)\s+(.*)$/.exec(line)!;
    return { instruction: instruction.toUpperCase(), rest };
  });
const lastStage = instructions.slice(instructions.map((i) => i.instruction).lastIndexOf('FROM'));
const jsonOf = (instruction: string): string[] => {
  const found = lastStage.filter((i) => i.instruction === instruction);
  expect(found).toHaveLength(1);
  return JSON.parse(found[0].rest);
};
const ENTRYPOINT = jsonOf('ENTRYPOINT');
/** The command a container of the image runs with these arguments. */
const commandOf = (container: Container) => [...(container.command ?? ENTRYPOINT), ...(container.args ?? jsonOf('CMD'))];
const IMAGE = `sundhedsklynger-hub:${packageJson.version}`;

// ---------------------------------------------------------------------------------------
// A container's environment as the code would see it

const configMaps = new Map(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => [m.metadata.name, m.data ?? {}]));

/** A stand-in for a secret's value, of the form the code checks for. */
function secretValue(variable: string): string {
  if (variable.endsWith('DATABASE_URL')) return 'postgresql://hub@primary.example:5432/hub';
  if (variable.endsWith('DATABASE_READ_URLS')) return 'postgresql://hub@replica-1.example:5432/hub,postgresql://hub@replica-2.example:5432/hub';
  if (variable === 'REDIS_URL') return 'redis://redis.example:6379/0';
  return 'a-secret-of-forty-characters-for-testing';
}

function environmentOf(container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of container.env ?? []) {
    if (entry.value !== undefined) env[entry.name] = entry.value;
    else if (entry.valueFrom?.configMapKeyRef) {
      const { name, key, optional } = entry.valueFrom.configMapKeyRef;
      const value = configMaps.get(name)?.[key];
      if (value === undefined && optional) continue;
      if (value === undefined) throw new Error(`${container.name}: ${entry.name} refers to ConfigMap ${name} key ${key}, which deploy/ does not have`);
      env[entry.name] = value;
    } else if (entry.valueFrom?.secretKeyRef) env[entry.name] = secretValue(entry.name);
  }
  return env;
}

/** Runs `read` with exactly `env` as the process's environment. */
function withEnvironment<T>(env: Record<string, string>, read: () => T): T {
  const saved = process.env;
  process.env = { ...env };
  try {
    return read();
  } finally {
    process.env = saved;
  }
}

// ---------------------------------------------------------------------------------------

describe('the manifests of deploy/', () => {
  it('are YAML of known kinds, each valid against the Kubernetes schema', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const m of manifests) {
      const Model = MODELS[`${m.apiVersion}/${m.kind}`];
      if (!Model) throw new Error(`deploy/${m.file}: ${m.apiVersion} ${m.kind} is not a kind this test validates`);
      const { file, ...resource } = m;
      try {
        new Model(resource).validate();
      } catch (error) {
        throw new Error(`deploy/${file}: ${m.kind} ${m.metadata.name}: ${(error as Error).message}`);
      }
    }
  });

  it('fail validation when a field is wrong (the schema check is real)', () => {
    const gateway = named('Deployment', 'gateway');
    const broken = JSON.parse(JSON.stringify(gateway));
    delete broken.file;
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'four thousand';
    expect(() => new Deployment(broken).validate()).toThrow(/containerPort/);
  });

  it('run the image of this version, with resource requests and without root', () => {
    for (const { manifest, container } of allContainers) {
      expect([manifest.metadata.name, container.image]).toEqual([manifest.metadata.name, IMAGE]);
      expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect([manifest.metadata.name, manifest.spec.template.spec.securityContext?.runAsNonRoot]).toEqual([manifest.metadata.name, true]);
      expect(container.envFrom).toBeUndefined();
    }
  });

  it('have every environment variable read by the code', () => {
    const unknown = allContainers.flatMap(({ manifest, container }) =>
      (container.env ?? []).filter((e) => !READ_BY_CODE.has(e.name)).map((e) => `${manifest.file}: ${container.name}: ${e.name}`),
    );
    expect(unknown).toEqual([]);
    const configMapKeys = [...configMaps.values()].flatMap((data) => Object.keys(data)).filter((key) => !READ_BY_CODE.has(key));
    expect(configMapKeys).toEqual([]);
  });

  it('would notice a misspelled variable (the list of the code’s variables is not everything)', () => {
    expect(READ_BY_CODE.has('NORDJYLLAND_DATABASE_URL')).toBe(true);
    expect(READ_BY_CODE.has('NORDJYLLAND_DATABASE_READ_URLS')).toBe(true);
    expect(READ_BY_CODE.has('AUTH_JWKS_URL')).toBe(true);
    expect(READ_BY_CODE.has('NORDJYLAND_DATABASE_URL')).toBe(false);
    expect(READ_BY_CODE.has('AUTH_JWKS_URI')).toBe(false);
  });

  it('probe the liveness and readiness endpoints every service serves, on the container’s own port', () => {
    for (const m of deployments) {
      for (const container of containersOf(m)) {
        const portNames = new Set((container.ports ?? []).map((p) => p.name));
        expect([m.metadata.name, container.livenessProbe?.httpGet?.path, container.readinessProbe?.httpGet?.path]).toEqual([m.metadata.name, LIVENESS_PATH, READINESS_PATH]);
        for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
          if (!probe) continue;
          expect([LIVENESS_PATH, READINESS_PATH]).toContain(probe.httpGet?.path);
          expect(portNames.has(String(probe.httpGet?.port)) || (container.ports ?? []).some((p) => p.containerPort === probe.httpGet?.port)).toBe(true);
        }
      }
    }
  });
});

describe.each(allRegions().map((r) => regionalSubgraph(r.slug)))('the $name subgraph in deploy/', (definition) => {
  const deployment = named('Deployment', definition.name);
  const [container] = containersOf(deployment);

  it('runs the package’s start script for the region, on the registry’s port, listening beyond the pod', () => {
    expect(commandOf(container)).toEqual([...words(packageJson.scripts['start:region']), definition.name]);
    expect(container.ports).toEqual([{ name: 'http', containerPort: definition.defaultPort }]);
    const config = withEnvironment(environmentOf(container), () => regionalConfigFromEnv(definition));
    expect({ host: config.host, port: config.port }).toEqual({ host: '0.0.0.0', port: definition.defaultPort });
  });

  it('gives the subgraph its own database and its read replicas, and the gateway’s secret', () => {
    const env = environmentOf(container);
    const config = withEnvironment(env, () => regionalConfigFromEnv(definition));
    expect(config.databaseUrl).toBe(secretValue('DATABASE_URL'));
    expect(config.databaseReadUrls).toEqual(secretValue('DATABASE_READ_URLS').split(','));
    expect(config.gatewaySecret).toBe(secretValue('SUBGRAPH_SECRET'));
    expect(config.auth).toMatchObject({ production: true, issuer: expect.any(String), audience: expect.any(String), jwksUrl: expect.stringMatching(/^https:/) });
    // The region's own variables: a generic DATABASE_URL would be shared by every region.
    expect(Object.keys(env).filter((name) => name.includes('DATABASE'))).toEqual([`${definition.name.toUpperCase()}_DATABASE_URL`, `${definition.name.toUpperCase()}_DATABASE_READ_URLS`]);
  });

  it('has a Service on the registry’s port to the container’s port', () => {
    const service = named('Service', definition.name);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(service.spec.ports).toEqual([{ name: 'http', port: definition.defaultPort, targetPort: 'http' }]);
  });

  it('has a Job that migrates its database with the package’s db:migrate command', () => {
    const [migrate] = containersOf(named('Job', `${definition.name}-migrate`));
    expect(commandOf(migrate)).toEqual([...words(packageJson.scripts['db:migrate']), definition.name]);
    const config = withEnvironment(environmentOf(migrate), () => regionalConfigFromEnv(definition));
    expect(config.databaseUrl).toBe(secretValue('DATABASE_URL'));
  });
});

describe('the councils subgraph in deploy/', () => {
  const deployment = named('Deployment', COUNCILS_SUBGRAPH.name);
  const [container] = containersOf(deployment);

  it('runs the package’s start script on the registry’s port, listening beyond the pod, with a Service', () => {
    expect(commandOf(container)).toEqual(words(packageJson.scripts['start:councils']));
    expect(container.ports).toEqual([{ name: 'http', containerPort: COUNCILS_SUBGRAPH.defaultPort }]);
    const config = withEnvironment(environmentOf(container), () => councilsConfigFromEnv());
    expect({ host: config.host, port: config.port, gatewaySecret: config.gatewaySecret }).toEqual({ host: '0.0.0.0', port: COUNCILS_SUBGRAPH.defaultPort, gatewaySecret: secretValue('SUBGRAPH_SECRET') });
    expect(named('Service', COUNCILS_SUBGRAPH.name).spec.ports).toEqual([{ name: 'http', port: COUNCILS_SUBGRAPH.defaultPort, targetPort: 'http' }]);
  });
});

describe('the gateway in deploy/', () => {
  const deployment = named('Deployment', 'gateway');
  const [container] = containersOf(deployment);
  const configOf = () => withEnvironment(environmentOf(container), () => gatewayConfigFromEnv());

  it('runs the package’s start script on the registry’s port, listening beyond the pod, with a Service', () => {
    expect(commandOf(container)).toEqual(words(packageJson.scripts['start:gateway']));
    expect(container.ports).toEqual([{ name: 'http', containerPort: GATEWAY_DEFAULT_PORT }]);
    const config = configOf();
    expect({ host: config.host, port: config.port }).toEqual({ host: '0.0.0.0', port: GATEWAY_DEFAULT_PORT });
    expect(named('Service', 'gateway').spec.ports).toEqual([{ name: 'http', port: GATEWAY_DEFAULT_PORT, targetPort: 'http' }]);
  });

  it('calls every subgraph through its Service, signed with the subgraphs’ secret', () => {
    const config = configOf();
    for (const { name } of allSubgraphs()) {
      const url = new URL(config.subgraphUrls[name]);
      const service = named('Service', url.hostname);
      const target = named('Deployment', url.hostname);
      expect([name, url.pathname]).toEqual([name, '/graphql']);
      expect(service.spec.ports.map((p: { port: number }) => p.port)).toContain(Number(url.port));
      expect(service.spec.selector).toEqual(target.spec.selector.matchLabels);
    }
    expect(config.subgraphSecret).toBe(secretValue('SUBGRAPH_SECRET'));
  });

  it('scales with a HorizontalPodAutoscaler and keeps a replica through disruptions', () => {
    const hpa = named('HorizontalPodAutoscaler', 'gateway');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    const pdb = named('PodDisruptionBudget', 'gateway');
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);
    expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);
  });
});

describe('the Dockerfile', () => {
  it('builds in stages and runs as a user that is not root', () => {
    expect(instructions.filter((i) => i.instruction === 'FROM').length).toBeGreaterThanOrEqual(2);
    const users = lastStage.filter((i) => i.instruction === 'USER').map((i) => i.rest);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
  });

  it('installs the production dependencies only, from the lockfile', () => {
    const installs = instructions.filter((i) => i.instruction === 'RUN' && /\bnpm (install|ci)\b/.test(i.rest));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install.rest).toMatch(/--omit=dev/);
    expect(instructions.some((i) => i.instruction === 'COPY' && /\bpackage-lock\.json\b/.test(i.rest))).toBe(true);
  });

  it('starts the gateway by default, with the package’s start script', () => {
    expect([...ENTRYPOINT, ...jsonOf('CMD')]).toEqual(words(packageJson.scripts['start:gateway']));
  });

  it('exposes the registry’s ports', () => {
    const exposed = lastStage.filter((i) => i.instruction === 'EXPOSE').flatMap((i) => i.rest.split(/\s+/).map(Number));
    expect(exposed.sort()).toEqual([GATEWAY_DEFAULT_PORT, ...allSubgraphs().map((s) => s.defaultPort)].sort());
  });

  it('copies every file the containers run, and the build context keeps them', () => {
    const copied = lastStage
      .filter((i) => i.instruction === 'COPY' && !i.rest.startsWith('--from'))
      .flatMap((i) => i.rest.split(/\s+/).slice(0, -1));
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const run = new Set([...allContainers.map(({ container }) => commandOf(container)), [...ENTRYPOINT, ...jsonOf('CMD')]].flatMap((cmd) => cmd.filter((w) => /\.(ts|js)$/.test(w))));
    for (const file of run) {
      const path = relative(ROOT, join(ROOT, file));
      expect([file, existsSync(join(ROOT, path))]).toEqual([file, true]);
      expect([file, copied.some((c) => path === c.replace(/^\.\//, '') || path.startsWith(`${c.replace(/^\.\//, '').replace(/\/$/, '')}/`))]).toEqual([file, true]);
      expect([file, ignored.some((pattern) => path === pattern || path.startsWith(`${pattern}/`))]).toEqual([file, false]);
    }
  });
});
