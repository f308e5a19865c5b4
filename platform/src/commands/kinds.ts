// The kinds of device command and the states of one (docs/commands.md), named once for the table,
// the API's schemas and the dashboard.
export const COMMAND_KINDS = ['ping', 'request_hello', 'set_heartbeat_interval', 'set_workstations'] as const;
/** What an operator sees of a command's life: one of these at any time. */
export const COMMAND_STATES = ['queued', 'delivered', 'done', 'failed', 'expired', 'cancelled'] as const;

export type CommandKind = (typeof COMMAND_KINDS)[number];
export type CommandState = (typeof COMMAND_STATES)[number];
