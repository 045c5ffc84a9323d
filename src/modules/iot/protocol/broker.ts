/**
 * The embedded MQTT broker (aedes, MQTT 3.1.1): devices sign in with their access token as user name and publish on
 * the ThingsBoard topics. A message is handed to the protocol service before the broker acknowledges it (QoS 1:
 * the PUBACK goes out once its points are stored, so a device that got its PUBACK lost nothing). Nothing a device
 * publishes is forwarded to anyone: device data is the platform's.
 */
import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { Logger } from '../../../core/logger.ts';
import type { BrokerHandlers } from './handlers.ts';
import { GATEWAY_PROFILE, maySubscribe, publishRoute } from './topics.ts';

/** A running embedded broker. */
export type EmbeddedBroker = { url: string; close(): Promise<void> };

/** The port the embedded broker takes when none is configured: MQTT's own. */
export const DEFAULT_MQTT_PORT = 1883;
// How far up from 1884 a default start looks for a free port before giving up.
const FALLBACK_TRIES = 100;

function refusal(returnCode: 4 | 5, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

function listen(server: net.Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (err: Error) => reject(err);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

const inUse = (err: unknown) => (err as NodeJS.ErrnoException).code === 'EADDRINUSE';

/** Why the start stops when the configured port is taken, and what to do about it. */
export function portBusyMessage(port: number, host?: string): string {
  const at = host && host !== '0.0.0.0' && host !== '::' ? host : '127.0.0.1';
  return (
    `MQTT port ${port} is already in use (another MQTT broker?). Set ONECITY_MQTT_PORT to a free port for the ` +
    `embedded broker, or ONECITY_MQTT_URL=mqtt://${at}:${port} to take device data from the broker already there.`
  );
}

/**
 * Starts the embedded broker on `port` (default 1883). A configured port that is taken stops the start with an
 * error saying what to do; when no port is configured and 1883 is taken, the next free port up from 1884 is used
 * and a warning says so.
 */
export async function startEmbeddedBroker(opts: {
  port?: number;
  host?: string;
  handlers: BrokerHandlers;
  logger: Logger;
}): Promise<EmbeddedBroker> {
  const { handlers, logger } = opts;
  const tokens = new WeakMap<Client, string>();

  const broker = await Aedes.createBroker({
    preConnect(_client, packet, done) {
      // A device's will would be a message published on its behalf; there is nobody to forward it to.
      packet.will = undefined;
      done(null, true);
    },
    authenticate(client, username, _password, done) {
      if (!username) return done(refusal(5, 'not authorized: the access token is the user name'), false);
      handlers.authenticate(username).then(
        (device) => {
          if (!device) return done(refusal(5, 'not authorized'), false);
          tokens.set(client, username);
          done(null, true);
        },
        (err) => {
          logger.warn({ err }, 'MQTT sign-in could not be checked');
          done(refusal(5, 'not authorized'), false);
        },
      );
    },
    authorizePublish(client, packet, done) {
      const token = client && tokens.get(client);
      if (!token) return done(new Error('not authorized'));
      // Asked again on every message (cached for seconds): a device retired or a token rotated while connected is
      // cut off too.
      handlers
        .authenticate(token)
        .then(async (device) => {
          if (!device) throw new Error('not authorized');
          const route = publishRoute(packet.topic, device.profileCode === GATEWAY_PROFILE);
          if (!route) {
            logger.debug({ device: device.code, topic: packet.topic }, 'MQTT publish to a topic not allowed');
            throw new Error(`publishing to ${packet.topic} is not allowed`);
          }
          // Not kept for later subscribers either.
          packet.retain = false;
          const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
          await handlers.accept(device, route, payload).catch((err) => {
            handlers.failed();
            logger.warn(
              { err, device: device.code },
              'device data not stored: the device is disconnected to resend',
            );
            throw err;
          });
        })
        // An error closes the connection (MQTT 3.1.1 has no negative PUBACK): a QoS 1 message is sent again.
        .then(() => done(null), done);
    },
    authorizeSubscribe(_client, subscription, done) {
      done(null, maySubscribe(subscription.topic) ? subscription : null);
    },
    authorizeForward() {
      return null;
    },
  });

  const server = net.createServer(broker.handle);
  // Connections still signing in are not the broker's clients yet: closing cuts them too.
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let port: number;
  try {
    if (opts.port !== undefined) {
      port = await listen(server, opts.port, opts.host).catch((err) => {
        throw inUse(err) ? new Error(portBusyMessage(opts.port!, opts.host)) : err;
      });
    } else {
      port = await listenFromDefault(server, opts.host, logger);
    }
  } catch (err) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw err;
  }
  const shown = opts.host && opts.host !== '0.0.0.0' && opts.host !== '::' ? opts.host : 'localhost';
  logger.info({ port }, 'embedded MQTT broker listening');

  return {
    url: `mqtt://${shown}:${port}`,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function listenFromDefault(server: net.Server, host: string | undefined, logger: Logger) {
  try {
    return await listen(server, DEFAULT_MQTT_PORT, host);
  } catch (err) {
    if (!inUse(err)) throw err;
  }
  for (let port = DEFAULT_MQTT_PORT + 1; port <= DEFAULT_MQTT_PORT + FALLBACK_TRIES; port++) {
    try {
      const got = await listen(server, port, host);
      logger.warn(
        `MQTT port ${DEFAULT_MQTT_PORT} is already in use (another MQTT broker?); the embedded broker listens on ` +
          `${got} instead. Set ONECITY_MQTT_PORT to choose its port, or ONECITY_MQTT_URL=mqtt://127.0.0.1:` +
          `${DEFAULT_MQTT_PORT} to take device data from the broker on ${DEFAULT_MQTT_PORT}.`,
      );
      return got;
    } catch (err) {
      if (!inUse(err)) throw err;
    }
  }
  throw new Error(portBusyMessage(DEFAULT_MQTT_PORT, host));
}
