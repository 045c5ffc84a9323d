import type { App } from '../../core/http.ts';
import { alarmsRoutes } from './alarms/routes.ts';
import type { AlarmService } from './alarms/service.ts';
import { devicesRoutes } from './devices/routes.ts';
import type { DeviceService } from './devices/service.ts';
import type { ProfileService } from './profiles/service.ts';
import { protocolRoutes } from './protocol/routes.ts';
import type { ProtocolService } from './protocol/service.ts';
import { rulesRoutes } from './rules/routes.ts';
import type { RuleService } from './rules/service.ts';
import { telemetryRoutes } from './telemetry/routes.ts';
import type { TelemetryService } from './telemetry/service.ts';

export type IotServices = {
  profiles: ProfileService;
  devices: DeviceService;
  telemetry: TelemetryService;
  protocol: ProtocolService;
  rules: RuleService;
  alarms: AlarmService;
};

/** Every route of the iot module. */
export function iotRoutes(s: IotServices) {
  return async (app: App) => {
    await app.register(devicesRoutes(s));
    await app.register(telemetryRoutes(s));
    await app.register(protocolRoutes(s));
    await app.register(rulesRoutes(s));
    await app.register(alarmsRoutes(s));
  };
}
