import { metricsText } from '../support/service-timings';

/** `service|command|collection` → commands sent so far. */
export type CommandCounts = Map<string, number>;

const SERIES = /^mongodb_commands_total\{command="([^"]*)",collection="([^"]*)"\} (\d+(?:\.\d+)?(?:e\+\d+)?)$/;

/**
 * The MongoDB commands each service has sent so far, from its `mongodb_commands_total` (services run
 * with MONGODB_COMMAND_STATS=true). Reading `/metrics` costs one `count` of the outbox backlog per
 * service, which is noise beside thousands of messages.
 */
export async function readCommandCounts(metricsUrls: Record<string, string | undefined>): Promise<CommandCounts> {
  const counts: CommandCounts = new Map();
  for (const [service, url] of Object.entries(metricsUrls)) {
    if (!url) continue;
    for (const line of (await metricsText(url)).split('\n')) {
      const match = SERIES.exec(line);
      if (match) counts.set(`${service}|${match[1]}|${match[2]}`, Number(match[3]));
    }
  }
  return counts;
}

const LAG = /^consumer_lag_messages\{consumer="([^"]*)"\} (\d+)$/;

/**
 * Waits until every durable consumer of every service has caught up (`consumer_lag_messages` 0), at
 * most `seconds`: what a message costs includes the work its events cause after it is on the
 * timeline (contact events, inbox rows). Answers the consumers still behind.
 */
export async function waitForConsumers(metricsUrls: Record<string, string | undefined>, seconds: number): Promise<string[]> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const behind: string[] = [];
    for (const [service, url] of Object.entries(metricsUrls)) {
      if (!url) continue;
      for (const line of (await metricsText(url)).split('\n')) {
        const match = LAG.exec(line);
        if (match && Number(match[2]) > 0) behind.push(`${service}/${match[1]} ${match[2]}`);
      }
    }
    if (behind.length === 0 || Date.now() > until) return behind;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Commands per message between two readings, in total and per service (its commands by collection,
 * the most frequent first), e.g. `contacts 3.02: insert contacts 1.00, find channel_identities 1.00 …`.
 */
export function commandsPerMessage(before: CommandCounts, after: CommandCounts, messages: number): string[] {
  if (messages === 0) return ['MongoDB commands per message: no message reached a timeline'];
  const perService = new Map<string, Array<[string, number]>>();
  let total = 0;
  for (const [key, count] of after) {
    const sent = count - (before.get(key) ?? 0);
    if (sent <= 0) continue;
    const [service, command, collection] = key.split('|');
    total += sent;
    perService.set(service, [...(perService.get(service) ?? []), [`${command} ${collection}`.trim(), sent / messages]]);
  }
  const lines = [`MongoDB commands per message (counted by the services' drivers over ${messages} messages): ${(total / messages).toFixed(2)}`];
  for (const [service, commands] of [...perService].sort(([a], [b]) => a.localeCompare(b))) {
    const sum = commands.reduce((acc, [, rate]) => acc + rate, 0);
    const shown = commands
      .sort((a, b) => b[1] - a[1])
      .filter(([, rate]) => rate >= 0.005)
      .map(([name, rate]) => `${name} ${rate.toFixed(2)}`);
    lines.push(`  ${service} ${sum.toFixed(2)}: ${shown.join(', ')}`);
  }
  return lines;
}
