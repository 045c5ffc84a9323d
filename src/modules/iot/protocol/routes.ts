import { z } from 'zod';
import { InputError, UnauthorizedError } from '../../../core/errors.ts';
import type { App } from '../../../core/http.ts';
import type { IotServices } from '../services.ts';

const params = z.object({ token: z.string().min(1).max(128) });
const answer = z.object({ accepted: z.number().int(), rejected: z.number().int() });
const tags = ['iot-device-api'];

/** The ThingsBoard HTTP device API: `POST /api/v1/<token>/telemetry` and `/attributes`. */
export function protocolRoutes(s: IotServices) {
  return async (app: App) => {
    // A device's body is read as it came (in this scope only), so that what is not JSON is counted on the device
    // as `not_json` like any other bad payload, whatever content type the firmware sends.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    for (const kind of ['telemetry', 'attributes'] as const) {
      app.post(
        `/api/v1/:token/${kind}`,
        {
          // The device's access token in the path is the credential; no session is looked at.
          config: { access: 'credential' },
          schema: {
            summary:
              kind === 'telemetry'
                ? '设备上报遥测数据（ThingsBoard HTTP 接口）'
                : '设备上报客户端属性（ThingsBoard HTTP 接口）',
            tags,
            params,
            response: { 200: answer },
          },
        },
        async (req) => {
          const device = await s.devices.authenticate(req.params.token);
          if (!device)
            throw new UnauthorizedError('device_token_unknown', 'No device in service holds this token');
          const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
          const result = await s.protocol.accept(device, kind, body);
          if (result.rejected)
            throw new InputError(
              'bad_payload',
              'Some values were refused',
              result.bad.map((b) => ({ field: b.key ?? 'body', reason: b.reason })),
              { accepted: result.accepted, rejected: result.rejected },
            );
          return { accepted: result.accepted, rejected: 0 };
        },
      );
    }
  };
}
