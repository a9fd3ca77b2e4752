import { type DynamicModule, Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from './config/app-config.js';
import { DomainEvents } from './events/domain-events.js';
import { loggerOptions } from './logging/logger-options.js';

/** Configuration, logging and the domain-event port, for every other module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [LoggerModule.forRoot(loggerOptions(config))],
      providers: [{ provide: AppConfig, useValue: config }, DomainEvents],
      exports: [AppConfig, DomainEvents],
    };
  }
}
