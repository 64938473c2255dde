import { rateRulesOf, RateSettings } from './rate-rules';

const settings: RateSettings = { profile: 'production', loginsPerAddressPerMinute: 30, workspacesPerAddressPerHour: 5, callsPerTokenPerMinute: 600, ingressPerChannelPerSecond: 500 };

describe('the gateway rate limits (issue #18)', () => {
  it('failed logins per e-mail are about 10 in 15 minutes in every profile', () => {
    for (const profile of ['production', 'development', 'test'] as const) {
      expect(rateRulesOf({ ...settings, profile }).loginFailuresPerEmail).toMatchObject({ limit: 10, windowMs: 15 * 60_000 });
    }
  });

  it('address-wide limits hold in production and are loose where everyone is 127.0.0.1', () => {
    expect(rateRulesOf(settings).loginsPerAddress.limit).toBe(30);
    expect(rateRulesOf(settings).workspacesPerAddress).toMatchObject({ limit: 5, windowMs: 3_600_000 });
    expect(rateRulesOf({ ...settings, profile: 'test' }).workspacesPerAddress.limit).toBeGreaterThan(10_000);
    expect(rateRulesOf({ ...settings, profile: 'development' }).loginsPerAddress.limit).toBeGreaterThan(10_000);
  });

  it('per-token limits come from the settings in production; per-channel ones in every profile', () => {
    expect(rateRulesOf(settings).callsPerToken).toMatchObject({ limit: 600, windowMs: 60_000 });
    expect(rateRulesOf({ ...settings, profile: 'test' }).callsPerToken.limit).toBeGreaterThan(100_000);
    expect(rateRulesOf({ ...settings, profile: 'test' }).ingressPerChannel).toMatchObject({ limit: 500, windowMs: 1000 });
  });
});
