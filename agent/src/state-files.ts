// The names of the files in the state directory (agent/README.md "State directory").
export const STATE_FILES = Object.freeze({
  config: 'agent.json',
  credentials: 'credentials.json',
  privateKey: 'device-key.pem',
  seq: 'seq.json',
  chain: 'chain.json',
  status: 'status.json',
  hardware: 'hardware.json',
  /** The TPM attestation key of a `tpm` enrollment (tpm-sealer.ts), wrapped by the EK: useless off this chip. */
  tpmAk: 'tpm-ak.json',
  runLock: 'run.lock',
});
