import { CreateSweepWatermark1764230400000 } from './1764230400000-create-sweep-watermark';

export { CreateSweepWatermark1764230400000 };

/** Every migration of the runtime's own tables, oldest first. */
export const connectorRuntimeMigrations = [CreateSweepWatermark1764230400000];
