import { call } from '../support/bench';

/** What each member must have in the centre once every event is handled. */
export interface Expected {
  /** Thread → how many incoming messages it got (one coalesced team_message per member with that count). */
  teamMessages: Map<string, number>;
  /** Member → thread → how many times they were mentioned there. */
  mentions: Map<string, Map<string, number>>;
  /** Member → threads assigned to them. */
  assignments: Map<string, Set<string>>;
}

interface Item {
  kind: string;
  contactId: string;
  count: number;
}

async function centreOf(gatewayUrl: string, token: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await call('GET', `${gatewayUrl}/v1/notifications?${query}`, token);
    if (page.status !== 200) throw new Error(`GET /v1/notifications: ${page.status} ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Nothing lost or doubled: every member's centre read back over the gateway against what the events
 * said. Answers how many notifications are missing (or counted short) and how many are extra.
 */
export async function verify(gatewayUrl: string, members: Array<{ id: string; token: string }>, expected: Expected): Promise<{ lost: number; doubled: number; examples: string[] }> {
  let lost = 0;
  let doubled = 0;
  const examples: string[] = [];
  const note = (text: string) => examples.length < 10 && examples.push(text);
  for (const member of members) {
    const items = await centreOf(gatewayUrl, member.token);
    const of = (kind: string, contactId: string) => items.filter((item) => item.kind === kind && item.contactId === contactId);
    for (const [contactId, messages] of expected.teamMessages) {
      const found = of('team_message', contactId);
      if (found.length === 0 || found[0].count < messages) {
        lost++;
        note(`${member.id}: team_message of ${contactId} ${found[0]?.count ?? 'missing'} / ${messages}`);
      }
      if (found.length > 1 || (found[0] && found[0].count > messages)) {
        doubled++;
        note(`${member.id}: team_message of ${contactId} ×${found.length}, count ${found[0].count} / ${messages}`);
      }
    }
    for (const [contactId, times] of expected.mentions.get(member.id) ?? new Map<string, number>()) {
      const found = of('mentioned', contactId).length;
      lost += Math.max(0, times - found);
      doubled += Math.max(0, found - times);
      if (found !== times) note(`${member.id}: mentioned on ${contactId} ×${found} / ${times}`);
    }
    for (const contactId of expected.assignments.get(member.id) ?? new Set<string>()) {
      const found = of('assigned', contactId).length;
      lost += found === 0 ? 1 : 0;
      doubled += Math.max(0, found - 1);
      if (found !== 1) note(`${member.id}: assigned ${contactId} ×${found}`);
    }
  }
  return { lost, doubled, examples };
}
