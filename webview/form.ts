// The form: the prompt's name and model settings, its variables, the request, the provider, the mode
// and its options. It is drawn when the prompt or the providers change, not on every run event, so
// typing is never interrupted by a streaming answer.
import { command, type Fault } from '../src/protocol/playground';
import type { App } from './app';
import { h } from './dom';
import { newId, planRuns } from './plan';
import { addRuns, currentValues, type Mode, type RunView } from './state';

const FAULTS: Array<[Fault, string]> = [
  ['none', 'No fault'],
  ['server-error', 'HTTP 500 server error'],
  ['rate-limit', 'HTTP 429 rate limit with retry-after'],
  ['overloaded', 'Overloaded (529/503)'],
  ['reset', 'Connection reset'],
  ['slow', 'Slow stream'],
  ['stall', 'Stalled stream'],
  ['truncate', 'Stream cut mid-event'],
  ['malformed', 'Malformed JSON'],
  ['no-usage', 'Answer without usage'],
];

let rememberTimer: ReturnType<typeof setTimeout> | undefined;

type Field = HTMLElement & { value: string };
type Check = HTMLElement & { checked: boolean };

function labelled(id: string, label: string, control: HTMLElement, help?: string): HTMLElement {
  control.id = id;
  return h('div', { class: 'field' }, h('vscode-label', { for: id }, label), control, help ? h('vscode-form-helper', {}, help) : null);
}

function textfield(value: string, onInput: (v: string) => void, attrs: Record<string, string> = {}): Field {
  const el = h('vscode-textfield', attrs) as Field;
  el.value = value;
  el.addEventListener('input', () => onInput(el.value));
  return el;
}

function textarea(value: string, rows: number, onInput: (v: string) => void, attrs: Record<string, string> = {}): Field {
  const el = h('vscode-textarea', { rows, resize: 'vertical', ...attrs }) as Field;
  el.value = value;
  el.addEventListener('input', () => onInput(el.value));
  return el;
}

function select(options: Array<[string, string]>, value: string, onChange: (v: string) => void): Field {
  const el = h('vscode-single-select', {}, ...options.map(([v, label]) => h('vscode-option', { value: v, selected: v === value }, label))) as Field;
  el.addEventListener('change', () => onChange(el.value));
  return el;
}

export function renderForm(app: App): HTMLElement {
  const { state } = app;
  const prompt = state.prompt;
  const provider = state.providers.find((p) => p.id === state.providerId);

  const header = prompt
    ? h(
        'header',
        { class: 'prompt' },
        h('h1', {}, h('span', { class: 'codicon codicon-beaker', 'aria-hidden': 'true' }), ` ${prompt.name}`),
        h(
          'p',
          { class: 'settings', 'data-testid': 'model-settings' },
          `Model: ${prompt.model ?? 'not set (the tier models are used)'}`,
          prompt.maxTokens !== null ? ` · max tokens ${prompt.maxTokens}` : '',
          prompt.temperature !== null ? ` · temperature ${prompt.temperature}` : '',
          ` · ${prompt.syntax} variables`,
        ),
        ...prompt.problems.map((p) => h('p', { class: 'problem' }, p)),
      )
    : h('header', { class: 'prompt' }, h('h1', {}, 'No prompt'), h('p', {}, 'Open a prompt file and run “Prompt Cost Lens: Open Playground”.'));

  const values = currentValues(state);
  const setValue = (name: string, v: string): void => {
    if (!prompt) return;
    state.values[prompt.uri] = { ...currentValues(state), [name]: v };
    // The extension remembers the values for the file once typing pauses, not on every keystroke.
    clearTimeout(rememberTimer);
    rememberTimer = setTimeout(() => app.post(command('prompt/setValues', { uri: prompt.uri, values: currentValues(state) })), 300);
    app.update();
  };
  const variables = h(
    'fieldset',
    { class: 'variables' },
    h('legend', {}, 'Variables'),
    ...(prompt?.variables.length
      ? prompt.variables.map((name, i) =>
          labelled(`var-${i}`, name, textfield(values[name] ?? '', (v) => setValue(name, v), { 'data-variable': name })),
        )
      : [h('p', { class: 'muted' }, 'This prompt has no variables.')]),
  );

  const providerSelect = select(
    state.providers.map((p) => [p.id, p.simulated ? `${p.label} (Simulated)` : p.configured || !p.needsKey ? p.label : `${p.label} — no API key`]),
    state.providerId,
    (v) => {
      state.providerId = v;
      state.compareTiers = [];
      app.updateAll();
    },
  );
  const keyButton =
    provider?.needsKey === true
      ? h('vscode-button', { secondary: true, icon: 'key', 'data-action': 'set-key' }, provider.configured ? 'Replace API key' : 'Set API key')
      : null;
  keyButton?.addEventListener('click', () => app.post(command('provider/setApiKey', { providerId: state.providerId })));

  const request = textarea(state.request, 3, (v) => {
    state.request = v;
    app.update();
  }, { 'data-testid': 'request', placeholder: 'The user request sent with the prompt' });

  const modeGroup = h(
    'vscode-radio-group',
    { id: 'mode', 'aria-label': 'Mode' },
    ...(['pipeline', 'compare'] as Mode[]).map((m) =>
      h('vscode-radio', { name: 'mode', value: m, checked: state.mode === m, 'data-mode': m }, m === 'pipeline' ? 'Pipeline' : 'Compare'),
    ),
  );
  modeGroup.addEventListener('change', (e) => {
    const value = (e.target as Field).value;
    if (value === 'pipeline' || value === 'compare') {
      state.mode = value;
      app.updateAll();
    }
  });

  const options = state.mode === 'pipeline' ? pipelineOptions(app) : compareOptions(app);

  const fault = select(FAULTS, state.fault, (v) => {
    state.fault = v as Fault;
    app.update();
  });
  const advanced = h(
    'vscode-collapsible',
    { heading: 'Advanced: simulator fault', class: 'advanced' },
    h('div', { class: 'collapsible-body' }, labelled('fault', 'Inject into the next batch (simulator only)', fault)),
  );

  const run = h('vscode-button', { icon: 'play', 'data-action': 'run' }, state.mode === 'pipeline' ? `Run ×${state.repeat}` : 'Compare');
  run.addEventListener('click', () => startBatch(app));
  const cancel = h('vscode-button', { secondary: true, icon: 'debug-stop', 'data-action': 'cancel' }, 'Cancel');
  cancel.addEventListener('click', () => {
    if (state.batch) app.post(command('run/cancel', { batchId: state.batch.batchId }));
  });

  return h(
    'section',
    { class: 'form', 'aria-label': 'Request' },
    header,
    variables,
    h('div', { class: 'row' }, labelled('provider', 'Provider', providerSelect), keyButton),
    labelled('request', 'User request', request),
    h('div', { class: 'row' }, h('vscode-label', { for: 'mode' }, 'Mode'), modeGroup),
    options,
    advanced,
    h('div', { class: 'actions' }, run, cancel),
  );
}

