// The Anthropic/OpenAI wire-compatible simulator, over loopback HTTP or in process as a `fetch`.
//
//   const sim = await startSimulator({ latencyScale: 0 });          // http://127.0.0.1:<free port>
//   new Anthropic({ apiKey: 'any', baseURL: sim.url });
//   new OpenAI({ apiKey: 'any', baseURL: `${sim.url}/v1` });
//   new Anthropic({ apiKey: 'any', baseURL: 'http://simulator.invalid', fetch: createSimulatorFetch() });
//
// Faults: `sim.setFaults({ kind: 'rate-limit', retryAfter: 2, times: 1 })`, or per request with the header
// `x-sim-fault: stall; after-events=2` (see FaultSpec). Every response carries `x-simulated: true` and ids
// such as `msg_sim_…`, `chatcmpl-sim-…`, `req_sim_…`.
export { startSimulator, type ServerOptions, type SimulatorServer } from './server';
export { createSimulatorFetch, type SimulatorFetch } from './fetch';
export { FAULT_HEADER } from './faults';
export type { Clock, FaultKind, FaultSpec, SimulatorControls, SimulatorOptions } from './types';
