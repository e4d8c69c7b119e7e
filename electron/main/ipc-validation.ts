// Every IPC message is checked twice before main acts on it: it must come from our own page (not an iframe or a
// page navigated elsewhere), and its payload must have exactly the expected shape.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { isAppUrl } from './app-protocol';
import { MAX_TOPOLOGY_BYTES } from './files';
import { ReplayScenario } from '../../shared/model/schema';

export interface TrustedOrigins {
  /** Production: the page served from app://packet-journey/ (electron/main/app-protocol.ts). */
  appOrigin?: boolean;
  /** Origin of the dev server, e.g. http://localhost:5173 (development only). */
  devOrigin?: string;
}

/** True when `url` is our renderer page: on app://packet-journey/ (any path, query or hash) or the dev server's origin. */
export function isTrustedSenderUrl(url: string | undefined, trusted: TrustedOrigins): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (trusted.appOrigin && isAppUrl(url)) return true;
  if (trusted.devOrigin && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    return parsed.origin === new URL(trusted.devOrigin).origin;
  }
  return false;
}

const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => isAbsolute(p) && !p.includes('\0'), 'must be an absolute file path');

const DocumentText = z.string().max(MAX_TOPOLOGY_BYTES);
const RequestId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a short request id');

export const ScenarioPayload = z.strictObject({
  from: z.string().min(1).max(200),
  url: z.string().min(1).max(2048),
  seed: z.number().int().min(0).max(0xffffffff),
  warm: z.boolean(),
  before: ReplayScenario.shape.before.optional(),
  pauseSeconds: ReplayScenario.shape.pauseSeconds,
  thenSet: ReplayScenario.shape.thenSet,
});

export const OpenPathPayload = AbsolutePath;

export const SaveRequestPayload = z.strictObject({
  text: DocumentText,
  name: z.string().min(1).max(255),
  path: AbsolutePath.optional(),
  saveAs: z.boolean(),
});

export const SetTitlePayload = z.strictObject({ title: z.string().max(500), dirty: z.boolean() });

export const SimulatePayload = z.strictObject({
  requestId: RequestId,
  topologyText: DocumentText,
  scenario: ScenarioPayload,
});

export const CancelSimulationPayload = z.strictObject({ requestId: RequestId });

export const RecoveryWritePayload = z.strictObject({
  name: z.string().min(1).max(255),
  path: AbsolutePath.optional(),
  text: DocumentText,
});

export const NoPayload = z.undefined();

export class IpcRejection extends Error {
  constructor(channel: string, reason: string) {
    super(`Rejected IPC message on "${channel}": ${reason}`);
    this.name = 'IpcRejection';
  }
}

/** The payload parsed by `schema`, or an IpcRejection naming the channel and the first problems. */
export function parsePayload<T extends z.ZodType>(channel: string, schema: T, payload: unknown): z.infer<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const reasons = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'}: ${issue.message}`);
  throw new IpcRejection(channel, reasons.join('; '));
}
