import { parseBroker } from './broker-probe';

describe('parseBroker', () => {
  it.each([
    ['127.0.0.1:9092', '127.0.0.1', 9092],
    ['kafka-0.kafka:19092', 'kafka-0.kafka', 19092],
    ['[::1]:9092', '::1', 9092],
  ])('reads %s', (broker, host, port) => {
    expect(parseBroker(broker)).toEqual({ host, port });
  });
});
