// Types of scripts/system.mjs for the TypeScript tests.
export declare function isExecutable(path: string): boolean;
export declare function onPath(name: string, path?: string): string | undefined;
export declare const isRoot: () => boolean;
export declare function runCommand(
  command: string,
  args: readonly string[],
  options?: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string; quiet?: boolean },
): { ok: boolean; output: string };
export declare function installDebianPackages(
  packages: readonly string[],
  options: { missing: string; log: (line: string) => void; showOutput?: boolean; path?: string },
): void;
