import type { RateRule } from '@omnibox/platform';

/** What a deployment sets; see the gateway README. */
export interface RateSettings {
  profile: 'production' | 'development' | 'test';
  loginsPerAddressPerMinute: number;
  workspacesPerAddressPerHour: number;
  callsPerTokenPerMinute: number;
  ingressPerChannelPerSecond: number;
}

/**
 * The gateway's rate limits (issue #18). Address-wide and per-token ones are loose in development and
 * tests, where every user and workspace comes from 127.0.0.1 and benchmarks drive one token hard.
 */
export interface RateRules {
  /** Failed logins per e-mail: strict in every profile, so a password cannot be guessed anywhere. */
  loginFailuresPerEmail: RateRule;
  loginsPerAddress: RateRule;
  workspacesPerAddress: RateRule;
  callsPerToken: RateRule;
  ingressPerChannel: RateRule;
}

const MINUTE = 60_000;
const LOCAL_ADDRESS_LIMIT = 100_000;

export function rateRulesOf(settings: RateSettings): RateRules {
  const local = settings.profile !== 'production';
  return {
    loginFailuresPerEmail: { name: 'failed logins for this e-mail', limit: 10, windowMs: 15 * MINUTE },
    loginsPerAddress: { name: 'logins from this address', limit: local ? LOCAL_ADDRESS_LIMIT : settings.loginsPerAddressPerMinute, windowMs: MINUTE },
    workspacesPerAddress: { name: 'workspaces created from this address', limit: local ? LOCAL_ADDRESS_LIMIT : settings.workspacesPerAddressPerHour, windowMs: 60 * MINUTE },
    callsPerToken: { name: 'API calls with this token', limit: local ? LOCAL_ADDRESS_LIMIT * 10 : settings.callsPerTokenPerMinute, windowMs: MINUTE },
    ingressPerChannel: { name: 'provider events for this channel', limit: settings.ingressPerChannelPerSecond, windowMs: 1000 },
  };
}
