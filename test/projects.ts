// Which vitest project each test file belongs to (vitest.config.ts builds the projects from this;
// test/suite/projects.test.ts checks every test file lands in exactly one). Split by what a file needs
// and how long it takes on a busy 2-core machine, so `npm run test:fast` answers in seconds:
//
// - unit: pure code and the file system: no sockets, no child processes, no wall-clock waits.
// - emulator: each provider's emulator over real sockets on loopback.
// - integration: the CLI and the engine against the emulators, the CI recipes, the benchmarks'
//   request counts.
// - reliability: kills, faults, and properties checked on generated input in bulk (every
//   `*.property.test.ts`, wherever it lives).
// - package: plansync packed, published to a local registry, installed and run with npx: minutes
//   of npm installs, so last.

export interface ProjectFiles {
  /** Test files under these folders… */
  folders: readonly string[];
  /** …and test files with this suffix anywhere, which no other project then takes. */
  suffix?: string;
}

export const PROJECTS = {
  unit: {
    folders: [
      'test/core',
      'test/config',
      'test/render',
      'test/http',
      'test/providers',
      'test/cli',
      'test/files',
      'test/suite',
      'test/architecture',
    ],
  },
  emulator: { folders: ['test/emulators'] },
  integration: {
    folders: ['test/integration', 'test/engine', 'test/conformance', 'test/examples', 'test/bench'],
  },
  reliability: { folders: ['test/reliability', 'test/property'], suffix: '.property.test.ts' },
  package: { folders: ['test/package'] },
} as const satisfies Record<string, ProjectFiles>;

export type ProjectName = keyof typeof PROJECTS;

export const PROJECT_NAMES = Object.keys(PROJECTS) as ProjectName[];

/** A test file: what the projects' globs end in. */
export const TEST_FILE = /\.test\.ts$/;

const suffixes = PROJECT_NAMES.flatMap((name) => {
  const suffix: string | undefined = (PROJECTS[name] as ProjectFiles).suffix;
  return suffix === undefined ? [] : [{ name, suffix }];
});

/** The include and exclude globs of a project, for vitest. */
export function projectGlobs(name: ProjectName): { include: string[]; exclude: string[] } {
  const own = (PROJECTS[name] as ProjectFiles).suffix;
  return {
    include: [
      ...PROJECTS[name].folders.map((folder) => `${folder}/**/*.test.ts`),
      ...(own === undefined ? [] : [`test/**/*${own}`]),
    ],
    exclude: ['**/node_modules/**', ...suffixes.filter((s) => s.name !== name).map((s) => `**/*${s.suffix}`)],
  };
}

/** The projects whose globs (as vitest gets them) take `file`, a path from the repository root with `/`. */
export function projectsOf(file: string): ProjectName[] {
  return PROJECT_NAMES.filter((name) => {
    const { include, exclude } = projectGlobs(name);
    return (
      include.some((glob) => globMatches(glob, file)) && !exclude.some((glob) => globMatches(glob, file))
    );
  });
}

/** The two wildcards the globs above use: `**` (any folders) and `*` (any name). */
function globMatches(glob: string, file: string): boolean {
  const pattern = glob
    .split('**/')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${pattern}$`).test(file);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
