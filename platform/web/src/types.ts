// Shapes of the API answers the dashboard reads (the OpenAPI document at /docs/json is the source).
import type { BreakdownRow, EnterpriseResult, PerformanceFigures, ProjectResult, SiteSample } from '@edgenet/platform';
export type { BreakdownRow, EnterpriseResult, PerformanceFigures, ProjectResult, SiteSample };
export type Role = 'operator' | 'bureau' | 'enterprise';
export type DeviceKind = 'compute_box' | 'industrial_pc' | 'server';

export interface Whoami {
  role: Role;
  admin: boolean;
  username: string | null;
  /** The signed-in person's account (assigning an alarm to oneself); null for a token made for nobody. */
  accountId: string | null;
  enterprise: { id: string; name: string; town: string } | null;
}

export interface FleetSummary {
  enterprises: number;
  enterprisesConnected: number;
  devices: { total: number; online: number; offline: number };
  workstations: number;
  workstationsMapped: number;
}

export interface FleetEvent {
  at: string;
  summary: FleetSummary;
  heartbeatsPerSecond: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface DeviceRow {
  id: string;
  /** From its inventory (platform dashboard/hardware-label.ts); null where it reported no real value. */
  model: string | null;
  serial: string | null;
  enterpriseId: string;
  projectId: string;
  kind: DeviceKind;
  fingerprint: string;
  keyId: string;
  agentVersion: string;
  heartbeatIntervalMs: number;
  online: boolean;
  lastSeq: number;
  /** docs/devices.md: disabled and decommissioned devices are refused at CONNECT and not counted. */
  status: DeviceStatus;
  enrolledAt: string;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  enterpriseName?: string;
  projectName?: string;
  town?: string;
  workstationsServed?: number;
}

export type DeviceStatus = 'active' | 'disabled' | 'decommissioned';

export interface DeviceStatusEvent {
  seq: number;
  action: 'disable' | 'enable' | 'decommission' | 'replace' | 'move';
  fromStatus: DeviceStatus;
  toStatus: DeviceStatus;
  reason: string;
  relatedDeviceId: string | null;
  actor: string | null;
  at: string;
}

export interface EnrollmentTokenRow {
  id: string;
  projectId: string;
  projectName: string;
  enterpriseId: string;
  maxUses: number;
  uses: number;
  usesLeft: number;
  expiresAt: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  state: 'live' | 'expired' | 'used_up' | 'revoked';
}

export interface EnrollmentTokenUse {
  deviceId: string | null;
  remoteAddress: string | null;
  usedAt: string;
}

export interface DeviceDetail extends DeviceRow {
  inventory: Record<string, unknown>;
  workstations: string[];
  /** How the device proved it is a distinct box (docs/tpm.md), and for `tpm` the EK certificate's issuer. */
  attestationLevel: 'tpm' | 'software';
  ekIssuer: string | null;
}

export interface ModelCounters {
  name?: string;
  workstationCode?: string;
  count?: number | string;
  errors?: number | string;
  p50Ms?: number;
  p99Ms?: number;
  loaded?: boolean;
  lastError?: string;
}

export interface Heartbeat {
  seq: number;
  receivedAt: string;
  deviceTime: string;
  clockUntrusted: boolean;
  /** When it counts (the server's filing rule): device time for a trusted backlog, else receive time. */
  filedAt: string;
  filing: 'received' | 'device_time' | 'untrusted_clock' | 'before_enrollment';
  cpuPercent: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  temperatureC: number | null;
  inferenceTotal: number;
  inferenceModels: ModelCounters[] | null;
}

export interface Connection {
  at: string;
  event: 'online' | 'offline';
  cause: string;
  remoteAddress: string | null;
}

export interface Enterprise {
  id: string;
  name: string;
  uscc: string;
  town: string;
  archivedAt?: string | null;
}

/** The figures an award is computed from: declared on the project, counted as approved (docs/records.md). */
export interface AwardFigures {
  totalInvestmentFen: number;
  eligibleInvestmentFen: number;
  windowStart: string;
  windowEnd: string;
}

export interface Approval extends AwardFigures {
  id: string;
  approvedRole: string;
  approvedByName: string | null;
  approvedAt: string;
}

export interface Project extends AwardFigures {
  id: string;
  enterpriseId: string;
  name: string;
  archivedAt?: string | null;
  approval?: Approval | null;
  pendingApproval?: boolean;
}

export interface ProjectChange {
  id: string;
  field: string;
  oldValue: string | null;
  newValue: string;
  actorRole: string;
  actorName: string | null;
  at: string;
}

export interface Workstation {
  id: string;
  enterpriseId: string;
  code: string;
  name: string | null;
  archivedAt: string | null;
}

export interface Flag {
  id: string;
  deviceId: string;
  kind: string;
  reason: string;
  reasonCode: string | null;
  reasonParams: Record<string, string | number> | null;
  createdAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolution: string | null;
}

export interface Alerts {
  settings: { offlineMinutes: number; shareDropPercent: number };
  offline: {
    total: number;
    items: {
      deviceId: string;
      enterpriseId: string;
      enterpriseName: string;
      town: string;
      projectName: string;
      kind: DeviceKind;
      lastSeenAt: string | null;
      enrolledAt: string;
    }[];
  };
  flagged: {
    total: number;
    items: {
      flagId: string;
      deviceId: string;
      enterpriseId: string;
      enterpriseName: string;
      kind: string;
      reason: string;
      reasonCode: string | null;
      reasonParams: Record<string, string | number> | null;
      createdAt: string;
    }[];
  };
  shareDrops: {
    enterpriseId: string;
    enterpriseName: string;
    town: string;
    devices: number;
    todayShareBp: number;
    averageShareBp: number;
    baselineDays: number;
  }[];
}

export interface CertificationRun {
  id: string;
  sequence: number;
  windowStart: string;
  windowEnd: string;
  createdAt: string;
  devices: number;
  certifiedNodes: number;
  summary: { awardFen?: number; certifiedNodes?: number; projects?: number };
}

export interface SignedReport {
  body: {
    window: { start: string; end: string };
    results: {
      projects: ProjectResult[];
      enterprises: EnterpriseResult[];
      /** certifiedNodesByAttestation: under policies v3 on. */
      totals: { certifiedNodes: number; awardFen: number; certifiedNodesByAttestation?: { tpm: number; software: number } };
    };
    /** v3 on (docs/records.md): who approved each counted project's figures, and the projects left out. */
    inputs: {
      approvals?: { projectId: string; approvedBy: string | null; approvedRole: string; approvedAt: string; declaredDiffers: boolean }[];
      notCertifiable?: { projectId: string; enterpriseId: string; reason: string }[];
    };
  };
  /** Drawn once the bureau has submitted its value (commit then reveal); until then, samplePending. */
  sample?: SiteSample;
  samplePending?: { reportHash: string; submitTo: string };
}

export interface Account {
  id: string;
  username: string;
  role: Role;
  admin: boolean;
  enterpriseId: string | null;
  lockedUntil: string | null;
  password?: string | null;
}

export interface ApiTokenRow {
  id: string;
  name: string;
  role: Role;
  account: string | null;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export type AlarmKind = 'device_offline' | 'device_flagged' | 'share_drop' | 'ingest_errors' | 'certificate_expiry';
export type AlarmState = 'raised' | 'acknowledged' | 'cleared';
export interface Alarm {
  id: string;
  kind: AlarmKind;
  subject: string;
  state: AlarmState;
  deviceId: string | null;
  enterpriseId: string | null;
  details: Record<string, unknown>;
  raisedAt: string;
  acknowledgedAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  clearedAt: string | null;
}
export interface AlarmEvent {
  at: string;
  action: 'raised' | 'acknowledged' | 'assigned' | 'cleared';
  actorName: string | null;
  comment: string | null;
  assigneeId: string | null;
}
export type ChannelKind = 'email' | 'webhook' | 'wecom' | 'dingtalk';
export interface NotificationChannel {
  id: string;
  kind: ChannelKind;
  name: string;
  target: string;
  enterpriseId: string | null;
  language: 'zh-CN' | 'en';
  enabled: boolean;
  hasSecret: boolean;
}
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'throttled';
export interface Delivery {
  id: string;
  alarmId: string;
  alarmKind: AlarmKind;
  deviceId: string | null;
  channelName: string;
  channelKind: ChannelKind;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  log: { attempt: number; at: string; ok: boolean; status: string | null; error: string | null }[];
}
/** GET /devices/{id}/commands (docs/commands.md). */
export interface DeviceCommand {
  id: string;
  deviceId: string;
  kind: 'ping' | 'request_hello' | 'set_heartbeat_interval' | 'set_workstations';
  params: Record<string, unknown>;
  state: 'queued' | 'delivered' | 'done' | 'failed' | 'expired' | 'cancelled';
  createdAt: string;
  deadlineAt: string;
  requestedBy: string;
  deliveredAt: string | null;
  finishedAt: string | null;
  resultDetail: string | null;
}
