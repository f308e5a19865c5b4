// What the agent does after every connect, in order, as a list of named steps (as aedes's
// connectActions): subscribe to commands → Hello → WorkstationMapping → drain the queue → a fresh
// heartbeat (docs/protocol.md §2). mqtt.js writes packets in call order, so the broker receives them
// in this order; the backlog goes before the fresh heartbeat, so nothing overtakes older data.
export interface ConnectedAgent {
  subscribeCommands(): void;
  sendHello(): void;
  sendWorkstations(): void;
  drainQueue(): void;
  heartbeatNow(): void;
}

export type ConnectAction = (agent: ConnectedAgent) => void;

export const CONNECT_ACTIONS: readonly ConnectAction[] = Object.freeze([
  function subscribeCommands(agent: ConnectedAgent) {
    agent.subscribeCommands();
  },
  function hello(agent: ConnectedAgent) {
    agent.sendHello();
  },
  function workstations(agent: ConnectedAgent) {
    agent.sendWorkstations();
  },
  function drainQueue(agent: ConnectedAgent) {
    agent.drainQueue();
  },
  function heartbeat(agent: ConnectedAgent) {
    agent.heartbeatNow();
  },
]);
