import { providerConnection } from './provider-connection';

const whatsapp = { phoneNumberId: '1065', accessToken: 'EAAG-token', appSecret: 'app-secret', verifyToken: 'verify-me' };

describe('provider connection (CHN-1)', () => {
  it('a WhatsApp channel with its Cloud API settings uses the Cloud API adapter; the secrets go to the credentials only', () => {
    const connection = providerConnection('whatsapp', { ...whatsapp, apiBaseUrl: 'http://127.0.0.1:9/' });
    expect(connection).toEqual({
      config: { adapter: 'whatsapp_cloud', phoneNumberId: '1065', apiVersion: 'v23.0', apiBaseUrl: 'http://127.0.0.1:9' },
      credentials: { kind: 'whatsapp_cloud', accessToken: 'EAAG-token', appSecret: 'app-secret', verifyToken: 'verify-me' },
    });
    expect(JSON.stringify((connection as { config: unknown }).config)).not.toMatch(/EAAG|app-secret|verify-me/);
  });

  it('half a WhatsApp connection is refused naming the missing field', () => {
    expect(providerConnection('whatsapp', { phoneNumberId: '1065', accessToken: 't' })).toEqual({ field: 'config.appSecret', message: expect.stringContaining('required') });
  });

  it('a Telegram bot token connects the Bot API at its public address unless told otherwise', () => {
    expect(providerConnection('telegram', { botToken: '123:abc' })).toEqual({ config: { adapter: 'telegram_bot', apiBaseUrl: 'https://api.telegram.org' }, credentials: { kind: 'telegram_bot', botToken: '123:abc' } });
  });

  it('an e-mail channel needs its address and a relay; the password is a credential, the address is kept lower case', () => {
    expect(providerConnection('email', { address: 'Help@Shop.example', smtp: { host: 'smtp.example', port: 465, user: 'help', password: 'pw' } })).toEqual({
      config: { adapter: 'smtp', address: 'help@shop.example', smtp: { host: 'smtp.example', port: 465, secure: true, user: 'help' } },
      credentials: { kind: 'smtp', password: 'pw' },
    });
    expect(providerConnection('email', { address: 'help@shop.example' })).toMatchObject({ field: 'config.smtp' });
    expect(providerConnection('email', { smtp: { host: 'smtp.example', port: 587 } })).toMatchObject({ field: 'config.address' });
  });

  it('without provider settings a channel stays on the generic HTTP adapter, as before', () => {
    expect(providerConnection('whatsapp', { outboundUrl: 'https://bridge.example/send' })).toEqual({ config: { adapter: 'http' }, credentials: null });
    expect(providerConnection('api', {})).toEqual({ config: { adapter: 'http' }, credentials: null });
  });

  it('settings of another provider, or a provider connection beside an outboundUrl, are refused naming the field', () => {
    expect(providerConnection('whatsapp', { botToken: '1:a' })).toMatchObject({ field: 'config.botToken' });
    expect(providerConnection('api', { address: 'a@b.example' })).toMatchObject({ field: 'config.address' });
    expect(providerConnection('telegram', { botToken: '1:a', outboundUrl: 'https://x.example' })).toMatchObject({ field: 'config.outboundUrl' });
    expect(providerConnection('telegram', { apiBaseUrl: 'https://x.example' })).toMatchObject({ field: 'config.apiBaseUrl' });
  });
});
