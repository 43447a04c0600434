export * from './endpoints';
export * from './unique-name';
export * from './kafka-fixtures';
export * from './postgres-fixtures';
export * from './topic-collector';
export * from './postgres-cpu';
export * from './signal-holds';
