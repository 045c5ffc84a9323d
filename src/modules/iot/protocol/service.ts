import type { Db } from '../../../core/db.ts';
import type { Logger } from '../../../core/logger.ts';
import type { DeviceService } from '../devices/service.ts';
import type { DeviceRef, Point } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { TelemetryService } from '../telemetry/service.ts';
import { type EmbeddedBroker, startEmbeddedBroker } from './broker.ts';
import { connectExternalBroker, type ExternalBroker } from './external.ts';
import { type GatewayCore, handleGateway } from './gateway.ts';
import type { Accepted, BrokerHandlers } from './handlers.ts';
import { type Bad, decodeJson, readAttributes, readTelemetry } from './parse.ts';
import * as repo from './repository.ts';
import { GATEWAY_PROFILE, type GatewayKind, type TopicRoute } from './topics.ts';

export type { Accepted } from './handlers.ts';

export type ProtocolDeps = {
  db: Db;
  devices: DeviceService;
  telemetry: TelemetryService;
  profiles: ProfileService;
  logger: Logger;
  now: () => Date;
};

/** Where the broker should be: the embedded one on a port, or an existing one at a URL. */
export type MqttSettings = {
  port?: number;
  url?: string;
  host?: string;
  /** External broker: how many subscriber connections this process opens in the shared group (default 8). */
  connections?: number;
  /** External broker: the shared-subscription group (default `onecity`; tests use their own). */
  group?: string;
};

// A gateway names its devices by code, on every message: each process keeps them this long (as tokens are kept).
const SUB_DEVICE_CACHE_MS = 5_000;

/** The ThingsBoard device API: payloads of devices and gateways, over MQTT (embedded or external broker) and HTTP. */
export function createProtocolService(deps: ProtocolDeps) {
  const { db, devices, telemetry, profiles, logger, now } = deps;
  const subDevices = new Map<string, { device: DeviceRef | null; at: number }>();
  /** Process counters: messages whose token no device holds (external broker), and others refused there. */
  const counters = { unknownToken: 0, notGateway: 0, failed: 0 };
  let running: EmbeddedBroker | ExternalBroker | undefined;

  function result(accepted: number, bad: Bad[]): Accepted {
    return { accepted, rejected: bad.length, bad: bad.map((b) => ({ reason: b.reason, key: b.key })) };
  }

  const core: GatewayCore = {
    /** Counts each refused value on its device. */
    countBad(device: DeviceRef, bad: Bad[]) {
      for (const b of bad) telemetry.countBad(device, b.reason, b.sample);
    },
    /** The points of a telemetry payload of a device, checked against its profile. */
    async telemetryOf(device: DeviceRef, json: unknown): Promise<{ points: Point[]; bad: Bad[] }> {
      const profile = await profiles.require(device.profileCode);
      return readTelemetry(json, device.id, profile, now());
    },
    /** Checks a device's attributes payload, merges the good ones into its attributes; returns the bad ones. */
    async saveAttributes(device: DeviceRef, json: unknown): Promise<{ saved: number; bad: Bad[] }> {
      const profile = await profiles.require(device.profileCode);
      const { attributes, bad } = readAttributes(json, profile.attributes);
      const saved = Object.keys(attributes).length;
      if (saved) {
        // Device data, not a person's change: not audited (as telemetry is not). The cached ref is updated so that
        // the rules of this process read the new levels at once.
        const merged = await repo.mergeAttributes(db, device.id, attributes);
        if (merged) device.attributes = merged;
      }
      return { saved, bad };
    },
    /** The device a gateway names, if it exists, is not retired and belongs to the gateway's department. */
    async subDevice(gateway: DeviceRef, code: string): Promise<DeviceRef | null> {
      let cached = subDevices.get(code);
      if (!cached || Date.now() - cached.at > SUB_DEVICE_CACHE_MS) {
        if (subDevices.size > 100_000) subDevices.clear();
        cached = { device: await devices.byCode(code), at: Date.now() };
        subDevices.set(code, cached);
      }
      const device = cached.device;
      return device && device.status !== 'retired' && device.departmentId === gateway.departmentId
        ? device
        : null;
    },
    /** Records the gateway on a device that connected through it. */
    async connectVia(device: DeviceRef, gateway: DeviceRef) {
      if (device.gatewayId === gateway.id) return;
      await repo.setGateway(db, device.id, gateway.id);
      device.gatewayId = gateway.id;
    },
    telemetry,
  };

  /** Takes one payload of a device; bad values are counted, good ones stored. */
  async function accept(
    device: DeviceRef,
    kind: 'telemetry' | 'attributes',
    payload: string | Buffer,
  ): Promise<Accepted> {
    const json = decodeJson(payload);
    if (!json.ok) {
      core.countBad(device, [json.bad]);
      return result(0, [json.bad]);
    }
    if (kind === 'attributes') {
      const { saved, bad } = await core.saveAttributes(device, json.value);
      core.countBad(device, bad);
      return result(saved, bad);
    }
    const { points, bad } = await core.telemetryOf(device, json.value);
    core.countBad(device, bad);
    if (points.length) await telemetry.store(points, [device]);
    return result(points.length, bad);
  }

  /** Takes one message of a gateway about its devices (connect, disconnect, telemetry, attributes). */
  async function acceptGateway(
    gateway: DeviceRef,
    kind: GatewayKind,
    payload: string | Buffer,
  ): Promise<Accepted> {
    const json = decodeJson(payload);
    if (!json.ok) {
      core.countBad(gateway, [json.bad]);
      return result(0, [json.bad]);
    }
    const { accepted, bad } = await handleGateway(core, gateway, kind, json.value);
    return result(accepted, bad);
  }

  /** Takes a message for a route of the topics: the device's own data or a gateway's. */
  async function acceptRoute(
    device: DeviceRef,
    route: TopicRoute,
    payload: Buffer,
  ): Promise<Accepted | null> {
    if (route.to === 'device') return accept(device, route.kind, payload);
    if (device.profileCode !== GATEWAY_PROFILE) {
      counters.notGateway++;
      logger.debug({ device: device.code }, 'gateway message from a device that is not a gateway: ignored');
      return null;
    }
    return acceptGateway(device, route.kind, payload);
  }

  return {
    accept,
    acceptGateway,

    /** Starts the broker (or connects to the existing one); resolves to the address devices use. */
    async start(mqtt: MqttSettings): Promise<{ url: string }> {
      if (running) throw new Error('device intake is already started');
      const handlers: BrokerHandlers = {
        authenticate: (token: string) => devices.authenticate(token),
        accept: acceptRoute,
        unknownToken: () => counters.unknownToken++,
        failed: () => counters.failed++,
      };
      running = mqtt.url
        ? await connectExternalBroker({
            url: mqtt.url,
            connections: mqtt.connections,
            group: mqtt.group,
            handlers,
            logger,
          })
        : await startEmbeddedBroker({ port: mqtt.port, host: mqtt.host, handlers, logger });
      return { url: running.url };
    },

    /** Stops taking device data. */
    async stop(): Promise<void> {
      const was = running;
      running = undefined;
      await was?.close();
    },

    /** This process's counters (messages of unknown tokens, gateway messages of non-gateways, failed stores). */
    stats() {
      return { ...counters };
    },
  };
}
export type ProtocolService = ReturnType<typeof createProtocolService>;
