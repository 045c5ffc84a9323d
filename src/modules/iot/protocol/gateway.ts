/**
 * The ThingsBoard gateway API: one gateway device speaks for many devices, naming each by its code.
 * `v1/gateway/connect` {"device": "CODE"}, `v1/gateway/disconnect` {"device": "CODE"},
 * `v1/gateway/telemetry` {"CODE": [{"ts": ms, "values": {...}}] | [{...}] | {...}},
 * `v1/gateway/attributes` {"CODE": {...}}.
 * A named device must exist, be in service and belong to the gateway's department; otherwise the entry is counted
 * bad on the gateway as `unknown_device`. Bad values of a named device are counted on that device.
 */
import type { DeviceRef, Point } from '../ports.ts';
import type { TelemetryService } from '../telemetry/service.ts';
import { type Bad, sample } from './parse.ts';
import type { GatewayKind } from './topics.ts';

/** What the gateway handling uses of the protocol service. */
export type GatewayCore = {
  countBad(device: DeviceRef, bad: Bad[]): void;
  telemetryOf(device: DeviceRef, json: unknown): Promise<{ points: Point[]; bad: Bad[] }>;
  saveAttributes(device: DeviceRef, json: unknown): Promise<{ saved: number; bad: Bad[] }>;
  subDevice(gateway: DeviceRef, code: string): Promise<DeviceRef | null>;
  connectVia(device: DeviceRef, gateway: DeviceRef): Promise<void>;
  telemetry: Pick<TelemetryService, 'store'>;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Handles one decoded gateway message; returns the values stored (or devices connected) and every bad entry. */
export async function handleGateway(
  core: GatewayCore,
  gateway: DeviceRef,
  kind: GatewayKind,
  json: unknown,
): Promise<{ accepted: number; bad: Bad[] }> {
  const bad: Bad[] = [];
  const onGateway = (b: Bad) => {
    core.countBad(gateway, [b]);
    bad.push(b);
  };

  if (kind === 'connect' || kind === 'disconnect') {
    if (!isPlainObject(json) || typeof json.device !== 'string') {
      onGateway({ reason: 'bad_shape', sample: sample(json) });
      return { accepted: 0, bad };
    }
    const device = await core.subDevice(gateway, json.device);
    if (!device) {
      onGateway({ reason: 'unknown_device', sample: sample(json) });
      return { accepted: 0, bad };
    }
    // A disconnect keeps the gateway recorded: it is still the way to the device; being offline is the rules' call.
    if (kind === 'connect') await core.connectVia(device, gateway);
    return { accepted: 1, bad };
  }

  if (!isPlainObject(json)) {
    onGateway({ reason: 'bad_shape', sample: sample(json) });
    return { accepted: 0, bad };
  }
  let accepted = 0;
  const points: Point[] = [];
  const named: DeviceRef[] = [];
  for (const [code, entry] of Object.entries(json)) {
    const device = await core.subDevice(gateway, code);
    if (!device) {
      onGateway({ reason: 'unknown_device', sample: sample({ [code]: entry }) });
      continue;
    }
    if (kind === 'attributes') {
      const saved = await core.saveAttributes(device, entry);
      core.countBad(device, saved.bad);
      bad.push(...saved.bad);
      accepted += saved.saved;
      continue;
    }
    const read = await core.telemetryOf(device, entry);
    core.countBad(device, read.bad);
    bad.push(...read.bad);
    if (read.points.length) {
      points.push(...read.points);
      named.push(device);
    }
  }
  if (points.length) {
    await core.telemetry.store(points, named);
    accepted += points.length;
  }
  return { accepted, bad };
}
