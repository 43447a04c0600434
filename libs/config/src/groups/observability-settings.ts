import { logLevel, text } from '../building-blocks/scalars';
import { group, setting } from '../setting';

/** Logging identity and verbosity. */
export const observabilitySettings = group({
  logLevel: setting({
    env: 'LOG_LEVEL',
    schema: logLevel(),
    description: 'Minimum log level: fatal, error, warn, info, debug, trace or silent.',
    default: 'info',
    secret: false,
  }),
  serviceName: setting({
    env: 'SERVICE_NAME',
    schema: text(),
    description: 'Service name on every log line; each app sets its own default.',
    default: 'erp-integration-hub',
    secret: false,
  }),
});
