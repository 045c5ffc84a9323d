import type { App } from '../../../core/http.ts';
import { iotPolicy } from '../policy.ts';
import type { IotServices } from '../services.ts';
import { deviceCodeParam, latestValues, timeseries, timeseriesQuery } from './contract.ts';

/** The telemetry area's routes: a device's latest values and its time series. */
export function telemetryRoutes(s: IotServices) {
  return async (app: App) => {
    const tags = ['iot'];
    app.get(
      '/api/iot/devices/:code/latest',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '设备最新数据', tags, params: deviceCodeParam, response: { 200: latestValues } },
      },
      async (req) => s.telemetry.latest(await s.devices.requireReadable(req.ctx, req.params.code)),
    );
    app.get(
      '/api/iot/devices/:code/timeseries',
      {
        config: { access: iotPolicy.read },
        schema: {
          summary: '设备历史数据（原始值或聚合）',
          tags,
          params: deviceCodeParam,
          querystring: timeseriesQuery,
          response: { 200: timeseries },
        },
      },
      async (req) =>
        s.telemetry.timeseries(await s.devices.requireReadable(req.ctx, req.params.code), req.query),
    );
  };
}
