// What every view module receives: the state, and the few actions that change the world outside it.
import type { Command } from '../src/protocol/playground';
import type { ViewState } from './state';

export interface App {
  state: ViewState;
  /** Sends a command to the extension. */
  post(message: Command): void;
  /** Saves the state and redraws what depends on runs (results, chart, history). */
  update(): void;
  /** Redraws the form too (after the prompt or the providers changed). */
  updateAll(): void;
}
