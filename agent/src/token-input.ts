// Where `enroll` takes its token from. A token given as `--token VALUE` lands in shell history and in
// `ps` output any local user can read (proc(5) /proc/<pid>/cmdline is world-readable), so it can also
// come from a file (`--token-file PATH`) or standard input (`--token -`), as `docker login
// --password-stdin` and `kubeadm join --token-file` take theirs.
import { readFileSync } from 'node:fs';
import { AgentError } from './errors.js';

const MAX_TOKEN_BYTES = 4096; // a token is ~50 characters; more is the wrong file

export interface TokenSources {
  token?: string;
  tokenFile?: string;
}

/** The token from exactly one source, trimmed of the newline an editor or `echo` leaves; '' when none. */
export async function readToken(sources: TokenSources, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (sources.token !== undefined && sources.tokenFile !== undefined) {
    throw new AgentError('EDGE_AGENT_ERR_USAGE', 'give the enrollment token once: --token or --token-file, not both');
  }
  if (sources.tokenFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(sources.tokenFile, 'utf8');
    } catch (err) {
      throw new AgentError('EDGE_AGENT_ERR_USAGE', `--token-file ${sources.tokenFile} cannot be read: ${(err as Error).message}`, { cause: err });
    }
    return checked(text, `--token-file ${sources.tokenFile}`);
  }
  if (sources.token === '-') return checked(await readAll(stdin), 'standard input (--token -)');
  return sources.token ?? '';
}

function checked(text: string, where: string): string {
  const token = text.trim();
  if (Buffer.byteLength(token) > MAX_TOKEN_BYTES || /\s/.test(token)) {
    throw new AgentError('EDGE_AGENT_ERR_USAGE', `${where} must hold only the enrollment token (one line), not ${Buffer.byteLength(text)} bytes of text`);
  }
  if (token === '') throw new AgentError('EDGE_AGENT_ERR_USAGE', `${where} is empty; it must hold the enrollment token`);
  return token;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > MAX_TOKEN_BYTES * 2) break;
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
