// A RabbitMQ cluster of the test's own on this machine (the default node on 5672 is left alone):
// N nodes `edgenetK@localhost`, each with its own ports (AMQP, Erlang distribution, MQTT), data
// and logs in a temp dir, one Erlang cookie, clustered with `rabbitmqctl join_cluster`. Each runs
// the MQTT plugin (MQTT 3.1.1) with quorum queues for QoS 1 sessions, and asks the platform who may
// connect and what they may do through the HTTP auth backend (routes/broker-hooks-rabbitmq.ts),
// behind the auth cache so a heartbeat costs no HTTP call. docs/scale-out.md "Tested on a broker
// cluster: RabbitMQ" says why each setting is there.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const BIN = '/usr/lib/rabbitmq/bin'; // the scripts themselves: /usr/sbin's wrappers switch to the rabbitmq user
const SERVER = join(BIN, 'rabbitmq-server');
const CTL = join(BIN, 'rabbitmqctl');
const PLUGINS = ['rabbitmq_mqtt', 'rabbitmq_auth_backend_http', 'rabbitmq_auth_backend_cache'];
const BOOT_TIMEOUT_MS = 90_000;
const run = promisify(execFile);

/** Whether RabbitMQ is installed here with the plugins the cluster needs (.ci/run installs them). */
export function rabbitmqInstalled(): boolean {
  const lib = '/usr/lib/rabbitmq/lib';
  if (!existsSync(SERVER) || !existsSync(CTL) || !existsSync(lib)) return false;
  const plugins = readdirSync(lib).flatMap((release) => {
    const dir = join(lib, release, 'plugins');
    return existsSync(dir) ? readdirSync(dir) : [];
  });
  return PLUGINS.every((p) => plugins.some((found) => found.startsWith(`${p}-`)));
}

export interface RabbitNode {
  name: string;
  amqpPort: number;
  distPort: number;
  mqttPort: number;
  mqttUrl: string;
  /** The Erlang VM's process id (beam.smp), from the node's pid file. */
  pid: number;
  running(): boolean;
}

export interface RabbitQueue {
  name: string;
  type: string;
  members: string[];
  online: string[];
  messages: number;
}

export interface RabbitCluster {
  nodes: RabbitNode[];
  /** From the first spawn to every node clustered and listening for MQTT. */
  startMs: number;
  /** SIGKILL of a node's Erlang VM: no shutdown, as a crashed or unplugged server. */
  kill(node: RabbitNode): Promise<void>;
  /** Queues as one running node sees them (rabbitmqctl list_queues). */
  queues(): Promise<RabbitQueue[]>;
  /** The cluster's members that are running, as a running node sees them. */
  runningNodes(): Promise<string[]>;
  /** A node's log, for a failure message. */
  log(node: RabbitNode): string;
  stop(): Promise<void>;
}

export interface RabbitClusterOptions {
  size: number;
  /** The platform's RabbitMQ hook routes with the hook token as user info: http://rabbitmq:{token}@host:port/broker/rabbitmq */
  authUrl: string;
}

interface Started {
  node: RabbitNode;
  /** The rabbitmq-server script: it runs the VM as its child and stops it on SIGTERM. */
  child: ChildProcess;
  exited: Promise<void>;
  dir: string;
  /** Written by the VM itself: its own OS pid, the process a SIGKILL must hit. */
  pidFile: string;
  stderr(): string;
}

export async function startRabbitCluster({ size, authUrl }: RabbitClusterOptions): Promise<RabbitCluster> {
  const t0 = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'edgenet-rabbitmq-'));
  // One Erlang cookie for every node and every rabbitmqctl call: HOME/.erlang.cookie, owner-only
  // (Erlang refuses a cookie file others can read).
  const home = join(root, 'home');
  mkdirSync(home);
  writeFileSync(join(home, '.erlang.cookie'), randomBytes(20).toString('hex').toUpperCase(), { mode: 0o400 });
  chmodSync(join(home, '.erlang.cookie'), 0o400);
  // The machine's rabbitmq-env.conf names its own node and flags: not read by ours.
  const baseEnv = { ...process.env, HOME: home, RABBITMQ_CONF_ENV_FILE: '/dev/null' };
  const ctl = (node: string, ...args: string[]) => run(CTL, ['-n', node, ...args], { env: baseEnv, timeout: 60_000 });

  const names = Array.from({ length: size }, (_, i) => `edgenet${i + 1}@localhost`);
  const started: Started[] = [];
  const stopAll = async () => {
    await Promise.all(started.map((s) => stopNode(s)));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    // Every node boots at once (a boot is mostly the Erlang VM and Mnesia waiting on disk), then the
    // others join the first.
    for (const name of names) started.push(await spawnNode(root, name, baseEnv, authUrl));
    await Promise.all(started.map((s) => waitListening(s)));
    // One join at a time: two nodes merging their Mnesia schemas into the first at once can fail
    // to start (seen here: start_app ending in {mnesia_app,start} on the second).
    const joining = started.slice(1);
    await Promise.all(joining.map(({ node }) => ctl(node.name, 'stop_app')));
    for (const { node } of joining) {
      await ctl(node.name, 'join_cluster', names[0]!);
      await ctl(node.name, 'start_app');
    }
    await Promise.all(started.map((s) => waitListening(s)));
    // The MQTT plugin declares a QoS 1 subscription queue durable even for a clean session (it
    // deletes it at disconnect), and only sessions with clean session 0 get the quorum type: a
    // device's command queue is a classic queue on the node it connected to. Unmirrored, that queue
    // outlives its dead node in the cluster's metadata, and the device's SUBSCRIBE on a survivor is
    // refused until the node is back. Mirrored on two nodes, it moves to the survivor.
    await ctl(
      names[0]!,
      'set_policy',
      '--apply-to',
      'queues',
      'edgenet-mqtt-sessions',
      '^mqtt-subscription-',
      JSON.stringify({ 'ha-mode': 'exactly', 'ha-params': 2, 'ha-sync-mode': 'automatic' }),
    );
    const members = await runningNodesOf(ctl, names[0]!);
    if (members.length !== size) throw new Error(`cluster formed with ${members.join(', ')} instead of ${names.join(', ')}`);
  } catch (err) {
    const logs = started.map((s) => `--- ${s.node.name}\n${nodeLog(s).slice(-3_000)}`).join('\n');
    await stopAll();
    throw new Error(`${(err as Error).message}\n${logs}`);
  }
  const startMs = performance.now() - t0;
  const anyRunning = () => {
    const s = started.find((x) => x.node.running());
    if (!s) throw new Error('no RabbitMQ node is running');
    return s.node.name;
  };
  return {
    nodes: started.map((s) => s.node),
    startMs,
    async kill(node) {
      const s = started.find((x) => x.node === node)!;
      process.kill(node.pid, 'SIGKILL');
      await s.exited;
    },
    async queues() {
      const { stdout } = await ctl(anyRunning(), 'list_queues', '--quiet', '--formatter', 'json', 'name', 'type', 'members', 'online', 'messages');
      return (JSON.parse(stdout) as Record<string, unknown>[]).map((q) => ({
        name: String(q.name),
        type: String(q.type),
        members: Array.isArray(q.members) ? q.members.map(String) : [],
        online: Array.isArray(q.online) ? q.online.map(String) : [],
        messages: Number(q.messages ?? 0),
      }));
    },
    runningNodes: () => runningNodesOf(ctl, anyRunning()),
    log: (node) => nodeLog(started.find((x) => x.node === node)!),
    stop: stopAll,
  };
}

