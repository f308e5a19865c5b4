// The floor of an MQTT receive: a plain aedes, no hooks, no persistence beyond its default memory
// store, listening on port 0 (over TLS with the platform's own certificate when the run is MQTTS),
// as its own process so that its CPU can be read from /proc. Started by floor.mjs with fork(); says
// its port over IPC and exits when the parent says stop.
import { createServer } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes } from 'aedes';
import { TLS_POLICY } from '../../platform/dist/tls/policy.js';

const broker = await Aedes.createBroker();
const tls = process.env.FLOOR_TLS_KEY ? { key: process.env.FLOOR_TLS_KEY, cert: process.env.FLOOR_TLS_CERT } : null;
const server = tls ? createTlsServer({ ...tls, ...TLS_POLICY }, (s) => broker.handle(s)) : createServer((s) => broker.handle(s));
server.listen(0, '127.0.0.1', () => process.send({ type: 'listening', port: server.address().port }));
process.on('message', (m) => {
  if (m.type === 'stop') server.close(() => broker.close(() => process.exit(0)));
});
