// What the relay counts for /metrics (Prometheus text, via prom-client). The relay calls the
// small RelayMetrics interface at its own call sites (one line each); everything Prometheus-shaped
// stays here. Each relay has its own registry, so several relays in one process (tests) never share counts.
import { Registry, Counter, Gauge, Histogram, collectDefaultMetrics } from 'prom-client';
import type { RoomStorage } from './save-worker';

export interface RelayMetrics {
  connectionOpened(): void;
  /** a socket turned away at the upgrade or while being admitted, by its close code */
  refused(code: number): void;
  messageIn(bytes: number): void;
  messageOut(bytes: number): void;
  /** wraps one room's storage so every durable write is timed and every failure counted */
  timedStorage(storage: RoomStorage): RoomStorage;
  /** Prometheus text exposition */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricSources {
  roomsOpen(): number;
  connections(): number;
}

export function createRelayMetrics(sources: MetricSources): RelayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'slc_' });
  new Gauge({
    name: 'slc_rooms_open',
    help: 'Workshops currently held in memory by the relay',
    registers: [registry],
    collect() {
      this.set(sources.roomsOpen());
    },
  });
  new Gauge({
    name: 'slc_connections',
    help: 'Sockets currently admitted to a room',
    registers: [registry],
    collect() {
      this.set(sources.connections());
    },
  });
  const opened = new Counter({ name: 'slc_connections_opened_total', help: 'Sockets admitted to a room', registers: [registry] });
  const refused = new Counter({
    name: 'slc_connections_refused_total',
    help: 'Sockets turned away before joining a room, by WebSocket close code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const messagesIn = new Counter({ name: 'slc_messages_received_total', help: 'Messages received from clients', registers: [registry] });
  const messagesOut = new Counter({ name: 'slc_messages_sent_total', help: 'Messages sent to clients', registers: [registry] });
  const bytesIn = new Counter({ name: 'slc_message_bytes_received_total', help: 'Bytes of messages received from clients', registers: [registry] });
  const bytesOut = new Counter({ name: 'slc_message_bytes_sent_total', help: 'Bytes of messages sent to clients', registers: [registry] });
  const saveSeconds = new Histogram({
    name: 'slc_save_duration_seconds',
    help: 'Time for one durable write (append, compaction or metadata) to reach the disk',
    labelNames: ['op'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const saveFailures = new Counter({
    name: 'slc_save_failures_total',
    help: 'Durable writes that failed (the room keeps the edits and retries)',
    labelNames: ['op'] as const,
    registers: [registry],
  });

  function timed<A extends unknown[]>(op: string, write: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
    return async (...args) => {
      const stop = saveSeconds.startTimer({ op });
      try {
        await write(...args);
        stop();
      } catch (err) {
        saveFailures.inc({ op });
        throw err;
      }
    };
  }

  return {
    connectionOpened: () => opened.inc(),
    refused: (code) => refused.inc({ code: String(code) }),
    messageIn: (bytes) => {
      messagesIn.inc();
      bytesIn.inc(bytes);
    },
    messageOut: (bytes) => {
      messagesOut.inc();
      bytesOut.inc(bytes);
    },
    timedStorage: (storage) => ({
      append: timed('append', storage.append.bind(storage)),
      compact: timed('compact', storage.compact.bind(storage)),
      setMeta: timed('meta', storage.setMeta.bind(storage)),
      close: storage.close.bind(storage),
    }),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
