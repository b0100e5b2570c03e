// The real VS Code the project runs and tests in: code-server (the VS Code workbench and extension
// host, from npm). It is installed on first use into `.vscode-test/code-server-<version>/`, outside
// node_modules, the way @vscode/test-electron caches desktop VS Code. The install works offline; see
// ../shared/notes/vscode-host.md for why each step below is needed.
//
// `npm run host:install` (scripts/host-install.ts) installs it ahead of the tests.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, '.vscode-test');

interface HostRelease {
  codeServer: string;
  /** @vscode/ripgrep version inside this release and the ripgrep-prebuilt tag its postinstall fetches. */
  ripgrep: { pkg: string; tag: string } | null;
}

/**
 * code-server release per Node major: the newest release whose `engines.node` accepts that major
 * (checked with `npm view code-server@<v> engines`). Only the Node 20 row has been installed offline
 * here; for the others the ripgrep cache key is unknown, so their postinstall will try to download
 * ripgrep and fail with the install log printed (set PCL_CODE_SERVER_VERSION to try another release).
 * The extension's `engines.vscode` must stay at or below the oldest VS Code listed (1.100).
 */
const RELEASES: Record<number, HostRelease> = {
  20: { codeServer: '4.100.3', ripgrep: { pkg: '1.15.11', tag: 'v13.0.0-10' } },
  22: { codeServer: '4.117.0', ripgrep: null },
  24: { codeServer: '4.139.1', ripgrep: null },
};

function release(): HostRelease {
  const major = Number(process.versions.node.split('.')[0]);
  const pinned = process.env.PCL_CODE_SERVER_VERSION;
  const row = RELEASES[major];
  if (pinned) return { codeServer: pinned, ripgrep: row?.codeServer === pinned ? row.ripgrep : null };
  if (!row) throw new Error(`No code-server release is known for Node ${major}; set PCL_CODE_SERVER_VERSION.`);
  return row;
}

export interface HostInstall {
  version: string;
  dir: string;
  /** The JavaScript entry point, run with the current Node. */
  entry: string;
}

