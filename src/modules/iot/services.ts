import type { AlarmService } from './alarms/service.ts';
import type { DeviceService } from './devices/service.ts';
import type { ProfileService } from './profiles/service.ts';
import type { ProtocolService } from './protocol/service.ts';
import type { RuleService } from './rules/service.ts';
import type { TelemetryService } from './telemetry/service.ts';

/** The iot module's services, as its routes receive them. */
export type IotServices = {
  profiles: ProfileService;
  devices: DeviceService;
  telemetry: TelemetryService;
  protocol: ProtocolService;
  rules: RuleService;
  alarms: AlarmService;
};
