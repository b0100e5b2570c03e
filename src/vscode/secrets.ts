// Provider API keys live only in VS Code's SecretStorage (the OS keychain or its encrypted store).
// They are never written to settings, logs or messages; the playground reads them through `getApiKey`.
import * as vscode from 'vscode';
import { log } from './log';

/** A built-in provider, or an OpenAI-compatible server by its configured name (its own key, never OpenAI's). */
export type KeyProvider = 'anthropic' | 'openai' | `compatible:${string}`;

const PROVIDERS: ReadonlyArray<{ id: 'anthropic' | 'openai'; label: string; prefix: string }> = [
  { id: 'anthropic', label: 'Anthropic', prefix: 'sk-ant-' },
  { id: 'openai', label: 'OpenAI', prefix: 'sk-' },
];

const SECRET_PREFIX = 'promptCostLens.apiKey.';

function secretName(provider: KeyProvider): string {
  return `${SECRET_PREFIX}${provider}`;
}

function infoOf(id: KeyProvider): { label: string; prefix: string } {
  return PROVIDERS.find((p) => p.id === id) ?? { label: id.slice('compatible:'.length), prefix: '' };
}

/** The stored key for `provider`, or undefined. */
export async function getApiKey(secrets: vscode.SecretStorage, provider: KeyProvider): Promise<string | undefined> {
  const key = await secrets.get(secretName(provider));
  return key === '' ? undefined : key;
}

/** Fires when a key is set or removed; the payload names the provider, never the key. */
export function onDidChangeApiKey(
  secrets: vscode.SecretStorage,
  listener: (provider: KeyProvider) => void,
  disposables: vscode.Disposable[],
): void {
  secrets.onDidChange(
    (e) => {
      if (e.key.startsWith(SECRET_PREFIX)) listener(e.key.slice(SECRET_PREFIX.length) as KeyProvider);
    },
    undefined,
    disposables,
  );
}

async function pickProvider(placeHolder: string): Promise<KeyProvider | undefined> {
  const picked = await vscode.window.showQuickPick(
    PROVIDERS.map((p) => ({ label: p.label, id: p.id })),
    { placeHolder },
  );
  return picked?.id;
}

/** Command: asks for a provider and a key (masked input) and stores it in SecretStorage. */
export async function setApiKey(secrets: vscode.SecretStorage, provider?: KeyProvider): Promise<void> {
  const id = provider ?? (await pickProvider('Set the API key for which provider?'));
  if (!id) return;
  const info = infoOf(id);
  const key = await vscode.window.showInputBox({
    title: `Prompt Cost Lens: ${info.label} API key`,
    prompt: 'Stored in VS Code SecretStorage, never in settings or logs.',
    password: true,
    ignoreFocusOut: true,
    placeHolder: info.prefix ? `${info.prefix}…` : 'API key',
    validateInput: (value) => (value.trim() === '' ? 'Enter a key, or press Escape to cancel.' : undefined),
  });
  if (key === undefined) return;
  await secrets.store(secretName(id), key.trim());
  log.info(`${info.label} API key stored in SecretStorage.`);
  void vscode.window.showInformationMessage(`Prompt Cost Lens: ${info.label} API key saved.`);
}

/** Command: removes a stored key. */
export async function clearApiKey(secrets: vscode.SecretStorage, provider?: KeyProvider): Promise<void> {
  const id = provider ?? (await pickProvider('Remove the API key of which provider?'));
  if (!id) return;
  await secrets.delete(secretName(id));
  const label = infoOf(id).label;
  log.info(`${label} API key removed from SecretStorage.`);
  void vscode.window.showInformationMessage(`Prompt Cost Lens: ${label} API key removed.`);
}
