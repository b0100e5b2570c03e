// `prompt-cost simulator [--port N] [--latency-scale X]`: runs the Anthropic/OpenAI-compatible simulator on
// loopback until Ctrl-C. Point the Anthropic SDK at the printed URL and the OpenAI SDK at URL + /v1.
import { startSimulator } from '../../simulator';
import type { Command } from '../command';
import { InputError, UsageError } from '../errors';

const DEFAULT_PORT = 4141;

export const simulator: Command = async (args) => {
  let port = DEFAULT_PORT;
  let latencyScale = 1;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[++i];
    if (flag === '--port' && value !== undefined && /^\d+$/.test(value) && Number(value) <= 65535) port = Number(value);
    else if (flag === '--latency-scale' && value !== undefined && Number(value) >= 0) latencyScale = Number(value);
    else throw new UsageError(`expected [--port 0-65535] [--latency-scale ≥0], got "${flag}${value === undefined ? '' : ` ${value}`}"`);
  }
  const server = await startSimulator({ port, latencyScale }).catch((err: NodeJS.ErrnoException) => {
    throw new InputError(err.code === 'EADDRINUSE' ? `port ${port} is already in use (try --port 0 for any free port)` : err.message);
  });
  process.stdout.write(`listening on ${server.url}\n`);
  process.stderr.write(`Simulated Anthropic (${server.url}) and OpenAI (${server.url}/v1) APIs; every answer is marked x-simulated. Ctrl-C stops.\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
};
