// The Anthropic/OpenAI wire-compatible simulator: over loopback HTTP or in process as a `fetch`.
export { startSimulator, type ServerOptions, type SimulatorServer } from './server';
export { createSimulatorFetch, type SimulatorFetch } from './fetch';
export { FAULT_HEADER } from './faults';
export { escalationReason } from './reply';
export type { Clock, FaultKind, FaultSpec, SimulatorControls, SimulatorOptions } from './types';
