/**
 * Device data from an existing broker (Mosquitto, EMQX): OneCity subscribes with MQTT 5 shared subscriptions in
 * the group `onecity`, so several OneCity processes (and several connections of each) share the messages, each
 * message going to one of them.
 *
 * An external broker does not tell a subscriber who published. The token is therefore in the topic:
 * `v1/devices/<token>/telemetry|attributes` and `v1/gateway/<token>/connect|disconnect|telemetry|attributes`. Either
 * the broker rewrites what ThingsBoard firmware publishes on `v1/devices/me/…` with the publisher's user name
 * (EMQX: topic rewrite `v1/devices/me/#` → `v1/devices/${username}/#`, `v1/gateway/#` → `v1/gateway/${username}/#`,
 * with authentication by token on the broker), or devices publish with their token in the topic.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { connectAsync, type IPublishPacket, type MqttClient } from 'mqtt';
import type { Logger } from '../../../core/logger.ts';
import type { BrokerHandlers } from './handlers.ts';
import { externalRoute, sharedSubscriptions } from './topics.ts';

/** A connection (several) to an external broker. */
export type ExternalBroker = { url: string; close(): Promise<void> };

const DEFAULT_CONNECTIONS = 8;
// Messages taken at once per connection; then the connection reads no further until one is stored.
const MAX_IN_FLIGHT = 256;

/** The URL without its user and password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'the configured MQTT URL';
  }
}

/**
 * Connects to the broker at `url` with `connections` subscriber connections in the shared group, each reconnecting
 * on its own. A QoS 1 message is acknowledged once its points are stored.
 */
export async function connectExternalBroker(opts: {
  url: string;
  connections?: number;
  /** The shared-subscription group (tests keep apart from other processes on the same broker). */
  group?: string;
  handlers: BrokerHandlers;
  logger: Logger;
}): Promise<ExternalBroker> {
  const { handlers, logger } = opts;
  const shown = redactedUrl(opts.url);
  const base = `onecity-${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  const clients: MqttClient[] = [];

  async function take(packet: IPublishPacket) {
    const found = externalRoute(packet.topic);
    if (!found) return;
    const device = await handlers.authenticate(found.token);
    if (!device) {
      handlers.unknownToken();
      logger.debug(
        { tokenEnds: found.token.slice(-4), topic: found.route },
        'MQTT message of an unknown token',
      );
      return;
    }
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    await handlers.accept(device, found.route, payload);
  }

  function connect(index: number) {
    return connectAsync(
      opts.url,
      {
        protocolVersion: 5,
        clientId: `${base}-${index}`,
        clean: true,
        reconnectPeriod: 1_000,
        connectTimeout: 10_000,
      },
      false,
    );
  }

  try {
    for (let i = 0; i < (opts.connections ?? DEFAULT_CONNECTIONS); i++) {
      const client = await connect(i).catch((err: Error) => {
        throw new Error(
          `Could not connect to the MQTT broker at ${shown} (ONECITY_MQTT_URL): ${err.message}`,
        );
      });
      clients.push(client);
      pipeline(client, take, handlers, logger);
      client.on('error', (err) => logger.warn({ err: { message: err.message } }, `MQTT broker ${shown}`));
      client.on('reconnect', () => logger.info(`reconnecting to the MQTT broker ${shown}`));
      const granted = await client.subscribeAsync(sharedSubscriptions(opts.group), { qos: 1 });
      const refused = granted.filter((g) => g.qos > 2);
      if (refused.length)
        throw new Error(
          `The MQTT broker at ${shown} refused the shared subscriptions ${refused.map((g) => g.topic).join(', ')} ` +
            '(OneCity needs MQTT 5 shared subscriptions: Mosquitto 2, EMQX)',
        );
    }
  } catch (err) {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    throw err;
  }
  logger.info({ connections: clients.length }, `taking device data from the MQTT broker ${shown}`);

  return {
    url: shown,
    async close() {
      await Promise.all(clients.map((c) => c.endAsync()));
    },
  };
}

type SendPacket = (
  packet: { cmd: string; messageId?: number },
  cb?: (err?: Error) => void,
  ...rest: unknown[]
) => void;

/**
 * Takes a connection's messages many at once, acknowledging each QoS 1 message only once it is stored, in the order
 * received (as MQTT requires). mqtt.js reads the next message only when `handleMessage` calls back, and that call
 * sends the PUBACK: so it calls back at once and the PUBACK it sends is held (here, around mqtt.js's packet sender)
 * until the message and every one before it is stored. A message whose storing failed is not acknowledged; a
 * PUBACK held over a reconnection is dropped (message ids start again on a new connection).
 */
function pipeline(
  client: MqttClient,
  take: (packet: IPublishPacket) => Promise<void>,
  handlers: BrokerHandlers,
  logger: Logger,
) {
  const held = new Map<number, Promise<void>>();
  let previous: Promise<unknown> = Promise.resolve();
  let connection = 0;
  let inFlight = 0;
  client.on('close', () => {
    connection++;
    held.clear();
  });

  const internals = client as unknown as { _sendPacket: SendPacket };
  const send = internals._sendPacket.bind(client);
  internals._sendPacket = (packet, cb, ...rest) => {
    const stored =
      packet.cmd === 'puback' && packet.messageId !== undefined ? held.get(packet.messageId) : undefined;
    if (!stored) return send(packet, cb, ...rest);
    held.delete(packet.messageId!);
    const sentOn = connection;
    stored.then(
      () => {
        if (sentOn === connection && client.connected) send(packet);
      },
      () => {},
    );
    cb?.();
  };

  client.handleMessage = (packet, callback) => {
    inFlight++;
    const work = take(packet).catch((err) => {
      handlers.failed();
      logger.warn(
        { err, topic: packet.topic },
        'device data from the MQTT broker not stored (not acknowledged)',
      );
      throw err;
    });
    const settled = work.then(
      () => inFlight--,
      () => inFlight--,
    );
    if (packet.qos === 1 && packet.messageId !== undefined) {
      // After every earlier message: acknowledgements go out in the order the messages came.
      const inOrder = previous.then(() => work);
      previous = inOrder.catch(() => {});
      held.set(packet.messageId, inOrder);
    }
    if (inFlight < MAX_IN_FLIGHT) callback();
    else settled.then(() => callback());
  };
}
