// Types of mosquitto.mjs, for the tests' TypeScript (tsconfig.test.json has no allowJs).
export interface MosquittoUser {
  username: string;
  password: string;
}

export interface Mosquitto {
  /** mqtt://127.0.0.1:port */
  url: string;
  host: string;
  port: number;
  /** The MQTT-over-TLS listener's port, when started with `tls`; null otherwise. */
  tlsPort: number | null;
  /** The broker process itself: its memory and CPU can be read from /proc. */
  pid: number;
  /** Adds users, makes the broker reload its files (SIGHUP) and waits until it has. */
  addUsers(users: MosquittoUser[]): Promise<void>;
  /** The end of the broker's log. */
  output(): string;
  running(): boolean;
  stop(): Promise<void>;
}

export const PLATFORM_USER_PREFIX: string;
export function passwordLine(user: MosquittoUser): Promise<string>;
export function openFileLimit(): { soft: number; hard: number };
export function mosquittoCapacity(): number;
export function mosquittoVersion(): string;
export function freePort(): Promise<number>;
export function startMosquitto(users?: MosquittoUser[], options?: { tls?: { cert: string; key: string } }): Promise<Mosquitto>;
