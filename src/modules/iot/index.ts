import type { Database } from '../../core/db.ts';
import type { Logger } from '../../core/logger.ts';
import type { AuditService } from '../audit/index.ts';
import type { EventsModule } from '../events/index.ts';
import type { OrgService } from '../org/index.ts';
import { createAlarmService } from './alarms/service.ts';
import { createDeviceService } from './devices/service.ts';
import { createHistoryService } from './history/service.ts';
import './messages.ts';
import { createProfileService } from './profiles/service.ts';
import { createProtocolService, type MqttSettings } from './protocol/service.ts';
import { iotRoutes } from './routes.ts';
import { createRuleService } from './rules/service.ts';
import { createSimulatorService } from './simulate/service.ts';
import { createTelemetryService } from './telemetry/service.ts';

export type { AlarmPeriodSummary } from './alarms/service.ts';
// The channel alarms are announced on (their ids), which the operations screen listens to as well.
export { ALARM_CHANNEL } from './alarms/stream.ts';
export type {
  AlarmsImported,
  HistoryService,
  PastAlarm,
  PastCaseHandling,
  PastReading,
  ReadingsImported,
} from './history/service.ts';
export type { DeviceRef, Point } from './ports.ts';
// For the writer's own benchmark (bench/iot/writer.ts), which runs the telemetry service alone.
export { createProfileService } from './profiles/service.ts';
export type { MqttSettings } from './protocol/service.ts';
// For `onecity simulate`: the value generators and the MQTT fleet that publishes them.
export { generators, grossLimits } from './simulate/generators.ts';
export { driveFleet, type FleetDevice } from './simulate/mqtt-fleet.ts';
export { createTelemetryService } from './telemetry/service.ts';
export { csvLine as telemetryCsvLine } from './telemetry/write-repository.ts';

/**
 * City sensing (感知体系): device profiles and devices, telemetry over the ThingsBoard device API (MQTT and HTTP),
 * time series, rules and alarms that open cases in the events module.
 */
export function createIotModule(deps: {
  database: Database;
  audit: AuditService;
  org: OrgService;
  events: Pick<EventsModule, 'intake' | 'handle' | 'categories' | 'imports'>;
  /** Whether a city component code is in the component registry. */
  componentExists: (code: string) => Promise<boolean>;
  logger: Logger;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const { database, audit, logger } = deps;
  const db = database.db;
  const profiles = createProfileService({ db, audit });
  const devices = createDeviceService({
    db,
    audit,
    org: deps.org,
    profiles,
    componentExists: deps.componentExists,
    now,
  });
  const telemetry = createTelemetryService({ database, profiles, logger, now });
  const protocol = createProtocolService({ db, devices, telemetry, profiles, logger, now });
  const rules = createRuleService({ db, audit, profiles, devices, categories: deps.events.categories, now });
  const alarms = createAlarmService({
    database,
    audit,
    devices,
    profiles,
    rules,
    events: deps.events,
    logger,
    now,
  });
  telemetry.onStored((batch) => alarms.evaluate(batch));
  deps.events.handle.onClosed((number) => alarms.onCaseClosed(number));
  const services = { profiles, devices, telemetry, protocol, rules, alarms };
  const simulator = createSimulatorService({ db, devices, protocol, logger, now });
  const history = createHistoryService({
    database,
    audit,
    devices,
    profiles,
    rules,
    events: deps.events,
    now,
  });

  let timers: NodeJS.Timeout[] = [];
  return {
    ...services,
    routes: iotRoutes(services),
    /** The built-in simulator of the demo's devices (serve starts it unless ONECITY_SIMULATE=off). */
    simulator,
    /** Past readings and alarms (with their cases) imported by in-process callers: a district's record, the demo's month. */
    history,

    /** Seeds the profiles and their rules, and the events category overload cases go to. Idempotent. */
    async seed() {
      await profiles.seed();
      await deps.events.categories.seed([
        { code: 'transport.overload', name: '车辆超限超载', department: 'JTYSJ', limit: '24h' },
      ]);
    },

    /** Starts taking device data (broker or external broker) and the periodic work; resolves to the MQTT address. */
    async start(mqtt: MqttSettings) {
      await telemetry.start();
      const address = await protocol.start(mqtt);
      const every = (ms: number, work: () => Promise<unknown>, what: string) => {
        const timer = setInterval(() => work().catch((err) => logger.warn({ err }, `${what} failed`)), ms);
        timer.unref();
        timers.push(timer);
      };
      every(60_000, () => alarms.checkOffline(), 'offline check');
      return address;
    },

    /** Stops taking device data and the periodic work. */
    async stop() {
      simulator.stop();
      for (const timer of timers) clearInterval(timer);
      timers = [];
      await protocol.stop();
      await telemetry.stop(); // after the protocol: what it handed over last is written
      await alarms.idle();
    },
  };
}
export type IotModule = ReturnType<typeof createIotModule>;
