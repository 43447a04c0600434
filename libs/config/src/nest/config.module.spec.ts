import { Inject, Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { ConfigOf } from '../define-config';
import { defineConfig } from '../define-config';
import { port } from '../building-blocks/numbers';
import { setting } from '../setting';
import { ConfigModule, HUB_CONFIG } from './config.module';

const appConfig = defineConfig({
  port: setting({
    env: 'HTTP_PORT',
    schema: port(),
    description: 'Listen port.',
    default: '3000',
    secret: false,
  }),
});
type AppConfig = ConfigOf<typeof appConfig>;

@Injectable()
class UsesConfig {
  constructor(@Inject(HUB_CONFIG) readonly config: AppConfig) {}
}

describe('ConfigModule.forRoot', () => {
  it('provides the loaded config under HUB_CONFIG to any module', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(appConfig, { env: { HTTP_PORT: '8080' } })],
      providers: [UsesConfig],
    }).compile();
    expect(moduleRef.get(UsesConfig).config.port).toBe(8080);
  });

  it('supports another token', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(appConfig, { token: 'OTHER', env: {} })],
    }).compile();
    expect(moduleRef.get<AppConfig>('OTHER').port).toBe(3000);
  });

  it('stops bootstrap with the ConfigError message', async () => {
    const building = Test.createTestingModule({
      imports: [ConfigModule.forRoot(appConfig, { env: { HTTP_PORT: 'x' } })],
    }).compile();
    await expect(building).rejects.toThrow('HTTP_PORT: must be a port number (1-65535) (got "x")');
  });
});
