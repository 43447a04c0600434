/** The static bearer token of the admin routes; long enough that guessing is out of reach. */
import { z } from 'zod';

export const MIN_ADMIN_TOKEN_LENGTH = 24;

export const adminTokenSchema = z
  .string()
  .min(MIN_ADMIN_TOKEN_LENGTH, `must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