/** Installs code-server for the running Node if it is not cached yet, and returns where it is. */
export function ensureCodeServer(log: (line: string) => void = (l) => console.error(l)): HostInstall {
  const rel = release();
  const dir = path.join(CACHE, `code-server-${rel.codeServer}`);
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = path.join(dir, '.installed');
  if (fs.existsSync(marker) && fs.existsSync(entry)) return { version: rel.codeServer, dir, entry };

  // Install into a private staging folder, then rename: concurrent runs never see half an install.
  fs.mkdirSync(CACHE, { recursive: true });
  const staging = fs.mkdtempSync(path.join(CACHE, `.staging-${rel.codeServer}-`));
  const tmp = path.join(staging, 'tmp');
  fs.mkdirSync(tmp);
  seedRipgrepCache(tmp, rel);
  const logFile = path.join(CACHE, `code-server-${rel.codeServer}-install.log`);
  log(`Installing code-server ${rel.codeServer} into ${dir} (about 90 s; log: ${logFile})`);
  const started = Date.now();
  const out = fs.openSync(logFile, 'w');
  // A package.json in the staging folder records which install scripts we allow: npm 11 warns about
  // unlisted ones and its docs announce they will be skipped.
  fs.writeFileSync(
    path.join(staging, 'package.json'),
    JSON.stringify({
      private: true,
      dependencies: { 'code-server': rel.codeServer },
      allowScripts: { 'code-server': true, argon2: true },
    }),
  );
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--foreground-scripts'], {
    cwd: staging,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      // Scripts run as root and call `npx node-gyp` without a terminal.
      npm_config_unsafe_perm: 'true',
      npm_config_yes: 'true',
      // node-gyp would download Node's headers; Debian ships them under /usr/include/node.
      npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr',
      npm_config_update_notifier: 'false',
      TMPDIR: tmp,
    },
  });
  fs.closeSync(out);
  if (result.status !== 0 || !fs.existsSync(path.join(staging, 'node_modules', 'code-server', 'out', 'node', 'entry.js'))) {
    const text = fs.readFileSync(logFile, 'utf8');
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`code-server install failed (exit ${result.status}); last lines of ${logFile}:\n${text.slice(-6000)}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.writeFileSync(path.join(staging, '.installed'), `${rel.codeServer}\n`);
  try {
    fs.renameSync(staging, dir);
  } catch {
    // Another run finished first; keep its install.
    fs.rmSync(staging, { recursive: true, force: true });
  }
  log(`Installed code-server ${rel.codeServer} in ${Math.round((Date.now() - started) / 1000)} s`);
  return { version: rel.codeServer, dir, entry };
}

/**
 * @vscode/ripgrep's postinstall downloads `rg` from GitHub unless its cache already holds the
 * asset; a tarball of Debian's /usr/bin/rg under that name is accepted as is.
 */
function seedRipgrepCache(tmp: string, rel: HostRelease): void {
  if (!rel.ripgrep) return;
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep is missing: install the Debian package `ripgrep` (apt-get install ripgrep).');
  const arch = process.arch === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const cacheDir = path.join(tmp, `vscode-ripgrep-cache-${rel.ripgrep.pkg}`);
  fs.mkdirSync(cacheDir, { recursive: true });
  const tarball = path.join(cacheDir, `ripgrep-${rel.ripgrep.tag}-${arch}.tar.gz`);
  const tar = spawnSync('tar', ['-czf', tarball, '-C', path.dirname(fs.realpathSync(rg)), path.basename(fs.realpathSync(rg))]);
  if (tar.status !== 0) throw new Error(`could not build the ripgrep cache tarball: ${tar.stderr}`);
}

export interface HostOptions {
  /** Folder the workbench opens. */
  folder: string;
  /** VSIX files installed into the fresh extensions dir before start. */
  vsixes?: string[];
  /** Extra environment for code-server; the extension host inherits it. */
  env?: Record<string, string>;
  /** Reuse these dirs instead of fresh temporary ones (they are then kept on stop). */
  userDataDir?: string;
  extensionsDir?: string;
  /** Where code-server's own output goes (default: kept in memory and printed if start fails). */
  onOutput?: (chunk: string) => void;
  /**
   * `trusted` (default) turns workspace trust off, so every folder is trusted. `untrusted` turns it
   * on without the startup prompt: a folder this fresh user-data dir has never trusted then opens in
   * Restricted Mode, as a freshly cloned repository does.
   */
  workspaceTrust?: 'trusted' | 'untrusted';
}

export interface RunningHost {
  /** Workbench URL with the folder open. */
  url: string;
  userDataDir: string;
  extensionsDir: string;
  /** Everything code-server has printed so far. */
  output(): string;
  /** Settles with code-server's exit code when it ends, whoever ended it. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** User settings for an unattended workbench: no welcome page, no trust prompt, no network chatter. */
const HOST_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

/** Starts code-server on a free loopback port and resolves once it accepts connections. */
export async function startCodeServer(options: HostOptions): Promise<RunningHost> {
  const install = ensureCodeServer();
  const temp: string[] = [];
  const tempDir = (name: string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pcl-${name}-`));
    temp.push(dir);
    return dir;
  };
  const userDataDir = options.userDataDir ?? tempDir('user');
  const extensionsDir = options.extensionsDir ?? tempDir('ext');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  const untrusted = options.workspaceTrust === 'untrusted';
  const settings = untrusted
    ? { ...HOST_SETTINGS, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' }
    : HOST_SETTINGS;
  if (!fs.existsSync(settingsFile)) fs.writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  try {
    for (const vsix of options.vsixes ?? []) installVsix(install, vsix, { userDataDir, extensionsDir });
  } catch (err) {
    for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }

  let output = '';
  const child = spawn(
    process.execPath,
    [
      install.entry,
      '--bind-addr', '127.0.0.1:0',
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(untrusted ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      options.folder,
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const onData = (chunk: Buffer): void => {
    const text = chunk.toString();
    output += text;
    options.onOutput?.(text);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async (): Promise<void> => {
    await killTree(child);
    for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const base = await waitForListening(child, () => output);
    const url = `${base}?folder=${encodeURIComponent(path.resolve(options.folder)).replace(/%2F/g, '/')}`;
    return { url, userDataDir, extensionsDir, output: () => output, exited, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Installs a VSIX the way code-server requires (a folder copied into the extensions dir is ignored). */
export function installVsix(
  install: HostInstall,
  vsix: string,
  dirs: { userDataDir: string; extensionsDir: string },
): void {
  const result = spawnSync(
    process.execPath,
    [install.entry, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir, '--install-extension', path.resolve(vsix), '--force'],
    { encoding: 'utf8' },
  );
  if (result.status !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
    throw new Error(`installing ${vsix} into code-server failed:\n${result.stdout}${result.stderr}`);
  }
}

/** code-server prints `HTTP server listening on http://127.0.0.1:<port>/` once it is ready. */
function waitForListening(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('code-server did not start within 60 s')), 60_000);
    const check = (): void => {
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output());
      if (match) {
        cleanup();
        resolve(match[1]!);
      }
    };
    const onExit = (code: number | null): void => fail(new Error(`code-server exited with ${code} before listening`));
    const fail = (err: Error): void => {
      cleanup();
      reject(new Error(`${err.message}\n${output()}`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    child.on('exit', onExit);
    check();
  });
}

/** Ends code-server and the processes it started (extension host, file watcher) as one group. */
function killTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    signalGroup(child.pid!, 'SIGTERM');
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
