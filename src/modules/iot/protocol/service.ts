// STUB (issue 16 skeleton): the protocol area replaces this file.
import type { Logger } from '../../../core/logger.ts';
import type { DeviceService } from '../devices/service.ts';
import type { DeviceRef } from '../ports.ts';
import type { ProfileService } from '../profiles/service.ts';
import type { TelemetryService } from '../telemetry/service.ts';

export type ProtocolDeps = {
  devices: DeviceService;
  telemetry: TelemetryService;
  profiles: ProfileService;
  logger: Logger;
  now: () => Date;
};

/** Where the broker should be: the embedded one on a port, or an existing one at a URL. */
export type MqttSettings = { port?: number; url?: string; host?: string };

/** The ThingsBoard device API: payloads of devices and gateways, over MQTT (embedded or external broker) and HTTP. */
export function createProtocolService(_deps: ProtocolDeps) {
  return {
    /** Takes one payload of a device; bad values are counted, good ones stored. */
    async accept(
      _device: DeviceRef,
      _kind: 'telemetry' | 'attributes',
      _payload: string | Buffer,
    ): Promise<{ accepted: number; rejected: number }> {
      return { accepted: 0, rejected: 0 };
    },
    /** Starts the broker (or connects to the existing one); resolves to the address devices use. */
    async start(_mqtt: MqttSettings): Promise<{ url: string }> {
      return { url: '' };
    },
    /** Stops taking device data. */
    async stop(): Promise<void> {},
  };
}
export type ProtocolService = ReturnType<typeof createProtocolService>;
