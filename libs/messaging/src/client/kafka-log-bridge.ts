import { logLevel, type logCreator } from 'kafkajs';
import type { MessagingLogger } from '../logger';

// kafkajs warns at every start of a producer whose retries are bounded; ours are bounded on
// purpose (see producer.ts), so that one line is demoted to debug instead of alarming operators.
const expectedWarnings = ['Limiting retries for the idempotent producer'];

/** Routes kafkajs' own log lines into the app's logger, tagged with their namespace. */
export function kafkaLogBridge(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, ...details } = log;
      const context = { ...details, kafkajs: namespace };
      if (level === logLevel.ERROR) logger.error(context, message);
      else if (level === logLevel.WARN) {
        if (expectedWarnings.some((text) => message.startsWith(text)))
          logger.debug(context, message);
        else logger.warn(context, message);
      } else if (level === logLevel.INFO) logger.info(context, message);
      else logger.debug(context, message);
    };
}