async function runningNodesOf(ctl: (node: string, ...args: string[]) => Promise<{ stdout: string }>, node: string): Promise<string[]> {
  const { stdout } = await ctl(node, 'cluster_status', '--formatter', 'json');
  return (JSON.parse(stdout) as { running_nodes: string[] }).running_nodes;
}

async function spawnNode(root: string, name: string, baseEnv: NodeJS.ProcessEnv, authUrl: string): Promise<Started> {
  const dir = join(root, name.split('@')[0]!);
  mkdirSync(dir);
  const [amqpPort, distPort, mqttPort] = [await freePort(), await freePort(), await freePort()];
  const config = join(dir, 'rabbitmq.conf');
  writeFileSync(
    config,
    [
      `mqtt.listeners.tcp.default = 127.0.0.1:${mqttPort}`,
      'mqtt.allow_anonymous = false',
      // QoS 1 sessions (clean session 0: the platform's) in quorum queues, replicated on every node
      // of the cluster (Raft): a message the broker acknowledged survives the loss of a minority.
      'mqtt.durable_queue_type = quorum',
      // Messages in flight to one consumer before its acknowledgements (default 10): the platform
      // acknowledges after a database commit, every 200 ms, so 10 would cap it at 50 a second.
      'mqtt.prefetch = 1000',
      // Who may connect and what they may do: the platform, cached a minute as EMQX's authorisation is.
      'auth_backends.1 = cache',
      'auth_cache.cached_backend = http',
      'auth_cache.cache_ttl = 60000',
      'auth_http.http_method = post',
      `auth_http.user_path = ${authUrl}/user`,
      `auth_http.vhost_path = ${authUrl}/vhost`,
      `auth_http.resource_path = ${authUrl}/resource`,
      `auth_http.topic_path = ${authUrl}/topic`,
      'loopback_users = none',
      'log.console = false',
      'log.file.level = warning',
      '',
    ].join('\n'),
  );
  const plugins = join(dir, 'enabled_plugins');
  writeFileSync(plugins, `[${PLUGINS.join(',')}].\n`);
  const pidFile = join(dir, 'pid');
  const env = {
    ...baseEnv,
    RABBITMQ_NODENAME: name,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_CONFIG_FILE: config,
    RABBITMQ_ENABLED_PLUGINS_FILE: plugins,
    RABBITMQ_PID_FILE: pidFile,
  };
  // cwd: a VM that fails to start writes its MnesiaCore and erl_crash.dump files in its working
  // directory, which must be the node's own folder, not the repository.
  const child = spawn(SERVER, [], { env, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], detached: false });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-10_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let alive = true;
  void exited.then(() => (alive = false));
  const node: RabbitNode = {
    name,
    amqpPort,
    distPort,
    mqttPort,
    mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
    pid: 0,
    running: () => alive && node.pid !== 0 && processAlive(node.pid),
  };
  return { node, child, exited, dir, pidFile, stderr: () => stderr };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function nodeLog(s: Started): string {
  const file = join(s.dir, 'log', `${s.node.name}.log`);
  return `${existsSync(file) ? readFileSync(file, 'utf8') : ''}${s.stderr()}`;
}

/** Until the node's MQTT listener accepts: the plugin starts last, after the broker itself. */
async function waitListening(s: Started): Promise<void> {
  const end = Date.now() + BOOT_TIMEOUT_MS;
  while (!(await canConnect(s.node.mqttPort))) {
    if (s.child.exitCode !== null || s.child.signalCode !== null) throw new Error(`${s.node.name} exited while booting`);
    if (Date.now() > end) throw new Error(`${s.node.name} did not listen on ${s.node.mqttUrl} within ${BOOT_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  s.node.pid = Number(readFileSync(s.pidFile, 'utf8').trim());
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM (the VM stops the broker cleanly), SIGKILL after 20 s. */
async function stopNode(s: Started): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGTERM');
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 20_000);
  await s.exited;
  clearTimeout(timer);
}
