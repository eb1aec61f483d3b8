// `plansync init`: start a project in the current directory. Writes `plansync.yaml` with one commented
// connection per provider asked for, an empty plans file per connection (first line: the editor's
// schema modeline), a `.gitignore` entry for `.plansync/`, and with `--github` the example workflows.
// An existing file is never overwritten: it is kept and reported, so running init twice changes
// nothing. Every write goes through the project jail (links and FIFOs are refused).

import { readdir, readFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { didYouMean } from '../../config/did-you-mean.js';
import {
  inspectPath,
  projectJail,
  readTextSafely,
  writeFileSafely,
  type Jail,
} from '../../config/safe-file.js';
import { PROJECT_SCHEMA, schemaModeline } from '../../config/schema-modeline.js';
import { ExitCode, UserError } from '../../errors.js';
import { providers } from '../../providers/registry.js';
import type { AnyProvider } from '../../providers/types.js';
import type { CommandContext } from '../context.js';

interface InitFlags {
  provider: string[];
  connection: string[];
  github: boolean;
}

/** Same rule as `connections` keys in schemas/project.schema.json. */
const CONNECTION_ID = /^[a-z0-9][a-z0-9-]*$/;
const PLANS_DIR = 'plans';
const GITIGNORE_ENTRY = '.plansync/';
/** `examples/github/` of the running package, from `src/cli/commands/` and `dist/cli/commands/`. */
const GITHUB = fileURLToPath(new URL('../../../examples/github/', import.meta.url));
/** What `--github` copies into `.github/`: the workflows, and the scripts they run. */
const GITHUB_FOLDERS = [
  { folder: 'workflows', name: /\.ya?ml$/ },
  { folder: 'scripts', name: /\.m?js$/ },
];

/** The environment `init` writes for every connection. */
const ENVIRONMENT = 'sandbox';

/**
 * Where a provider publishes no host, `base_url` is left for the user to fill in: a placeholder host
 * would pass `validate` and fail only at `plan`.
 */
function baseUrlNote(provider: AnyProvider): string[] {
  return [
    `    # Required: ${provider.title} publishes no ${ENVIRONMENT} host; use the base URL you were given.`,
    '    # `plansync validate` refuses this connection until base_url is set here (or in',
    '    # PLANSYNC_BASE_URL_<CONNECTION>).',
    '    # base_url: https://…',
  ];
}

interface Wanted {
  provider: AnyProvider;
  connection: string;
}

export async function initCommand(context: CommandContext, flags: InitFlags): Promise<number> {
  const { io } = context;
  const root = context.globals.dir ? path.resolve(io.cwd, context.globals.dir) : io.cwd;
  const projectFile = context.globals.project ?? 'plansync.yaml';
  const wanted = flags.provider.length > 0 ? fromFlags(flags) : await fromPrompts(context);
  const jail = await projectJail(root);
  await mkdir(root, { recursive: true });

  const files: { file: string; text: string }[] = [
    { file: projectFile, text: projectText(root, projectFile, wanted) },
    ...wanted.map(({ provider, connection }) => {
      // The plans directory is relative to the project file.
      const file = path.posix.join(path.posix.dirname(projectFile), PLANS_DIR, `${connection}.yaml`);
      return { file, text: plansText(root, file, provider, connection) };
    }),
  ];
  if (flags.github) {
    for (const { folder, name: wanted } of GITHUB_FOLDERS) {
      const from = path.join(GITHUB, folder);
      const names = (await readdir(from).catch(() => [] as string[])).filter((name) => wanted.test(name));
      if (folder === 'workflows' && names.length === 0) {
        throw new UserError(`no example workflows found in ${from}`);
      }
      for (const name of names.sort()) {
        files.push({
          file: `.github/${folder}/${name}`,
          text: await readFile(path.join(from, name), 'utf8'),
        });
      }
    }
  }

  let wrote = 0;
  for (const { file, text } of files) {
    const absolute = path.resolve(root, file);
    const found = await inspectPath(jail, absolute, 'file');
    if (found.kind !== 'missing') {
      io.stdout(`kept ${file} (exists${found.kind === 'refused' ? `; it ${found.reason}` : ''})\n`);
      continue;
    }
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFileSafely(jail, absolute, file, text);
    io.stdout(`wrote ${file}\n`);
    wrote += 1;
  }
  if (await gitignore(jail, root, io.stdout)) wrote += 1;

  if (wrote === 0) {
    io.stdout('Nothing to do: every file init writes exists.\n');
    return ExitCode.ok;
  }
  const variables = wanted.flatMap(({ provider, connection }) =>
    provider.credentials.map((slot) => envName(provider, connection, slot.name, wanted)),
  );
  io.stdout(
    `\nNext: set ${variables.join(', ')}, check the settings in ${projectFile}, then run \`plansync validate\`.\n` +
      `Start from the live plans with ${wanted.map(({ connection }) => `\`plansync import --connection ${connection}\``).join(' or ')}, or add plans to the plans files.\n`,
  );
  return ExitCode.ok;
}

/** Adds `.plansync/` to `.gitignore` unless a line already ignores it; true when it wrote. */
async function gitignore(jail: Jail, root: string, out: (text: string) => void): Promise<boolean> {
  const file = '.gitignore';
  const absolute = path.join(root, file);
  const found = await inspectPath(jail, absolute, 'file');
  let before = '';
  if (found.kind === 'refused') throw new UserError(`refusing ${file}: ${found.reason}`);
  if (found.kind === 'ok') {
    before = await readTextSafely(jail, absolute, file, 1024 * 1024);
    const lines = before.split(/\r?\n/).map((line) => line.trim());
    if (lines.some((line) => ['.plansync', '.plansync/', '/.plansync', '/.plansync/'].includes(line))) {
      out(`kept ${file} (ignores ${GITIGNORE_ENTRY} already)\n`);
      return false;
    }
  }
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  await writeFileSafely(
    jail,
    absolute,
    file,
    `${before}${separator}# plansync's local state (apply locks)\n${GITIGNORE_ENTRY}\n`,
  );
  out(found.kind === 'ok' ? `added ${GITIGNORE_ENTRY} to ${file}\n` : `wrote ${file}\n`);
  return true;
}

