// The one reader of `promptCostLens.*` settings. Values are read and validated with the pure rules in
// settings.ts once per scope and remembered until a setting or workspace trust changes (readers run
// on every keystroke), and the user is told once about each invalid value. Workspace trust is applied
// here as well as through `restrictedConfigurations`.
import * as vscode from 'vscode';
import { effectiveValue, SETTING_KEYS, validateSettings, type Settings } from './settings';
import { log } from './log';

export const SECTION = 'promptCostLens';

const reported = new Set<string>();

/**
 * Validated settings per scope ('' = no scope, else the URI). Filled only once some feature listens
 * through `onDidChangeSettings`, whose listeners clear it before anything else runs.
 */
const memo = new Map<string, Settings>();
let watched = false;

/** Current settings for a document or folder (invalid values replaced by defaults). */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const key = scope === undefined ? '' : scope instanceof vscode.Uri ? scope.toString() : undefined;
  const known = key === undefined ? undefined : memo.get(key);
  if (known) return known;
  const settings = readFreshSettings(scope);
  if (key !== undefined && watched) memo.set(key, settings);
  return settings;
}

function readFreshSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const trusted = vscode.workspace.isTrusted;
  const raw: Record<string, unknown> = {};
  for (const key of Object.values(SETTING_KEYS)) {
    const inspected = config.inspect(key);
    if (inspected) raw[key] = effectiveValue(key, inspected, trusted);
  }
  const { settings, problems } = validateSettings(raw);
  reportSettingsProblems(problems);
  return settings;
}

/**
 * Shows problems with settings that the user has not been told about yet, in one message, and logs
 * them. Also used for problems only found later (an unknown model id once prices are loaded).
 */
export function reportSettingsProblems(problems: readonly string[]): void {
  const fresh = problems.filter((p) => !reported.has(p));
  if (fresh.length === 0) return;
  for (const p of fresh) {
    reported.add(p);
    log.warn(`invalid setting: ${p}`);
  }
  const open = 'Open Settings';
  void vscode.window
    .showWarningMessage(`Prompt Cost Lens: ${fresh.join(' ')}`, open)
    .then((choice) => choice === open && vscode.commands.executeCommand('workbench.action.openSettings', SECTION));
}

/** Every settings problem the user has been told about in this session (exposed for tests). */
export function reportedSettingsProblems(): string[] {
  return [...reported];
}

/** Calls `listener` when any Prompt Cost Lens setting changes; disposed with `disposables`. */
export function onDidChangeSettings(listener: () => void, disposables: vscode.Disposable[]): void {
  const changed = (): void => {
    memo.clear();
    listener();
  };
  vscode.workspace.onDidChangeConfiguration(
    (e) => {
      if (e.affectsConfiguration(SECTION)) changed();
    },
    undefined,
    disposables,
  );
  // Trust changes which workspace values count for restricted settings.
  vscode.workspace.onDidGrantWorkspaceTrust(changed, undefined, disposables);
  watched = true;
}

/** Turns highlighting on or off where it is currently decided (workspace if set there, else user). */
export async function setHighlightingEnabled(enabled: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const key = SETTING_KEYS.highlightingEnabled;
  const inspected = config.inspect(key);
  const target =
    inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(key, enabled, target);
}
