// What `edge-agent doctor` says, in English and in Chinese: factory IT in Dongguan reads zh-CN.
// The language follows the POSIX locale of the person running it (LC_ALL, then LC_MESSAGES, then
// LANG: POSIX.1-2017 §8.2); error codes, paths and URLs stay as they are in both, so a message can
// be searched for and pasted into a ticket. Every message exists in both languages by type.
import type { ClockDistrust } from './clock.js';
import { localTime, type ClockCertCode } from './doctor-causes.js';

export type MessageLocale = 'en' | 'zh-CN';

/** The locale doctor speaks: Chinese for any zh locale, else English (also for C and POSIX). */
export function messageLocale(env: Readonly<Record<string, string | undefined>>): MessageLocale {
  const chosen = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh([_-]|$)/i.test(chosen) ? 'zh-CN' : 'en';
}

const mib = (n: number): string => `${Math.floor(n / 1024 / 1024)} MiB`;

/** Seconds a clock is ahead (+) or behind (-) the platform's, from platform minus device. */
const secondsAhead = (platformMinusDeviceMs: number): number => Math.round(-platformMinusDeviceMs / 1000);

const offsetEn = (platformMinusDeviceMs: number): string => {
  const s = secondsAhead(platformMinusDeviceMs);
  return s === 0 ? "within 1 s of the platform's" : `${s > 0 ? '+' : '-'}${Math.abs(s)} s (${s > 0 ? 'ahead of' : 'behind'} the platform's)`;
};
const offsetZh = (platformMinusDeviceMs: number): string => {
  const s = secondsAhead(platformMinusDeviceMs);
  return s === 0 ? '与平台相差不到 1 秒' : `${s > 0 ? '比平台快' : '比平台慢'} ${Math.abs(s)} 秒（${s > 0 ? '+' : '-'}${Math.abs(s)} s）`;
};

export type PlatformTrust = 'pinned' | 'system' | 'plain';

