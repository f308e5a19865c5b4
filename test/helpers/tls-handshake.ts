// One TLS handshake with a platform listener, for the session-resumption tests: without
// `session`, a full one that returns the ticket it got; with it, whether the server resumed it.
// OpenSSL sends no new ticket on a resumed TLS 1.3 connection here, and the first stays valid until
// it expires, so the one ticket serves every reconnect.
import { connect } from 'node:tls';

export interface Handshake {
  resumed: boolean;
  ticket?: Buffer;
}

export function tlsHandshake(port: number, ca: string, session?: Buffer): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost', ...(session ? { session } : {}) });
    socket.once('error', reject);
    const done = (result: Handshake) => {
      socket.destroy();
      resolve(result);
    };
    if (session) socket.once('secureConnect', () => done({ resumed: socket.isSessionReused() }));
    else socket.once('session', (ticket: Buffer) => done({ resumed: socket.isSessionReused(), ticket }));
  });
}
