import { loadConfig } from '@omnibox/platform';
import { NotificationsConfig } from '../../../services/notifications/src/config';
import { buildHelm, CHART, helm, PRODUCTION, RELEASE, render, Rendered, SERVICES } from './chart';

type EgressRule = { ports: Array<{ port: number | string; protocol?: string }>; to?: Array<{ ipBlock?: { cidr: string; except?: string[] } }> };

// Web Push in the chart (NTF-2): the notifications service gets its VAPID key from the Secret (made
// once and kept, or given, or from an existing Secret) and its VAPID subject as a setting, and may
// send HTTPS to the browsers' push services, which are on the internet; no other service gets either.

const renders = new Map<string, Rendered>();

beforeAll(async () => {
  await buildHelm();
  renders.set('default values', await render());
  renders.set('production values', await render('-f', PRODUCTION));
}, 600_000);

/** The notifications' egress rule to push services: HTTPS to public addresses (a `to`, unlike the S3 rule). */
/** HTTPS alone to public addresses: the push-services rule (link previews' rule also opens port 80). */
const pushRule = (rendered: Rendered, service: string) =>
  (rendered.get('NetworkPolicy', `${RELEASE}-${service}`).spec.egress as EgressRule[]).find((rule) =>
    rule.ports.length === 1 && rule.ports[0].port === 443 && rule.to?.some((peer) => peer.ipBlock?.cidr === '0.0.0.0/0'),
  );

describe('Web Push with the default values', () => {
  const rendered = () => renders.get('default values')!;

  it('NTF-2: the notifications service gets a generated P-256 VAPID key its config accepts, from the Secret, and its subject as a setting', () => {
    const env = rendered().environment('notifications');
    expect(env.VAPID_PRIVATE_KEY).toMatch(/^-----BEGIN EC PRIVATE KEY-----/);
    expect(env.VAPID_SUBJECT).toBe('mailto:ops@example.com');
    const config = loadConfig(NotificationsConfig, env);
    expect(config.vapidKeys().publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(rendered().get('ConfigMap', `${RELEASE}-notifications`).data!.VAPID_PRIVATE_KEY).toBeUndefined();
    for (const service of Object.keys(SERVICES).filter((name) => name !== 'notifications')) {
      expect([service, Object.keys(rendered().environment(service)).filter((key) => key.startsWith('VAPID_'))]).toEqual([service, []]);
    }
  });

  it('NTF-2: only the notifications service may reach push services: HTTPS to any public address, private ranges closed', () => {
    const rule = pushRule(rendered(), 'notifications')!;
    expect(rule.ports).toEqual([{ port: 443, protocol: 'TCP' }]);
    expect(rule.to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: expect.arrayContaining(['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16']) } },
      { ipBlock: { cidr: '::/0', except: expect.arrayContaining(['fc00::/7', 'fe80::/10']) } },
    ]);
    for (const service of Object.keys(SERVICES).filter((name) => name !== 'notifications')) expect([service, pushRule(rendered(), service)]).toEqual([service, undefined]);
  });
});

describe('Web Push with the production values', () => {
  it('reads the VAPID key from the existing Secret', () => {
    const env = renders.get('production values')!.environment('notifications');
    expect(env.VAPID_PRIVATE_KEY).toBe('<omnibox-secrets/VAPID_PRIVATE_KEY>');
    expect(env.VAPID_SUBJECT).toBe('mailto:support-ops@inbox.example.com');
    expect(pushRule(renders.get('production values')!, 'notifications')).toBeDefined();
  });
});

describe('configuring Web Push', () => {
  it('puts a VAPID key given in values into the Secret', async () => {
    const key = 'nAr9hmrmQ5EKvr5L_3cvVczUk4RlG5FBn-Qh9ngJHOI';
    const rendered = await render('--set', `secrets.vapidPrivateKey=${key}`);
    expect(rendered.environment('notifications').VAPID_PRIVATE_KEY).toBe(key);
  });

  it.each([
    [['--set', 'notifications.vapidSubject=ops@example.com'], 'notifications.vapidSubject: Does not match pattern'],
    [['--set', 'secrets.vapidPrivateKey=not-a-key'], 'secrets.vapidPrivateKey: Does not match pattern'],
    [['--set', 'networkPolicy.pushServices.ports=null'], 'networkPolicy.pushServices: ports is required'],
  ])('helm lint rejects %j naming the value', async (args, message) => {
    const result = await helm(['lint', CHART, ...args]);
    expect(result.code).not.toBe(0);
    expect(result.stdout + result.stderr).toContain(message);
  });
});