const en = {
  settingsOk: (file: string | null, deviceId: string) =>
    `${file ?? 'no settings file (defaults)'} and the environment are valid; enrolled as device ${deviceId}.`,
  notEnrolled: (stateDir: string) => `This device is not enrolled (no agent.json in ${stateDir}); run edge-agent enroll --platform URL --token TOKEN.`,
  platformOk: (url: string, rttMs: number, trust: PlatformTrust) =>
    `${url} answered in ${rttMs} ms${trust === 'pinned' ? ', its certificate signed by the pinned CA' : trust === 'system' ? ', its certificate trusted by this system' : ' (plain HTTP)'}.`,
  platformNotPinned: (url: string, reason: string) =>
    `The server at ${url} is not vouched for by the pinned CA (${reason}); something else answers there, or the platform changed its CA: enroll again with the new fingerprint from the operator.`,
  platformNotTrusted: (url: string, reason: string) => `The server at ${url} is not trusted by this system (${reason}); enroll again with --ca-fingerprint.`,
  platformSpeaksHttps: (url: string, https: string) =>
    `The platform at ${url} speaks HTTPS on that port, not plain HTTP: enroll again with --platform ${https} and --ca-fingerprint.`,
  platformUnreachable: (url: string, reason: string) =>
    `The platform at ${url} cannot be reached: ${reason}; check the URL, DNS, the network route and any proxy.`,
  clockCert: (code: ClockCertCode, url: string, nowMs: number) =>
    `The device clock reads ${localTime(nowMs)}, ${code === 'CERT_NOT_YET_VALID' ? "before the start date of the platform's certificate" : "after the end date of the platform's certificate"} (${code}), so ${url} cannot be verified: ` +
    'set the clock (timedatectl set-ntp true, or timedatectl set-time, and check the RTC battery). ' +
    'The enrollment and the pinned CA are fine; no new token is needed.',
  clockUntrusted: (why: ClockDistrust) => {
    const cause =
      why.kind === 'before_floor'
        ? `it reads ${localTime(why.clockMs)}, before 2024 (reset after a power cut?)`
        : why.kind === 'skewed'
          ? `it is ${offsetEn(why.platformMinusDeviceMs)}, beyond the ${why.boundMs / 1000} s allowed`
          : `it was stepped by ${Math.round(why.stepMs / 1000)} s and not yet compared with the platform's`;
    return `The device clock cannot be trusted: ${cause}; enable time sync (timedatectl set-ntp true) or fix the RTC battery.`;
  },
  clockOk: (platformMinusDeviceMs: number, boundS: number) => `The device clock is ${offsetEn(platformMinusDeviceMs)}, within the ${boundS} s allowed.`,
  clockUncompared: () => "The device clock reads after 2024, but could not be compared with the platform's.",
  keyMismatch: () => 'device-key.pem is not the key this device enrolled with; enroll again.',
  keyReadable: () => 'device-key.pem is readable by other users; chmod 600 it.',
  queue: (depth: number, bytes: number, oldestMs: number | null, dropped: number) =>
    `${depth} messages waiting to be sent (${bytes} bytes on disk${oldestMs ? `, oldest from ${localTime(oldestMs)}` : ''}); ${dropped} dropped by the size or age bound so far.`,
  stateDirNoWrite: (dir: string, why: string) => `${dir} does not take a write (${why}); heartbeats cannot be queued: free space or fix permissions.`,
  stateDirNoStatfs: (dir: string) => `${dir} takes writes; its free space cannot be read.`,
  attestationTpm: (tcti: string) => `Enrolled as tpm: the platform verified this device's TPM 2.0 (${tcti}) by its certified endorsement key (docs/tpm.md).`,
  attestationTpmGone: (reason: string) => `Enrolled as tpm, but no TPM is found now (${reason}); the TPM this device was enrolled with is not in use.`,
  attestationSoftwareWithTpm: (tcti: string) =>
    `Enrolled as software although a TPM 2.0 is at ${tcti}: the platform attests no TPMs (no manufacturer roots), or the enrollment predates it; enroll again to be recorded as tpm.`,
  attestationSoftware: (reason: string) => `Enrolled as software: ${reason}; this device's identity rests on its own key and serials (docs/tpm.md).`,
  tpmToolsMissing: (tcti: string) => `A TPM 2.0 is at ${tcti} but tpm2-tools is not installed (apt-get install tpm2-tools); enrollment cannot attest with it.`,
  stateDirLowSpace: (dir: string, free: number, needed: number) =>
    `${dir} has ${mib(free)} free, less than the ${mib(needed)} the queue may need in an outage; free space on that filesystem.`,
  stateDirOk: (dir: string, free: number) => `${dir} takes writes and has ${mib(free)} free.`,
  agentStale: (pid: number, why: string) => `The running agent (pid ${pid}) stopped updating status.json: ${why}; see the state dir check and its log.`,
  agentSilent: (pid: number, url: string, why: string) =>
    `The running agent (pid ${pid}) is connected to ${url} but nothing was acknowledged: ${why}; see its log, or restart it.`,
  agentConnected: (pid: number, url: string) => `The running agent (pid ${pid}) is connected to ${url}.`,
  agentNotConnected: (pid: number, state: string, url: string) => `The running agent (pid ${pid}) is ${state}, not connected to ${url}; see its log.`,
  loginOk: (url: string) => `The broker at ${url} accepted this device's login.`,
  loginRefused: (url: string, code: number) => `The broker at ${url} refused this device's login (return code ${code}); enroll again for new credentials.`,
  loginTls: (url: string, why: string) => `The broker at ${url} refused the TLS handshake (${why}); see the tls check.`,
  brokerUnreachable: (url: string, why: string) => `The broker at ${url} cannot be reached (${why}); check the URL and the firewall.`,
  mqttPlain: (url: string, pinnedFingerprint: string | null) =>
    `MQTT to ${url} is plain: the login and every message travel unencrypted${pinnedFingerprint ? `, although CA ${pinnedFingerprint} is pinned` : ''}; use the platform's mqtts:// address outside a closed lab.`,
  brokerCertOk: (hostPort: string, pinnedFingerprint: string | null) =>
    `The broker at ${hostPort} presented a certificate signed by ${pinnedFingerprint ? `the pinned CA (SHA-256 ${pinnedFingerprint})` : "this system's trusted CAs"}.`,
  brokerCertBad: (hostPort: string, pinnedFingerprint: string | null, code: string) =>
    `The broker at ${hostPort} presented a certificate not signed by ${pinnedFingerprint ? `the pinned CA (SHA-256 ${pinnedFingerprint})` : "this system's trusted CAs"} (${code}); ${pinnedFingerprint ? 'something else answers there, or the platform changed its CA: enroll again with the new fingerprint' : 'enroll again with --ca-fingerprint'}.`,
  brokerNoHandshake: (hostPort: string, code: string) => `No TLS handshake with the broker at ${hostPort} (${code}); check the URL and the firewall.`,
  modelUnreadable: (path: string, code: string) => `The model file ${path} cannot be read (${code}).`,
  modelOk: (path: string, sha256: string, input: string) => `${path} loads (sha256 ${sha256.slice(0, 16)}…, input ${input}).`,
  modelBroken: (path: string, sha256: string, why: string) => `The model file ${path} (sha256 ${sha256.slice(0, 16)}…) does not load: ${why}.`,
};

