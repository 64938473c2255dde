import { IsInt, Max, Min } from 'class-validator';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig, WithMongo, WithServicePorts } from './common-config';

class ExampleConfig extends WithServicePorts(WithMongo(ServiceConfig)) {
  @IsInt()
  @Min(0)
  @Max(65535)
  PUBLIC_PORT: number = 3000;
}

const valid = {
  INTERNAL_SECRET: 'an-internal-secret-value',
  NATS_URL: 'nats://127.0.0.1:4222',
  MONGODB_URL: 'mongodb://127.0.0.1:27017/',
  MONGODB_DATABASE: 'omnibox_example',
  HTTP_PORT: '3101',
  GRPC_PORT: '50051',
};

describe('configuration from the environment', () => {
  it('reads variables into typed values and keeps defaults for the unset ones', () => {
    const config = loadConfig(ExampleConfig, { ...valid, PUBLIC_PORT: '3999' });
    expect(config.PUBLIC_PORT).toBe(3999);
    expect(config.HTTP_PORT).toBe(3101);
    expect(config.EVENT_STREAM).toBe('INBOX');
    expect(loadConfig(ExampleConfig, valid).PUBLIC_PORT).toBe(3000);
  });

  it('names every missing or malformed variable, and never prints a secret value', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig(ExampleConfig, { ...valid, NATS_URL: 'http://wrong', PUBLIC_PORT: 'eighty', MONGODB_URL: '', INTERNAL_SECRET: 'short-secret' });
    } catch (caught) {
      error = caught as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).toContain('NATS_URL: must be a URL starting with nats://');
    expect(error!.message).toContain('PUBLIC_PORT');
    expect(error!.message).toContain('MONGODB_URL');
    expect(error!.message).toContain('INTERNAL_SECRET: must be at least 16 characters');
    expect(error!.message).not.toContain('short-secret');
  });
});
