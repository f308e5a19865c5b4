// A real MQTT broker for tests: aedes in-process on a TCP port (0 = any free one), with an
// authenticate hook that accepts only the given device's login, and a record of every publish.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes, type AuthenticateError } from 'aedes';

export interface Login {
  clientId: string;
  username: string;
  password: string;
}

export interface ReceivedPublish {
  topic: string;
  payload: Buffer;
  qos: number;
  clientId: string | null;
  at: number;
}

export interface TestBroker {
  port: number;
  url: string;
  broker: Aedes;
  received: ReceivedPublish[];
  /** Topic filters clients have subscribed to, in order. */
  subscriptions: string[];
  close(): Promise<void>;
}

export async function startBroker(login: Login, port = 0): Promise<TestBroker> {
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const ok = client.id === login.clientId && username === login.username && password?.toString() === login.password;
      if (ok) return done(null, true);
      const err = new Error('bad user name or password') as AuthenticateError;
      err.returnCode = 4; // [MQTT-3.2.2-3] BAD_USERNAME_OR_PASSWORD
      done(err, false);
    },
  });
  const received: ReceivedPublish[] = [];
  broker.on('publish', (packet, client) => {
    if (!packet.topic.startsWith('edge/')) return; // skip $SYS heartbeats
    received.push({
      topic: packet.topic,
      payload: Buffer.from(packet.payload as Buffer),
      qos: packet.qos,
      clientId: client?.id ?? null,
      at: Date.now(),
    });
  });
  const subscriptions: string[] = [];
  broker.on('subscribe', (subs) => subscriptions.push(...subs.map((s) => s.topic)));
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    port: actualPort,
    url: `mqtt://127.0.0.1:${actualPort}`,
    broker,
    received,
    subscriptions,
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
