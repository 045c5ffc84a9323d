import { type App, eventStreamHeaders } from '../../../core/http.ts';
import { iotPolicy, mayReadDevice } from '../policy.ts';
import type { IotServices } from '../services.ts';
import { alarm, alarmIdParam, alarmPage, alarmQuery } from './contract.ts';

// Proxies and load balancers drop a connection that says nothing for a minute or so.
const PING_MS = 25_000;

/** Alarms: the list, acknowledging and clearing, and the live stream to consoles. */
export function alarmsRoutes(s: IotServices) {
  return async (app: App) => {
    const tags = ['iot'];
    // Open streams would hold the server's close forever: they end before it waits for connections.
    app.addHook('preClose', async () => {
      await s.alarms.stream.close();
    });

    app.get(
      '/api/iot/alarms',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '告警列表', tags, querystring: alarmQuery, response: { 200: alarmPage } },
      },
      (req) => s.alarms.list(req.ctx, req.query),
    );
    app.post(
      '/api/iot/alarms/:id/ack',
      {
        config: { access: iotPolicy.handleAlarms },
        schema: { summary: '确认告警', tags, params: alarmIdParam, response: { 200: alarm } },
      },
      (req) => s.alarms.acknowledge(req.ctx, req.params.id),
    );
    app.post(
      '/api/iot/alarms/:id/clear',
      {
        config: { access: iotPolicy.handleAlarms },
        schema: { summary: '清除告警', tags, params: alarmIdParam, response: { 200: alarm } },
      },
      (req) => s.alarms.clear(req.ctx, req.params.id),
    );
    app.get(
      '/api/iot/alarms/stream',
      {
        config: { access: iotPolicy.read },
        schema: { summary: '告警实时推送（server-sent events：event: alarm / ping）', tags },
      },
      async (req, reply) => {
        const actor = req.ctx.actor;
        const raw = reply.raw;
        const write = (event: string, data: unknown) => {
          if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        };
        // Subscribed before the answer starts, so nothing pushed after the client sees the headers is missed.
        const unsubscribe = await s.alarms.stream.subscribe({
          sees: (departmentId) => mayReadDevice(actor, departmentId),
          send: (a) => write('alarm', a),
          end: () => raw.end(),
        });
        reply.hijack();
        raw.writeHead(200, eventStreamHeaders);
        write('ping', {});
        const ping = setInterval(() => write('ping', {}), PING_MS);
        ping.unref();
        raw.on('close', () => {
          clearInterval(ping);
          unsubscribe();
        });
      },
    );
  };
}
