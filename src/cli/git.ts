// Read-only access to git through the `git` command, for `prompt-cost diff`. No network, no writes:
// optional locks are disabled so even `git diff` does not refresh the index file.
import { execFileSync } from 'node:child_process';
import { InputError, UsageError } from './errors';

export interface Git {
  /** Runs git and returns stdout as bytes. @throws InputError with git's first error line. */
  run(args: readonly string[]): Buffer;
  /** Runs git; null when it exits non-zero (used for existence checks). */
  tryRun(args: readonly string[]): Buffer | null;
}

/** A git runner in `cwd`. @throws InputError when git is missing or `cwd` is not in a repository. */
export function openGit(cwd: string = process.cwd()): Git {
  const exec = (args: readonly string[]): Buffer =>
    execFileSync('git', args, {
      cwd,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  const git: Git = {
    run(args) {
      try {
        return exec(args);
      } catch (err) {
        throw new InputError(gitProblem(args, err));
      }
    },
    tryRun(args) {
      try {
        return exec(args);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError('the git command was not found');
        return null;
      }
    },
  };
  if (git.tryRun(['rev-parse', '--is-inside-work-tree'])?.toString().trim() !== 'true') {
    throw new InputError(`${cwd} is not inside a git work tree`);
  }
  return git;
}

/** Resolves `--base`: the given ref, or the merge base of HEAD with the default branch. */
export function resolveBase(git: Git, ref: string | undefined): { ref: string; commit: string } {
  if (ref !== undefined) {
    const commit = git.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    if (!commit) throw new InputError(`unknown git ref "${ref}"`);
    return { ref, commit: commit.toString().trim() };
  }
  const branch = defaultBranch(git);
  const base = git.tryRun(['merge-base', 'HEAD', branch]);
  if (!base) throw new InputError(`HEAD has no common ancestor with ${branch}; pass --base GITREF`);
  return { ref: `merge-base(HEAD, ${branch})`, commit: base.toString().trim() };
}

function defaultBranch(git: Git): string {
  const remoteHead = git.tryRun(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  if (remoteHead) return remoteHead.toString().trim();
  for (const candidate of ['main', 'master', 'origin/main', 'origin/master']) {
    if (git.tryRun(['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`])) return candidate;
  }
  throw new UsageError('no default branch found (looked for origin/HEAD, main, master); pass --base GITREF');
}

/** Paths (relative to the current directory) of files that differ between `commit` and the work tree, untracked ones included. */
export function changedFiles(git: Git, commit: string): string[] {
  const split = (out: Buffer) => out.toString('utf8').split('\0').filter(Boolean);
  const tracked = split(git.run(['diff', '--name-only', '--no-renames', '--relative', '-z', commit, '--']));
  const untracked = split(git.run(['ls-files', '--others', '--exclude-standard', '-z']));
  return [...new Set([...tracked, ...untracked])].sort();
}

/** Content of `path` (relative to the current directory) at `commit`, or null when it did not exist there. */
export function fileAt(git: Git, commit: string, path: string): Buffer | null {
  const spec = `${commit}:./${path.replace(/\\/g, '/')}`;
  if (!git.tryRun(['cat-file', '-e', spec])) return null;
  return git.run(['cat-file', 'blob', spec]);
}

function gitProblem(args: readonly string[], err: unknown): string {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'the git command was not found';
  const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
  return `git ${args[0]} failed${stderr ? `: ${stderr}` : ''}`;
}