function unknownProvider(id: string): UserError {
  const suggestion = didYouMean(id, providers.ids());
  return new UserError(
    `unknown provider ${JSON.stringify(id)}${suggestion ? ` (${suggestion})` : ''}; providers: ${providers.ids().join(', ')}`,
  );
}

/** `--provider` and `--connection` pairs: the i-th `--connection` names the i-th `--provider`. */
function fromFlags(flags: InitFlags): Wanted[] {
  if (flags.connection.length > flags.provider.length) {
    throw new UserError(
      'more --connection than --provider: give each connection after its provider, e.g. `--provider paypal --connection paypal-live`',
    );
  }
  const wanted = flags.provider.map((id, index): Wanted => {
    const provider = providers.get(id);
    if (!provider) throw unknownProvider(id);
    const connection = flags.connection[index] ?? id;
    if (!CONNECTION_ID.test(connection) || connection.length > 64) {
      throw new UserError(
        `connection name ${JSON.stringify(connection)}: expected lowercase letters, digits and \`-\`, starting with a letter or digit, at most 64 characters (e.g. \`${id}-live\`)`,
      );
    }
    return { provider, connection };
  });
  const names = wanted.map((item) => item.connection);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) {
    throw new UserError(`connection ${twice} is named twice; give each --provider its own --connection`);
  }
  return wanted;
}

/** On a terminal: asks, provider by provider, whether to add a connection for it. */
async function fromPrompts(context: CommandContext): Promise<Wanted[]> {
  const { io } = context;
  if (!io.isTTY) {
    throw new UserError(
      `init needs --provider when not on a terminal, e.g. \`plansync init --provider paypal --connection paypal-live\`; providers: ${providers.ids().join(', ')}`,
    );
  }
  const wanted: Wanted[] = [];
  for (const provider of providers.all()) {
    if (await io.confirm(`Add a connection to ${provider.title} (${provider.id})?`)) {
      wanted.push({ provider, connection: provider.id });
    }
  }
  if (wanted.length === 0) throw new UserError('no provider chosen; nothing was written');
  return wanted;
}

/** The environment variable for a credential slot: the provider's usual name, prefixed by the connection when a provider has several. */
function envName(provider: AnyProvider, connection: string, slotName: string, all: Wanted[]): string {
  const slot = provider.credentials.find((item) => item.name === slotName);
  const shared = all.filter((item) => item.provider.id === provider.id).length > 1;
  if (slot && !shared) return slot.exampleEnv;
  return `${connection}_${slotName}`.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function projectText(root: string, file: string, wanted: Wanted[]): string {
  const lines = [
    schemaModeline(root, file, PROJECT_SCHEMA),
    '# plansync project file, written by `plansync init`. Reference: docs/configuration.md.',
    '# Secrets are never written here: credentials name the environment variables that hold them.',
    'version: 1',
    `plans: ${PLANS_DIR} # directory of the plans files, relative to this file`,
    'connections:',
  ];
  for (const { provider, connection } of wanted) {
    lines.push(
      `  ${connection}:`,
      `    provider: ${provider.id} # ${provider.title}`,
      `    environment: ${ENVIRONMENT} # sandbox or production`,
      ...(provider.baseUrls[ENVIRONMENT] === undefined ? baseUrlNote(provider) : []),
      ...(provider.initSettings ?? []),
      '    credentials: # slot: NAME of the environment variable holding the secret',
      ...provider.credentials.map(
        (slot) => `      ${slot.name}: ${envName(provider, connection, slot.name, wanted)} # ${slot.doc}`,
      ),
      '    # prune: false # true retires live plans that no YAML plan declares',
      '    # limits: { concurrency: 2, requests_per_second: 5 }',
    );
  }
  return `${lines.join('\n')}\n`;
}

function plansText(root: string, file: string, provider: AnyProvider, connection: string): string {
  return [
    schemaModeline(root, file, provider.planSchema),
    `# Plans of connection ${connection} (${provider.title}), by key. Start from the live plans with`,
    `# \`plansync import --connection ${connection}\`, or add plans here; \`plansync plan\` shows what would change.`,
    `connection: ${connection}`,
    'plans: {}',
    '',
  ].join('\n');
}
