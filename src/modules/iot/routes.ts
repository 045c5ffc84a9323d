import type { App } from '../../core/http.ts';
import { alarmsRoutes } from './alarms/routes.ts';
import { devicesRoutes } from './devices/routes.ts';
import { protocolRoutes } from './protocol/routes.ts';
import { rulesRoutes } from './rules/routes.ts';
import type { IotServices } from './services.ts';
import { telemetryRoutes } from './telemetry/routes.ts';

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