export type DoctorMessages = typeof en;

const zhCN: DoctorMessages = {
  settingsOk: (file, deviceId) => `${file ?? '无配置文件（使用默认值）'}与环境变量均有效；本机已注册为设备 ${deviceId}。`,
  notEnrolled: (stateDir) => `本设备尚未注册（${stateDir} 中没有 agent.json）；请运行 edge-agent enroll --platform URL --token TOKEN。`,
  platformOk: (url, rttMs, trust) =>
    `${url} 在 ${rttMs} ms 内应答${trust === 'pinned' ? '，其证书由已固定的 CA 签发' : trust === 'system' ? '，其证书受本系统信任' : '（明文 HTTP）'}。`,
  platformNotPinned: (url, reason) =>
    `${url} 上的服务器未获已固定 CA 的认可（${reason}）：那里应答的是别的服务器，或平台更换了 CA。请向运营方索取新的指纹后重新注册。`,
  platformNotTrusted: (url, reason) => `${url} 上的服务器不受本系统信任（${reason}）；请带 --ca-fingerprint 重新注册。`,
  platformSpeaksHttps: (url, https) => `${url} 的该端口使用 HTTPS，而不是明文 HTTP：请以 --platform ${https} 并带 --ca-fingerprint 重新注册。`,
  platformUnreachable: (url, reason) => `无法连接平台 ${url}：${reason}；请检查 URL、DNS、网络路由和代理。`,
  clockCert: (code, url, nowMs) =>
    `设备时钟显示 ${localTime(nowMs, 'zh-CN')}，${code === 'CERT_NOT_YET_VALID' ? '早于平台证书的生效日期' : '晚于平台证书的到期日期'}（${code}），因此无法验证 ${url}：` +
    '请校准时钟（timedatectl set-ntp true 或 timedatectl set-time，并检查 RTC 电池）。' +
    '注册信息和已固定的 CA 都没有问题，无需新的令牌。',
  clockUntrusted: (why) => {
    const cause =
      why.kind === 'before_floor'
        ? `时钟显示 ${localTime(why.clockMs, 'zh-CN')}，早于 2024 年（断电后被重置？）`
        : why.kind === 'skewed'
          ? `时钟${offsetZh(why.platformMinusDeviceMs)}，超出允许的 ${why.boundMs / 1000} 秒`
          : `时钟被调整了 ${Math.round(why.stepMs / 1000)} 秒，尚未与平台时钟比对`;
    return `设备时钟不可信：${cause}；请开启时间同步（timedatectl set-ntp true）或更换 RTC 电池。`;
  },
  clockOk: (platformMinusDeviceMs, boundS) => `设备时钟${offsetZh(platformMinusDeviceMs)}，在允许的 ${boundS} 秒以内。`,
  clockUncompared: () => '设备时钟晚于 2024 年，但无法与平台时钟比对。',
  keyMismatch: () => 'device-key.pem 不是本设备注册时使用的密钥；请重新注册。',
  keyReadable: () => 'device-key.pem 可被其他用户读取；请执行 chmod 600。',
  queue: (depth, bytes, oldestMs, dropped) =>
    `${depth} 条消息等待发送（磁盘上 ${bytes} 字节${oldestMs ? `，最早一条来自 ${localTime(oldestMs, 'zh-CN')}` : ''}）；迄今因容量或时限上限丢弃 ${dropped} 条。`,
  stateDirNoWrite: (dir, why) => `${dir} 无法写入（${why}）；心跳无法入队：请释放空间或修正权限。`,
  stateDirNoStatfs: (dir) => `${dir} 可以写入，但无法读取其剩余空间。`,
  attestationTpm: (tcti) => `已按 tpm 级别注册：平台已凭经认证的背书密钥验证本设备的 TPM 2.0（${tcti}）（docs/tpm.md）。`,
  attestationTpmGone: (reason) => `已按 tpm 级别注册，但现在找不到 TPM（${reason}）；注册时所用的 TPM 未在使用。`,
  attestationSoftwareWithTpm: (tcti) =>
    `虽然 ${tcti} 有 TPM 2.0，本设备仍按 software 级别注册：平台未配置制造商根证书，或注册早于 TPM 证明；重新注册即可记为 tpm。`,
  attestationSoftware: (reason) => `已按 software 级别注册：${reason}；本设备的身份仅凭其自身的密钥和序列号（docs/tpm.md）。`,
  tpmToolsMissing: (tcti) => `${tcti} 有 TPM 2.0，但未安装 tpm2-tools（apt-get install tpm2-tools）；注册无法使用它进行证明。`,
  stateDirLowSpace: (dir, free, needed) => `${dir} 仅剩 ${mib(free)}，少于断网时队列可能需要的 ${mib(needed)}；请释放该文件系统的空间。`,
  stateDirOk: (dir, free) => `${dir} 可以写入，剩余 ${mib(free)}。`,
  agentStale: (pid, why) => `正在运行的代理（pid ${pid}）已停止更新 status.json：${why}；请查看状态目录检查项及其日志。`,
  agentSilent: (pid, url, why) => `正在运行的代理（pid ${pid}）已连接 ${url}，但没有消息得到确认：${why}；请查看其日志或重启它。`,
  agentConnected: (pid, url) => `正在运行的代理（pid ${pid}）已连接 ${url}。`,
  agentNotConnected: (pid, state, url) => `正在运行的代理（pid ${pid}）处于 ${state} 状态，未连接 ${url}；请查看其日志。`,
  loginOk: (url) => `${url} 的消息代理接受了本设备的登录。`,
  loginRefused: (url, code) => `${url} 的消息代理拒绝了本设备的登录（返回码 ${code}）；请重新注册以获取新凭据。`,
  loginTls: (url, why) => `${url} 的消息代理拒绝了 TLS 握手（${why}）；请查看 tls 检查项。`,
  brokerUnreachable: (url, why) => `无法连接消息代理 ${url}（${why}）；请检查 URL 和防火墙。`,
  mqttPlain: (url, pinnedFingerprint) =>
    `到 ${url} 的 MQTT 是明文：登录信息和每条消息都未加密${pinnedFingerprint ? `（尽管已固定 CA ${pinnedFingerprint}）` : ''}；在封闭实验室之外请使用平台的 mqtts:// 地址。`,
  brokerCertOk: (hostPort, pinnedFingerprint) =>
    `${hostPort} 的消息代理出示的证书由${pinnedFingerprint ? `已固定的 CA（SHA-256 ${pinnedFingerprint}）` : '本系统信任的 CA'}签发。`,
  brokerCertBad: (hostPort, pinnedFingerprint, code) =>
    `${hostPort} 的消息代理出示的证书不是由${pinnedFingerprint ? `已固定的 CA（SHA-256 ${pinnedFingerprint}）` : '本系统信任的 CA'}签发（${code}）；${pinnedFingerprint ? '那里应答的是别的服务器，或平台更换了 CA：请用新的指纹重新注册' : '请带 --ca-fingerprint 重新注册'}。`,
  brokerNoHandshake: (hostPort, code) => `与 ${hostPort} 的消息代理无法完成 TLS 握手（${code}）；请检查 URL 和防火墙。`,
  modelUnreadable: (path, code) => `无法读取模型文件 ${path}（${code}）。`,
  modelOk: (path, sha256, input) => `${path} 可以加载（sha256 ${sha256.slice(0, 16)}…，输入 ${input}）。`,
  modelBroken: (path, sha256, why) => `模型文件 ${path}（sha256 ${sha256.slice(0, 16)}…）无法加载：${why}。`,
};

export const DOCTOR_MESSAGES: Readonly<Record<MessageLocale, DoctorMessages>> = { en, 'zh-CN': zhCN };