function pipelineOptions(app: App): HTMLElement {
  const { state } = app;
  const repeat = textfield(String(state.repeat), (v) => {
    const n = Number.parseInt(v, 10);
    if (Number.isFinite(n) && n >= 1 && n <= 50) {
      state.repeat = n;
      const run = document.querySelector('[data-action="run"]');
      if (run) run.textContent = `Run ×${n}`;
      app.update();
    }
  }, { type: 'number', min: '1', max: '50', 'data-testid': 'repeat' });
  const names = state.prompt?.variables ?? [];
  const vary = select([['', 'Do not vary'], ...names.map((n): [string, string] => [n, n])], state.varyVariable, (v) => {
    state.varyVariable = v;
    app.update();
  });
  const list = textarea(state.varyValues, 3, (v) => {
    state.varyValues = v;
    app.update();
  }, { placeholder: 'One value per line; run i uses line i' });
  const semantic = h('vscode-checkbox', { checked: state.semanticCache, 'data-testid': 'semantic-cache' }, 'Semantic cache (off: every run calls the model)') as Check;
  semantic.addEventListener('change', () => {
    state.semanticCache = semantic.checked;
    app.update();
  });
  return h(
    'fieldset',
    { class: 'options' },
    h('legend', {}, 'Pipeline: semantic cache → router → provider prefix cache'),
    labelled('repeat', 'Repeat (Run ×N)', repeat),
    semantic,
    names.length ? labelled('vary', 'Vary a variable across runs', vary) : null,
    names.length ? labelled('vary-values', 'Values to cycle through', list) : null,
  );
}

function compareOptions(app: App): HTMLElement {
  const { state } = app;
  const provider = state.providers.find((p) => p.id === state.providerId);
  const boxes = (provider?.tiers ?? []).map(({ tier, model }) => {
    const box = h('vscode-checkbox', { checked: state.compareTiers.includes(tier), 'data-tier': tier }, `${tier} (${model})`) as Check;
    box.addEventListener('change', () => {
      state.compareTiers = box.checked ? [...new Set([...state.compareTiers, tier])] : state.compareTiers.filter((t) => t !== tier);
      app.update();
    });
    return box;
  });
  const models = textfield(state.compareModels, (v) => {
    state.compareModels = v;
    app.update();
  }, { placeholder: 'model-a, model-b' });
  return h(
    'fieldset',
    { class: 'options' },
    h('legend', {}, 'Compare: the same request on each choice, one column each'),
    h('div', { class: 'tiers', role: 'group', 'aria-label': 'Tiers' }, ...boxes),
    labelled('compare-models', 'Other models (comma-separated)', models),
  );
}

function startBatch(app: App): void {
  const { state } = app;
  if (state.batch) return;
  const runs = planRuns(state);
  if (runs.length === 0) {
    state.notice = { level: 'error', message: 'Choose at least one tier or model to compare.' };
    app.update();
    return;
  }
  const batchId = newId('b');
  const provider = state.providers.find((p) => p.id === state.providerId);
  const startedAt = new Date().toISOString();
  const views: RunView[] = runs.map((r) => ({
    runId: r.runId,
    batchId,
    mode: state.mode,
    startedAt,
    request: state.request,
    target: r.model ?? r.tier ?? 'router',
    provider: provider?.label ?? state.providerId,
    simulated: provider?.simulated ?? false,
    stages: [],
    text: '',
    usage: null,
    liveCostUsd: null,
    result: null,
    status: 'running',
    error: null,
  }));
  addRuns(state, views);
  state.batch = { batchId, mode: state.mode };
  state.notice = null;
  app.post(
    command('run/start', {
      batchId,
      mode: state.mode,
      providerId: state.providerId,
      request: state.request,
      runs,
      semanticCache: state.mode === 'pipeline' && state.semanticCache,
      fault: state.fault,
    }),
  );
  // A fault is injected into one batch only, so the next run shows the recovery.
  if (state.fault !== 'none') {
    state.fault = 'none';
    app.updateAll();
  } else {
    app.update();
  }
}
