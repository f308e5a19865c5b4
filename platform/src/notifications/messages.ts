// The words of a notification, in the contact's language (zh-CN by default, en on request): a
// title and a few lines, which each channel's format (formats.ts) lays out as plain text or markdown.
import type { AlarmRow } from '../services/alarms.js';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];

export interface Message {
  title: string;
  lines: string[];
}

type Details = Record<string, unknown>;
const pct = (bp: unknown) => `${(Number(bp) / 100).toFixed(1)}%`;
const shortId = (id: string | null) => (id ? id.slice(0, 8) : '');

const TITLES: Record<string, Record<Language, (d: Details) => string>> = {
  device_offline: { 'zh-CN': () => '设备离线', en: () => 'Device offline' },
  device_flagged: { 'zh-CN': () => '设备被标记', en: () => 'Device flagged' },
  share_drop: { 'zh-CN': () => '企业在线率下降', en: () => 'Enterprise online share dropped' },
  ingest_errors: { 'zh-CN': () => '数据接入错误', en: () => 'Ingest errors' },
  certificate_expiry: { 'zh-CN': () => 'TLS 证书即将到期', en: () => 'TLS certificate expiring' },
};

const LINES: Record<string, Record<Language, (d: Details) => string[]>> = {
  device_offline: {
    'zh-CN': (d) => [`企业：${d.enterpriseName}`, `最后在线：${d.lastSeenAt ?? '从未上线'}`, `离线超过 ${d.offlineMinutes} 分钟`],
    en: (d) => [`Enterprise: ${d.enterpriseName}`, `Last seen: ${d.lastSeenAt ?? 'never'}`, `Silent for more than ${d.offlineMinutes} min`],
  },
  device_flagged: {
    'zh-CN': (d) => [`企业：${d.enterpriseName}`, `标记：${(d.flags as string[]).join('、')}`],
    en: (d) => [`Enterprise: ${d.enterpriseName}`, `Flags: ${(d.flags as string[]).join(', ')}`],
  },
  share_drop: {
    'zh-CN': (d) => [`企业：${d.enterpriseName}`, `今日在线率 ${pct(d.todayShareBp)}，近 7 日平均 ${pct(d.averageShareBp)}`],
    en: (d) => [`Enterprise: ${d.enterpriseName}`, `Online share today ${pct(d.todayShareBp)}, 7-day average ${pct(d.averageShareBp)}`],
  },
  ingest_errors: {
    'zh-CN': (d) => [`上个评估周期丢弃设备消息 ${d.dropped} 条`],
    en: (d) => [`${d.dropped} device messages dropped in the last evaluation period`],
  },
  certificate_expiry: {
    'zh-CN': (d) => [`证书：${d.subject}`, `到期：${d.validTo}（剩余 ${d.daysLeft} 天）`],
    en: (d) => [`Certificate: ${d.subject}`, `Expires: ${d.validTo} (${d.daysLeft} days left)`],
  },
};

const RAISED_AT: Record<Language, string> = { 'zh-CN': '告警时间', en: 'Raised at' };
const DEVICE: Record<Language, string> = { 'zh-CN': '设备', en: 'Device' };
const COLON: Record<Language, string> = { 'zh-CN': '：', en: ': ' };

export function alarmMessage(alarm: AlarmRow, language: Language): Message {
  const d = alarm.details as Details;
  const title = `[edgenet] ${TITLES[alarm.kind]?.[language](d) ?? alarm.kind}`;
  const lines = [
    ...(alarm.deviceId ? [`${DEVICE[language]}${COLON[language]}${shortId(alarm.deviceId)} (${alarm.deviceId})`] : []),
    ...(LINES[alarm.kind]?.[language](d) ?? []),
    `${RAISED_AT[language]}${COLON[language]}${alarm.raisedAt.toISOString()}`,
    `alarm ${alarm.id}`,
  ];
  return { title, lines };
}
