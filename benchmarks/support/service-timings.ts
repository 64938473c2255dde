import { request } from 'undici';
import { percentile } from './bench';

/** A latency histogram of one service, e.g. the gateway's `http_request_duration_seconds` of a route. */
export interface DurationSeries {
  /** The service whose `/metrics` holds it (a key of the bench platform's `metricsUrls`). */
  service: string;
  metric: string;
  /** Its labels exactly as `/metrics` prints them, e.g. `service="Inbox",method="ListConversations",code="OK"`. */
  labels: string;
}

/** How many observations a histogram holds so far, and their sum in seconds. */
export interface DurationTotals {
  count: number;
  sum: number;
}

const SAMPLE = /^(\w+)_(sum|count)\{(.*)\} (\S+)$/;

/** A service's `/metrics` page as text. */
export async function metricsText(url: string): Promise<string> {
  const res = await request(url);
  return res.body.text();
}

/** The totals of each series, read from the services' `/metrics`; a series not there yet counts 0. */
export async function readDurations(metricsUrls: Record<string, string | undefined>, series: DurationSeries[]): Promise<DurationTotals[]> {
  const texts = new Map<string, string>();
  for (const { service } of series) {
    const url = metricsUrls[service];
    if (url && !texts.has(service)) texts.set(service, await metricsText(url));
  }
  return series.map(({ service, metric, labels }) => {
    const totals = { count: 0, sum: 0 };
    for (const line of (texts.get(service) ?? '').split('\n')) {
      const match = SAMPLE.exec(line);
      if (!match || match[1] !== metric || match[3] !== labels) continue;
      totals[match[2] as 'sum' | 'count'] = Number(match[4]);
    }
    return totals;
  });
}

/** The mean duration in ms of the observations made between two readings (NaN when there were none). */
export function meanMsBetween(before: DurationTotals, after: DurationTotals): number {
  const count = after.count - before.count;
  return count > 0 ? ((after.sum - before.sum) / count) * 1000 : NaN;
}

/**
 * prom-client samples the event loop with a timer every 10 ms and reports each interval whole, so an
 * idle loop shows 10 ms: the delay a callback waited is the figure minus that.
 */
const SAMPLING_MS = 10;
const LAG = /^nodejs_eventloop_lag_(mean|p99)_seconds (\S+)$/;

/** A service's event loop while the load ran: the median of its sampled means, the highest sampled p99 (ms). */
export interface LoopDelay {
  service: string;
  mean: number;
  p99: number;
}

/**
 * Samples every service's event-loop delay (`nodejs_eventloop_lag_*`, which prom-client resets at each
 * read) every `everyMs`: how long a callback that became ready (a reply from an engine, a request) waited
 * for its process to get to it. Under load that wait repeats at every hop of a request.
 */
export class EventLoopSampler {
  private readonly samples = new Map<string, Array<{ mean: number; p99: number }>>();
  private timer?: NodeJS.Timeout;
  private reading?: Promise<void>;

  constructor(private readonly metricsUrls: Record<string, string | undefined>) {}

  start(everyMs = 5000): void {
    // The first read only resets what the set-up left in the histograms.
    let first = true;
    const read = async () => {
      for (const [service, url] of Object.entries(this.metricsUrls)) {
        if (!url) continue;
        const text = await metricsText(url).catch(() => '');
        const figures: Record<string, number> = {};
        for (const line of text.split('\n')) {
          const match = LAG.exec(line);
          if (match) figures[match[1]] = Math.max(0, Number(match[2]) * 1000 - SAMPLING_MS);
        }
        if (first || figures.mean === undefined || figures.p99 === undefined) continue;
        const list = this.samples.get(service) ?? [];
        list.push({ mean: figures.mean, p99: figures.p99 });
        this.samples.set(service, list);
      }
      first = false;
    };
    this.reading = read();
    this.timer = setInterval(() => {
      this.reading = (this.reading ?? Promise.resolve()).then(read);
    }, everyMs);
  }

  async stop(): Promise<LoopDelay[]> {
    clearInterval(this.timer);
    await this.reading;
    return [...this.samples].map(([service, list]) => {
      const means = list.map((sample) => sample.mean).sort((a, b) => a - b);
      return { service, mean: percentile(means, 50), p99: Math.max(...list.map((sample) => sample.p99)) };
    });
  }
}
