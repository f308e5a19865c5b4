// A listen that failed, explained for an operator: which setting chose the port and what to do.
// Used for the device listeners (embedded.ts) and the HTTP listener (platform.ts).
import { PlatformError } from '../errors.js';

export function explainListen(what: 'MQTT' | 'HTTP', setting: string, port: number) {
  return (err: NodeJS.ErrnoException): never => {
    const hint =
      err.code === 'EADDRINUSE'
        ? ` (is another ${what === 'MQTT' ? 'broker, such as Mosquitto,' : 'server'} on it?); choose another with ${setting}, or 0 for any free port`
        : '';
    throw new PlatformError('EDGENET_ERR_STARTUP', `cannot listen for ${what} on port ${port}: ${err.code ?? err.message}${hint}`, { cause: err });
  };
}
