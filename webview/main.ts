// The playground webview's entry point: restores the saved state, tells the extension it is ready,
// validates every message it receives and redraws from the state.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-form-helper/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-radio/index.js';
import '@vscode-elements/elements/dist/vscode-radio-group/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './style.css';
import { command, parseNotification, type Command } from '../src/protocol/playground';
import type { App } from './app';
import { renderChart } from './chart';
import { h } from './dom';
import { renderForm } from './form';
import { renderHistory, renderTotals } from './history';
import { log } from './log';
import { renderResults } from './results';
import { applyNotification, pendingRunIds, restoreState } from './state';

interface VsCodeApi {
  postMessage(message: Command): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const state = restoreState(vscode.getState());
const root = document.getElementById('root') ?? document.body;
const formSlot = h('div', { class: 'form-slot' });
const liveSlot = h('div', { class: 'live-slot' });
root.replaceChildren(formSlot, liveSlot);

let frame = 0;
const app: App = {
  state,
  post: (message) => vscode.postMessage(message),
  update() {
    // Streams send many small messages; drawing (and saving the state) once per animation frame keeps
    // the panel responsive.
    if (frame === 0) frame = requestAnimationFrame(drawLive);
  },
  updateAll() {
    drawForm();
    drawLive();
  },
};

function drawForm(): void {
  formSlot.replaceChildren(renderForm(app));
}

/** Saves the state and redraws the live part; every change ends here, so what is shown is what is saved. */
function drawLive(): void {
  frame = 0;
  vscode.setState(state);
  const notice = state.notice
    ? h('div', { class: `inline-${state.notice.level}`, role: state.notice.level === 'error' ? 'alert' : 'status', 'data-testid': 'notice' }, state.notice.message)
    : null;
  document.body.dataset.running = String(state.batch !== null);
  // Run is refused while a batch is going; Cancel only makes sense then.
  document.querySelector('[data-action="run"]')?.toggleAttribute('disabled', state.batch !== null);
  document.querySelector('[data-action="cancel"]')?.toggleAttribute('disabled', state.batch === null);
  liveSlot.replaceChildren(...[notice, renderResults(state), renderTotals(app), renderChart(state.runs), renderHistory(app)].filter((n) => n !== null));
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseNotification(event.data);
  if (!parsed.ok) {
    log.warn(`ignored a message: ${parsed.reason}`);
    document.body.dataset.ignoredMessages = String(Number(document.body.dataset.ignoredMessages ?? '0') + 1);
    return;
  }
  const n = parsed.message;
  applyNotification(state, n);
  if (n.method === 'playground/didInit' || n.method === 'prompt/didChange' || n.method === 'provider/didChange') app.updateAll();
  else app.update();
});

app.updateAll();
app.post(command('webview/ready', { pendingRunIds: pendingRunIds(state) }));
