// The names of the files in the state directory (agent/README.md "State directory").
export const STATE_FILES = Object.freeze({
  config: 'agent.json',
  credentials: 'credentials.json',
  privateKey: 'device-key.pem',
  seq: 'seq.json',
  chain: 'chain.json',
  status: 'status.json',
  hardware: 'hardware.json',
  runLock: 'run.lock',
});
